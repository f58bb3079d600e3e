; forward-referenced constants select sign-extended imm8 and disp8 forms; labels never do
bits 32
    add eax, small
    add eax, big
    add eax, lbl
    push small
    push lbl
    mov eax, [ebx + small]
    mov eax, [ebx + lbl]
    imul eax, ebx, small
    cmp word [esi], small
    mov eax, lbl - start
    add eax, lbl - start
start:
lbl: nop
small equ 5
big equ 500
