; struc table 19 (NASM manual 5.9.1 style)
    bits 32
struc header
    .flags: resd 1
    .next: resb 16
endstruc

    mov eax, [ebx + header.flags]
    mov ecx, header_size
    lea esi, [edi + header.next]
    imul edx, ecx, 8
table:
istruc header
    at header.flags, db 0xf
    at header.next, db 0xb3
iend
istruc header
    at header.flags, db 0xf
    at header.next, db 0xb3
iend
istruc header
    at header.flags, db 0xf
    at header.next, db 0xb3
iend
istruc header
    at header.flags, db 0xf
    at header.next, db 0xb3
iend
table_end:
    dd (table_end - table) / header_size
