; NASM manual style 0: local labels and $$
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
    times 11 db 0x2b
    align 2, db 0x90
    dd 150611 * 97 / 9
