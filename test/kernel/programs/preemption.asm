; The PIT preempts a thread that never makes a system call: a spinning thread counts while
; the main thread sleeps; the main thread must get the CPU back and see the count grow.
; Without preemption the program never ends. Then INT3 in a thread is reported as #BP.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

main:
    call ask_kernel
    mov eax, SYS_MAP
    mov ebx, 0x2000
    call [syscall_entry]
    mov esi, eax
    mov eax, SYS_THREAD_CREATE
    mov ebx, spin
    lea ecx, [esi + 0x1000]
    call [syscall_entry]
    mov eax, SYS_SLEEP
    mov ebx, 5
    call [syscall_entry]
    mov eax, [count]
    test eax, eax
    jz .starved
    mov [seen], eax
    mov eax, SYS_SLEEP
    mov ebx, 5
    call [syscall_entry]
    mov eax, [count]
    cmp eax, [seen]
    jbe .starved
    print "preemption: the spinning thread was preempted and kept running", 10
    mov eax, SYS_THREAD_CREATE
    mov ebx, breakpoint
    lea ecx, [esi + 0x2000]
    call [syscall_entry]
    mov eax, SYS_SLEEP
    mov ebx, 2
    call [syscall_entry]
    xor ebx, ebx
    jmp exit
.starved:
    print "preemption: the spinning thread did not run", 10
    mov ebx, 1
    jmp exit

spin:
    inc dword [count]
    jmp spin

breakpoint:
    int3

count dd 0
seen  dd 0
