; struc table 23 (NASM manual 5.9.1 style)
    bits 32
struc entry
    .flags: resq 1
    .next: resq 1
    .prev: resd 2
    .size: resd 1
    .base: resd 2
endstruc

    mov eax, [ebx + entry.flags]
    mov ecx, entry_size
    lea esi, [edi + entry.base]
    imul edx, ecx, 9
table:
istruc entry
    at entry.flags, db 0x2e
    at entry.next, db 0xb1
    at entry.prev, db 0xc3
    at entry.size, db 0xe3
iend
istruc entry
    at entry.flags, db 0x2e
    at entry.next, db 0xb1
    at entry.prev, db 0xc3
    at entry.size, db 0xe3
iend
istruc entry
    at entry.flags, db 0x2e
    at entry.next, db 0xb1
    at entry.prev, db 0xc3
    at entry.size, db 0xe3
iend
istruc entry
    at entry.flags, db 0x2e
    at entry.next, db 0xb1
    at entry.prev, db 0xc3
    at entry.size, db 0xe3
iend
table_end:
    dd (table_end - table) / entry_size
