; struc table 5 (NASM manual 5.9.1 style)
    bits 32
struc packet
    .flags: resb 1
    .next: resd 2
    .prev: resb 1
endstruc

    mov eax, [ebx + packet.flags]
    mov ecx, packet_size
    lea esi, [edi + packet.prev]
    imul edx, ecx, 8
table:
istruc packet
    at packet.flags, db 0x23
    at packet.next, db 0x3f
    at packet.prev, db 0x38
iend
istruc packet
    at packet.flags, db 0x23
    at packet.next, db 0x3f
    at packet.prev, db 0x38
iend
istruc packet
    at packet.flags, db 0x23
    at packet.next, db 0x3f
    at packet.prev, db 0x38
iend
istruc packet
    at packet.flags, db 0x23
    at packet.next, db 0x3f
    at packet.prev, db 0x38
iend
table_end:
    dd (table_end - table) / packet_size
