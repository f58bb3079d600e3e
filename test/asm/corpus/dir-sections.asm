; sections in bin output: .text at org, then progbits, then nobits, default align 4
org 0x7c00
bits 16
start:
    mov ax, msg
    mov bx, buffer
    jmp main
section .data
msg: db 'hello', 0
count: dw end_of_data - msg
end_of_data:
section .bss
buffer: resb 16
buf2: resw 3
section .text
main:
    mov si, [count]
    lea di, [buffer+2]
    dd $$, $, start, main
    hlt
