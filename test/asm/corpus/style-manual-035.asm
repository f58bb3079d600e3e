; NASM manual style 35: local labels and $$
    org 0x300
label1:
.loop:
    dec cx
    jnz .loop
label2:
.loop:
    loop .loop
    jmp label1.loop
    dw $ - $$, label2 - label1
    times 7 db 0x91
    align 8, db 0x90
    dd 426940 * 75 / 5
