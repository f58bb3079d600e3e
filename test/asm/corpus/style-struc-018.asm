; struc table 18 (NASM manual 5.9.1 style)
    bits 32
struc packet
    .id: resb 16
    .flags: resd 1
    .next: resq 1
    .prev: resd 1
    .size: resd 2
endstruc

    mov eax, [ebx + packet.id]
    mov ecx, packet_size
    lea esi, [edi + packet.size]
    imul edx, ecx, 9
table:
istruc packet
    at packet.id, db 0xc0
    at packet.flags, db 0x22
    at packet.next, db 0xe2
iend
istruc packet
    at packet.id, db 0xc0
    at packet.flags, db 0x22
    at packet.next, db 0xe2
iend
istruc packet
    at packet.id, db 0xc0
    at packet.flags, db 0x22
    at packet.next, db 0xe2
iend
istruc packet
    at packet.id, db 0xc0
    at packet.flags, db 0x22
    at packet.next, db 0xe2
iend
table_end:
    dd (table_end - table) / packet_size
