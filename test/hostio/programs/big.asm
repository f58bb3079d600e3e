; big: a static Linux i386 program (nasm -f elf32, ld -m elf_i386) that writes 100 MiB to
; standard output: 1600 writes of the same 64 KiB buffer (bytes 0..255 repeated). Exit
; status 0, or 3 when a write fails or is cut short.

bits 32
SYS_exit_group equ 252
SYS_write      equ 4
CHUNK          equ 65536
COUNT          equ 1600

section .text
global _start
_start:
    mov edi, buffer
    xor eax, eax
    mov ecx, CHUNK
.fill:
    stosb
    inc al
    loop .fill
    mov esi, COUNT
.write:
    mov eax, SYS_write
    mov ebx, 1
    mov ecx, buffer
    mov edx, CHUNK
    int 0x80
    cmp eax, CHUNK
    jne .fail
    dec esi
    jnz .write
    mov eax, SYS_exit_group
    xor ebx, ebx
    int 0x80
.fail:
    mov eax, SYS_exit_group
    mov ebx, 3
    int 0x80

section .bss
buffer resb CHUNK
