; NASM manual style 2: local labels and $$
    org 0xb00
label1:
.loop:
    dec cx
    jnz .loop
label2:
.loop:
    loop .loop
    jmp label1.loop
    dw $ - $$, label2 - label1
    times 5 db 0xe3
    align 16, db 0x90
    dd 656957 * 29 / 3
