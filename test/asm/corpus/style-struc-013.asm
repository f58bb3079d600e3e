; struc table 13 (NASM manual 5.9.1 style)
    bits 32
struc packet
    .id: resb 16
    .flags: resb 16
    .next: resq 1
    .prev: resq 1
    .size: resw 1
    .base: resw 1
    .limit: resd 2
    .count: resd 2
endstruc

    mov eax, [ebx + packet.id]
    mov ecx, packet_size
    lea esi, [edi + packet.count]
    imul edx, ecx, 7
table:
istruc packet
    at packet.id, db 0xc9
    at packet.flags, db 0xc9
    at packet.next, db 0x9
iend
istruc packet
    at packet.id, db 0xc9
    at packet.flags, db 0xc9
    at packet.next, db 0x9
iend
table_end:
    dd (table_end - table) / packet_size
