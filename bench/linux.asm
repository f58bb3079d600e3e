; Linux wrapper for a bench workload (native on the host and under qemu-i386).
; Build: nasm -f elf32 -i bench/ -DWORKLOAD='"int-loop.inc"' -DITERATIONS=N linux.asm
;        ld -m elf_i386 linux.o -o int-loop
; Runs the workload ITERATIONS times and prints its checksum (EAX) as 8 hex digits.
bits 32

section .bss
alignb 4096
buf:    resb 0x40000            ; work area for the workload (256 KiB)
digits: resb 9

section .text
global _start
_start:
        mov ecx, ITERATIONS
        call work
        ; eax = checksum -> "XXXXXXXX\n" on stdout
        mov edi, digits + 7
        mov ecx, 8
.hex:   mov edx, eax
        and edx, 15
        movzx edx, byte [hexchars + edx]
        mov [edi], dl
        dec edi
        shr eax, 4
        dec ecx
        jnz .hex
        mov byte [digits + 8], 10
        mov eax, 4              ; write(1, digits, 9)
        mov ebx, 1
        mov ecx, digits
        mov edx, 9
        int 0x80
        mov eax, 1              ; exit(0)
        xor ebx, ebx
        int 0x80

hexchars: db "0123456789abcdef"

%include WORKLOAD
