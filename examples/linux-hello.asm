; linux-hello: an unmodified static Linux i386 program (nasm -f elf32, ld -m elf_i386). It
; uses only int 0x80 and prints the same on a real Linux as on the i386 Lab kernel: write,
; brk, mmap2/munmap, a bad pointer (EFAULT), getpid, clock_gettime, a zeroed .bss.

bits 32

SYS_exit_group equ 252
SYS_write      equ 4
SYS_brk        equ 45
SYS_mmap2      equ 192
SYS_munmap     equ 91
SYS_getpid     equ 20
SYS_clock_gettime equ 265
CLOCK_MONOTONIC equ 1
BUFFER_BYTES   equ 16384
PROT_READ_WRITE equ 3
MAP_PRIVATE_ANONYMOUS equ 0x22

section .text
global _start
_start:
    mov eax, SYS_write
    mov ebx, 1
    mov ecx, hello
    mov edx, hello_len
    int 0x80

    ; Grow the heap by a page with brk and build a line in it.
    mov eax, SYS_brk
    xor ebx, ebx
    int 0x80
    mov esi, eax
    lea ebx, [eax + 4096]
    mov eax, SYS_brk
    int 0x80
    cmp eax, ebx
    jne fail
    mov edi, esi
    mov ecx, heap_len
    push esi
    mov esi, heap_line
    rep movsb
    pop esi
    mov eax, SYS_write
    mov ebx, 1
    mov ecx, esi
    mov edx, heap_len
    int 0x80

    ; Anonymous memory with mmap2, filled, written, released.
    mov eax, SYS_mmap2
    xor ebx, ebx
    mov ecx, 8192
    mov edx, PROT_READ_WRITE
    mov esi, MAP_PRIVATE_ANONYMOUS
    mov edi, -1
    xor ebp, ebp
    int 0x80
    cmp eax, -4096
    ja fail
    mov ebp, eax
    mov edi, eax
    mov esi, mmap_line
    mov ecx, mmap_len
    rep movsb
    mov eax, SYS_write
    mov ebx, 1
    mov ecx, ebp
    mov edx, mmap_len
    int 0x80
    mov eax, SYS_munmap
    mov ebx, ebp
    mov ecx, 8192
    int 0x80
    test eax, eax
    jnz fail

    ; A bad pointer is an error, not a crash.
    mov eax, SYS_write
    mov ebx, 1
    mov ecx, 16
    mov edx, 4
    int 0x80
    cmp eax, -14
    jne fail

    mov eax, SYS_getpid
    int 0x80
    test eax, eax
    jle fail

    mov eax, SYS_clock_gettime
    mov ebx, CLOCK_MONOTONIC
    mov ecx, timespec
    int 0x80
    test eax, eax
    jnz fail
    cmp dword [timespec + 4], 1000000000
    jae fail

    ; .bss (memory size beyond the file size) starts out zero.
    mov edi, buffer
    mov ecx, BUFFER_BYTES / 4
    xor eax, eax
    repe scasd
    jne fail
    mov edi, buffer
    mov esi, bss_line
    mov ecx, bss_len
    rep movsb
    mov eax, SYS_write
    mov ebx, 1
    mov ecx, buffer
    mov edx, bss_len
    int 0x80

    mov eax, SYS_write
    mov ebx, 1
    mov ecx, bye
    mov edx, bye_len
    int 0x80
    mov eax, SYS_exit_group
    mov ebx, 7
    int 0x80

fail:
    mov eax, SYS_write
    mov ebx, 2
    mov ecx, failed
    mov edx, failed_len
    int 0x80
    mov eax, SYS_exit_group
    mov ebx, 1
    int 0x80

section .data
hello: db "Hello from a static Linux i386 program", 10
hello_len equ $ - hello
heap_line: db "brk: a line built in the heap", 10
heap_len equ $ - heap_line
mmap_line: db "mmap2: a line built in anonymous memory", 10
mmap_len equ $ - mmap_line
bss_line: db ".bss: 16 KiB of zeros, then this line", 10
bss_len equ $ - bss_line
bye: db "exit_group(7)", 10
bye_len equ $ - bye
failed: db "linux-hello: a system call misbehaved", 10
failed_len equ $ - failed

section .bss
timespec: resd 2
buffer: resb BUFFER_BYTES
