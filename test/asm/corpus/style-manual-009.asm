; NASM manual style 9: local labels and $$
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
    times 11 db 0xff
    align 4, db 0x90
    dd 134439 * 99 / 9
