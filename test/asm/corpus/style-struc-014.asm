; struc table 14 (NASM manual 5.9.1 style)
    bits 32
struc entry
    .flags: resd 1
    .next: resd 2
    .prev: resw 1
    .size: resw 1
    .base: resd 1
endstruc

    mov eax, [ebx + entry.flags]
    mov ecx, entry_size
    lea esi, [edi + entry.base]
    imul edx, ecx, 5
table:
istruc entry
    at entry.flags, db 0xea
    at entry.next, db 0xda
    at entry.prev, db 0xba
    at entry.size, db 0xf5
    at entry.base, db 0x9c
iend
istruc entry
    at entry.flags, db 0xea
    at entry.next, db 0xda
    at entry.prev, db 0xba
    at entry.size, db 0xf5
    at entry.base, db 0x9c
iend
istruc entry
    at entry.flags, db 0xea
    at entry.next, db 0xda
    at entry.prev, db 0xba
    at entry.size, db 0xf5
    at entry.base, db 0x9c
iend
table_end:
    dd (table_end - table) / entry_size
