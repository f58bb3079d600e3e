; struc table 26 (NASM manual 5.9.1 style)
    bits 32
struc packet
    .next: resb 16
    .prev: resw 1
    .size: resd 1
    .base: resd 2
endstruc

    mov eax, [ebx + packet.next]
    mov ecx, packet_size
    lea esi, [edi + packet.base]
    imul edx, ecx, 9
table:
istruc packet
    at packet.next, db 0x19
    at packet.prev, db 0xae
    at packet.size, db 0x84
iend
istruc packet
    at packet.next, db 0x19
    at packet.prev, db 0xae
    at packet.size, db 0x84
iend
table_end:
    dd (table_end - table) / packet_size
