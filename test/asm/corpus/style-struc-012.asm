; struc table 12 (NASM manual 5.9.1 style)
    bits 32
struc entry
    .flags: resb 1
    .next: resb 16
    .prev: resd 1
    .size: resb 1
endstruc

    mov eax, [ebx + entry.flags]
    mov ecx, entry_size
    lea esi, [edi + entry.size]
    imul edx, ecx, 5
table:
istruc entry
    at entry.flags, db 0xec
    at entry.next, db 0x16
    at entry.prev, db 0x64
iend
istruc entry
    at entry.flags, db 0xec
    at entry.next, db 0x16
    at entry.prev, db 0x64
iend
table_end:
    dd (table_end - table) / entry_size
