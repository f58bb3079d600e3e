; A static Linux program that prints its arguments after argv[0], one per line, and argc as
; its exit status: the same on the host and on the kernel, which takes argv from module 0's
; string.

bits 32

section .text
global _start
_start:
    mov ebp, esp
    mov esi, 2                          ; argv[1] is at [esp + 8]
.next:
    mov ecx, [ebp + esi * 4]
    test ecx, ecx
    jz .done
    xor edx, edx
.length:
    cmp byte [ecx + edx], 0
    je .print
    inc edx
    jmp .length
.print:
    mov eax, 4
    mov ebx, 1
    int 0x80
    mov eax, 4
    mov ebx, 1
    mov ecx, newline
    mov edx, 1
    int 0x80
    inc esi
    jmp .next
.done:
    mov eax, 252
    mov ebx, [ebp]                      ; argc
    int 0x80

section .data
newline: db 10
