; sections given out of order: follows= chains put them back in order in the image (head,
; defined last, comes right after .text; middle after it, tail last)
    bits 32
section tail follows=middle
tail_start:
    dd tail_start, middle_start, head_start
    db "tail"

section middle follows=head
middle_start:
    dd 0x11111111
    times 5 db 0xcc

section head align=16
head_start:
    dd 0x22222222

section .text
    mov eax, tail_start
    mov ebx, middle_start
    mov ecx, head_start
    ret
