; struc table 1 (NASM manual 5.9.1 style)
    bits 32
struc entry
    .id: resb 16
    .flags: resb 16
    .next: resq 1
    .prev: resb 16
    .size: resd 1
    .base: resd 1
    .limit: resb 1
    .count: resw 1
endstruc

    mov eax, [ebx + entry.id]
    mov ecx, entry_size
    lea esi, [edi + entry.count]
    imul edx, ecx, 9
table:
istruc entry
    at entry.id, db 0x73
    at entry.flags, db 0x3e
    at entry.next, db 0x59
    at entry.prev, db 0xe5
    at entry.size, db 0x72
    at entry.base, db 0xca
    at entry.limit, db 0x39
iend
istruc entry
    at entry.id, db 0x73
    at entry.flags, db 0x3e
    at entry.next, db 0x59
    at entry.prev, db 0xe5
    at entry.size, db 0x72
    at entry.base, db 0xca
    at entry.limit, db 0x39
iend
table_end:
    dd (table_end - table) / entry_size
