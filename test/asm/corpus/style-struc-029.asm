; struc table 29 (NASM manual 5.9.1 style)
    bits 32
struc header
    .id: resq 1
    .flags: resw 1
    .next: resd 2
    .prev: resb 16
    .size: resd 2
    .base: resd 1
endstruc

    mov eax, [ebx + header.id]
    mov ecx, header_size
    lea esi, [edi + header.base]
    imul edx, ecx, 8
table:
istruc header
    at header.id, db 0x68
    at header.flags, db 0xa4
iend
istruc header
    at header.id, db 0x68
    at header.flags, db 0xa4
iend
istruc header
    at header.id, db 0x68
    at header.flags, db 0xa4
iend
table_end:
    dd (table_end - table) / header_size
