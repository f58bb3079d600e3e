; struc table 17 (NASM manual 5.9.1 style)
    bits 32
struc header
    .flags: resb 1
    .next: resd 2
    .prev: resd 2
    .size: resb 1
    .base: resd 1
endstruc

    mov eax, [ebx + header.flags]
    mov ecx, header_size
    lea esi, [edi + header.base]
    imul edx, ecx, 9
table:
istruc header
    at header.flags, db 0x9a
    at header.next, db 0x16
iend
istruc header
    at header.flags, db 0x9a
    at header.next, db 0x16
iend
istruc header
    at header.flags, db 0x9a
    at header.next, db 0x16
iend
istruc header
    at header.flags, db 0x9a
    at header.next, db 0x16
iend
table_end:
    dd (table_end - table) / header_size
