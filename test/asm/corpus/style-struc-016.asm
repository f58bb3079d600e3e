; struc table 16 (NASM manual 5.9.1 style)
    bits 32
struc node
    .flags: resd 2
    .next: resd 1
    .prev: resb 16
    .size: resb 16
    .base: resw 1
    .limit: resb 16
    .count: resd 2
endstruc

    mov eax, [ebx + node.flags]
    mov ecx, node_size
    lea esi, [edi + node.count]
    imul edx, ecx, 8
table:
istruc node
    at node.flags, db 0x2e
    at node.next, db 0x1
    at node.prev, db 0x51
    at node.size, db 0x73
iend
istruc node
    at node.flags, db 0x2e
    at node.next, db 0x1
    at node.prev, db 0x51
    at node.size, db 0x73
iend
istruc node
    at node.flags, db 0x2e
    at node.next, db 0x1
    at node.prev, db 0x51
    at node.size, db 0x73
iend
table_end:
    dd (table_end - table) / node_size
