; struc table 2 (NASM manual 5.9.1 style)
    bits 32
struc packet
    .flags: resq 1
    .next: resq 1
endstruc

    mov eax, [ebx + packet.flags]
    mov ecx, packet_size
    lea esi, [edi + packet.next]
    imul edx, ecx, 2
table:
istruc packet
    at packet.flags, db 0x9
    at packet.next, db 0x35
iend
istruc packet
    at packet.flags, db 0x9
    at packet.next, db 0x35
iend
istruc packet
    at packet.flags, db 0x9
    at packet.next, db 0x35
iend
table_end:
    dd (table_end - table) / packet_size
