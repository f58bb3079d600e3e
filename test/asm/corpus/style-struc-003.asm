; struc table 3 (NASM manual 5.9.1 style)
    bits 32
struc packet
    .id: resb 1
    .flags: resb 16
    .next: resw 1
    .prev: resd 1
    .size: resb 1
    .base: resd 2
    .limit: resb 16
endstruc

    mov eax, [ebx + packet.id]
    mov ecx, packet_size
    lea esi, [edi + packet.limit]
    imul edx, ecx, 4
table:
istruc packet
    at packet.id, db 0xfb
    at packet.flags, db 0x58
    at packet.next, db 0xd4
    at packet.prev, db 0x77
    at packet.size, db 0x98
    at packet.base, db 0x2a
iend
istruc packet
    at packet.id, db 0xfb
    at packet.flags, db 0x58
    at packet.next, db 0xd4
    at packet.prev, db 0x77
    at packet.size, db 0x98
    at packet.base, db 0x2a
iend
istruc packet
    at packet.id, db 0xfb
    at packet.flags, db 0x58
    at packet.next, db 0xd4
    at packet.prev, db 0x77
    at packet.size, db 0x98
    at packet.base, db 0x2a
iend
istruc packet
    at packet.id, db 0xfb
    at packet.flags, db 0x58
    at packet.next, db 0xd4
    at packet.prev, db 0x77
    at packet.size, db 0x98
    at packet.base, db 0x2a
iend
table_end:
    dd (table_end - table) / packet_size
