; struc table 20 (NASM manual 5.9.1 style)
    bits 32
struc node
    .flags: resd 1
    .next: resq 1
    .prev: resq 1
    .size: resq 1
    .base: resd 2
    .limit: resd 2
endstruc

    mov eax, [ebx + node.flags]
    mov ecx, node_size
    lea esi, [edi + node.limit]
    imul edx, ecx, 3
table:
istruc node
    at node.flags, db 0xeb
    at node.next, db 0x6b
    at node.prev, db 0xc2
    at node.size, db 0x87
    at node.base, db 0xed
iend
istruc node
    at node.flags, db 0xeb
    at node.next, db 0x6b
    at node.prev, db 0xc2
    at node.size, db 0x87
    at node.base, db 0xed
iend
table_end:
    dd (table_end - table) / node_size
