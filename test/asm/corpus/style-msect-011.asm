; nobits sections with their own virtual addresses and alignments
    bits 32
section .text
    mov edi, heap
    mov ecx, HEAP_SIZE / 4
    xor eax, eax
    rep stosd
    mov esi, stack_top
    mov edx, pool
    ret
section .data
    dd heap, stack_top, pool
section .bss align=32
heap: resb 0x100
HEAP_SIZE equ $ - heap
section stack nobits align=16
    resb 512
stack_top:
section pool nobits start=0x9000
pool: resd 64
