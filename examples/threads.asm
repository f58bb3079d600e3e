; threads: two threads sharing the address space print interleaved lines, yielding to each
; other; the main thread ends first and the program ends when the last thread does.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

LINES equ 5
STACK_BYTES equ 0x2000

main:
    call ask_kernel
    mov eax, SYS_MAP
    mov ebx, 2 * STACK_BYTES
    call [syscall_entry]
    test eax, eax
    js .failed
    mov esi, eax
    mov eax, SYS_THREAD_CREATE
    mov ebx, worker
    lea ecx, [esi + STACK_BYTES]
    mov edx, 'A'
    call [syscall_entry]
    test eax, eax
    js .failed
    mov eax, SYS_THREAD_CREATE
    mov ebx, worker
    lea ecx, [esi + 2 * STACK_BYTES]
    mov edx, 'B'
    call [syscall_entry]
    test eax, eax
    js .failed
    print "threads: main thread started A and B and ends", 10
    mov eax, SYS_THREAD_EXIT
    call [syscall_entry]
.failed:
    print "threads: could not start the threads", 10
    mov ebx, 1
    jmp exit

; EAX = the letter this thread prints.
worker:
    sub esp, 16
    mov [esp], al
    mov dword [esp + 1], ' lin'
    mov word [esp + 5], 'e '
    mov byte [esp + 7], '0'
    mov byte [esp + 8], 10
    mov edi, LINES
.line:
    mov eax, SYS_WRITE
    mov ebx, esp
    mov ecx, 9
    call [syscall_entry]
    inc byte [esp + 7]
    mov eax, SYS_THREAD_YIELD
    call [syscall_entry]
    dec edi
    jnz .line
    mov eax, SYS_THREAD_EXIT
    call [syscall_entry]
