; struc table 27 (NASM manual 5.9.1 style)
    bits 32
struc entry
    .next: resd 2
    .prev: resd 2
    .size: resq 1
    .base: resb 16
endstruc

    mov eax, [ebx + entry.next]
    mov ecx, entry_size
    lea esi, [edi + entry.base]
    imul edx, ecx, 8
table:
istruc entry
    at entry.next, db 0x7b
    at entry.prev, db 0x78
iend
istruc entry
    at entry.next, db 0x7b
    at entry.prev, db 0x78
iend
istruc entry
    at entry.next, db 0x7b
    at entry.prev, db 0x78
iend
istruc entry
    at entry.next, db 0x7b
    at entry.prev, db 0x78
iend
table_end:
    dd (table_end - table) / entry_size
