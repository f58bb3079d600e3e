; NASM manual style 16: local labels and $$
    org 0x800
label1:
.loop:
    dec cx
    jnz .loop
label2:
.loop:
    loop .loop
    jmp label1.loop
    dw $ - $$, label2 - label1
    times 5 db 0xac
    align 16, db 0x90
    dd 322368 * 68 / 6
