; struc table 4 (NASM manual 5.9.1 style)
    bits 32
struc packet
    .id: resd 2
    .flags: resb 16
    .next: resd 1
    .prev: resd 2
    .size: resw 1
    .base: resb 16
    .limit: resd 1
endstruc

    mov eax, [ebx + packet.id]
    mov ecx, packet_size
    lea esi, [edi + packet.limit]
    imul edx, ecx, 6
table:
istruc packet
    at packet.id, db 0xd5
    at packet.flags, db 0x3c
    at packet.next, db 0xe0
iend
istruc packet
    at packet.id, db 0xd5
    at packet.flags, db 0x3c
    at packet.next, db 0xe0
iend
istruc packet
    at packet.id, db 0xd5
    at packet.flags, db 0x3c
    at packet.next, db 0xe0
iend
istruc packet
    at packet.id, db 0xd5
    at packet.flags, db 0x3c
    at packet.next, db 0xe0
iend
table_end:
    dd (table_end - table) / packet_size
