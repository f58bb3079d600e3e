; struc table 7 (NASM manual 5.9.1 style)
    bits 32
struc header
    .next: resb 1
    .prev: resb 1
    .size: resd 1
endstruc

    mov eax, [ebx + header.next]
    mov ecx, header_size
    lea esi, [edi + header.size]
    imul edx, ecx, 5
table:
istruc header
    at header.next, db 0xbb
    at header.prev, db 0xa7
iend
istruc header
    at header.next, db 0xbb
    at header.prev, db 0xa7
iend
istruc header
    at header.next, db 0xbb
    at header.prev, db 0xa7
iend
istruc header
    at header.next, db 0xbb
    at header.prev, db 0xa7
iend
table_end:
    dd (table_end - table) / header_size
