; startup-hello: the smallest program under the guest kernel that says something: one write
; and exit. The startup bench times `i386-lab run bench/startup-hello.asm` as a whole process.
bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD

    mov eax, SYS_WRITE
    mov ebx, message
    mov ecx, message_len
    int VEC_SYSCALL_INT
    mov eax, SYS_EXIT
    xor ebx, ebx
    int VEC_SYSCALL_INT

message db "hello", 10
message_len equ $ - message
