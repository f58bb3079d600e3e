; soak-threads: a guest that never ends, for the soak bench (i386-lab bench --suite soak).
; Four worker threads share the address space: each sweeps its own 64 KiB of map()ed memory
; (so that the debugger's history has pages to copy), adds into a shared counter with LOCK
; XADD, yields, and now and then prints a line; the main thread sleeps a tick at a time and
; asks the kernel for its tick count. Preemption by the timer and the voluntary yields mix.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "../examples/user.inc"

WORKERS      equ 4
AREA_BYTES   equ 0x10000
STACK_BYTES  equ 0x2000

main:
    call ask_kernel
    mov edi, WORKERS
.spawn:
    mov eax, SYS_MAP
    mov ebx, AREA_BYTES + STACK_BYTES
    call [syscall_entry]
    test eax, eax
    js .failed
    lea ecx, [eax + AREA_BYTES + STACK_BYTES]   ; stack top above the area
    mov edx, eax                                ; the worker's area
    mov eax, SYS_THREAD_CREATE
    mov ebx, worker
    call [syscall_entry]
    test eax, eax
    js .failed
    dec edi
    jnz .spawn
    print "soak: workers started", 10
.idle:
    mov eax, SYS_SLEEP
    mov ebx, 1
    call [syscall_entry]
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_TICKS
    call [syscall_entry]
    jmp .idle
.failed:
    print "soak: could not start the workers", 10
    mov ebx, 1
    jmp exit

; EAX = the worker's area (AREA_BYTES of its own).
worker:
    mov ebp, eax
    xor esi, esi                ; round
.round:
    mov edi, ebp
    mov ecx, AREA_BYTES / 4
    mov eax, esi
.sweep:
    add [edi], eax
    add edi, 4
    inc eax
    dec ecx
    jnz .sweep
    mov eax, 1
    lock xadd [shared_counter], eax
    inc esi
    test esi, 0x3ff
    jnz .quiet
    print "soak: a worker finished 1024 rounds", 10
.quiet:
    mov eax, SYS_THREAD_YIELD
    call [syscall_entry]
    jmp .round

shared_counter dd 0
