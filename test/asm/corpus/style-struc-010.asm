; struc table 10 (NASM manual 5.9.1 style)
    bits 32
struc entry
    .next: resb 16
    .prev: resd 2
    .size: resb 16
endstruc

    mov eax, [ebx + entry.next]
    mov ecx, entry_size
    lea esi, [edi + entry.size]
    imul edx, ecx, 8
table:
istruc entry
    at entry.next, db 0xfd
    at entry.prev, db 0xe4
    at entry.size, db 0xb2
iend
istruc entry
    at entry.next, db 0xfd
    at entry.prev, db 0xe4
    at entry.size, db 0xb2
iend
table_end:
    dd (table_end - table) / entry_size
