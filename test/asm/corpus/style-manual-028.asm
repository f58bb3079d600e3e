; NASM manual style 28: local labels and $$
    org 0xa00
label1:
.loop:
    dec cx
    jnz .loop
label2:
.loop:
    loop .loop
    jmp label1.loop
    dw $ - $$, label2 - label1
    times 17 db 0x90
    align 8, db 0x90
    dd 303142 * 85 / 2
