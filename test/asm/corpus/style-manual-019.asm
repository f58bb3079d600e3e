; NASM manual style 19: local labels and $$
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
    times 7 db 0x83
    align 16, db 0x90
    dd 288026 * 55 / 3
