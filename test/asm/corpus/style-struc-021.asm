; struc table 21 (NASM manual 5.9.1 style)
    bits 32
struc header
    .next: resq 1
    .prev: resd 2
    .size: resb 16
    .base: resw 1
    .limit: resb 1
endstruc

    mov eax, [ebx + header.next]
    mov ecx, header_size
    lea esi, [edi + header.limit]
    imul edx, ecx, 9
table:
istruc header
    at header.next, db 0x82
    at header.prev, db 0xdc
    at header.size, db 0x84
    at header.base, db 0xbf
    at header.limit, db 0xa7
iend
istruc header
    at header.next, db 0x82
    at header.prev, db 0xdc
    at header.size, db 0x84
    at header.base, db 0xbf
    at header.limit, db 0xa7
iend
istruc header
    at header.next, db 0x82
    at header.prev, db 0xdc
    at header.size, db 0x84
    at header.base, db 0xbf
    at header.limit, db 0xa7
iend
table_end:
    dd (table_end - table) / header_size
