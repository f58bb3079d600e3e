; stdio: a static Linux i386 program (nasm -f elf32, ld -m elf_i386) that copies standard
; input to standard output in chunks of up to 4000 bytes (read, write), writes one line to
; standard error between the chunks and the end, and ends with a line on stdout that counts
; the bytes copied, in decimal. Exit status 3 when a call fails.

bits 32
SYS_exit_group equ 252
SYS_read       equ 3
SYS_write      equ 4
CHUNK          equ 4000

section .text
global _start
_start:
    xor esi, esi                    ; bytes copied
.copy:
    mov eax, SYS_read
    xor ebx, ebx
    mov ecx, buffer
    mov edx, CHUNK
    int 0x80
    test eax, eax
    js .fail
    jz .done
    add esi, eax
    mov edx, eax
    mov eax, SYS_write
    mov ebx, 1
    mov ecx, buffer
    int 0x80
    test eax, eax
    js .fail
    jmp .copy
.done:
    mov eax, SYS_write
    mov ebx, 2
    mov ecx, to_stderr
    mov edx, to_stderr_len
    int 0x80
    ; "copied N bytes\n"
    mov edi, line_end
    mov byte [edi], 10
    mov eax, esi
    mov ebx, 10
.digit:
    xor edx, edx
    div ebx
    add dl, '0'
    dec edi
    mov [edi], dl
    test eax, eax
    jnz .digit
    sub edi, copied_len
    mov ecx, copied_len
    push edi
    mov esi, copied
    rep movsb
    pop ecx
    mov edx, line_end + 1
    sub edx, ecx
    mov eax, SYS_write
    mov ebx, 1
    int 0x80
    mov eax, SYS_exit_group
    xor ebx, ebx
    int 0x80
.fail:
    mov eax, SYS_exit_group
    mov ebx, 3
    int 0x80

section .data
to_stderr db "stdio: this line is on stderr", 10
to_stderr_len equ $ - to_stderr
copied db "copied "
copied_len equ $ - copied

section .bss
buffer resb CHUNK
line resb 32
line_end resb 1
