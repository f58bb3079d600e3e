; NASM manual style 2: local labels and $$
    org 0xc00
label1:
.loop:
    dec cx
    jnz .loop
label2:
.loop:
    loop .loop
    jmp label1.loop
    dw $ - $$, label2 - label1
    times 12 db 0x0
    align 16, db 0x90
    dd 901487 * 93 / 7
