; NASM manual style 21: local labels and $$
    org 0x500
label1:
.loop:
    dec cx
    jnz .loop
label2:
.loop:
    loop .loop
    jmp label1.loop
    dw $ - $$, label2 - label1
    times 20 db 0x55
    align 8, db 0x90
    dd 979329 * 93 / 3
