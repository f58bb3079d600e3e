; NASM manual style 22: local labels and $$
    org 0x100
label1:
.loop:
    dec cx
    jnz .loop
label2:
.loop:
    loop .loop
    jmp label1.loop
    dw $ - $$, label2 - label1
    times 14 db 0xe2
    align 2, db 0x90
    dd 140179 * 62 / 9
