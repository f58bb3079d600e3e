; soak-loop: a bare program that loops for ever, for the debugger part of the soak bench:
; steps walk through it, and a breakpoint on `hit` stops every round.
bits 32
org 0x100000
start:
    xor eax, eax
    xor ebx, ebx
round:
    inc eax
hit:
    add ebx, eax
    mov [total], ebx
    jmp round

total dd 0
