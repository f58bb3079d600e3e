; struc table 11 (NASM manual 5.9.1 style)
    bits 32
struc node
    .next: resd 2
    .prev: resd 1
    .size: resb 16
    .base: resw 1
    .limit: resd 1
    .count: resw 1
endstruc

    mov eax, [ebx + node.next]
    mov ecx, node_size
    lea esi, [edi + node.count]
    imul edx, ecx, 6
table:
istruc node
    at node.next, db 0x43
    at node.prev, db 0x2
    at node.size, db 0xf6
    at node.base, db 0xab
    at node.limit, db 0x9a
    at node.count, db 0xd3
iend
istruc node
    at node.next, db 0x43
    at node.prev, db 0x2
    at node.size, db 0xf6
    at node.base, db 0xab
    at node.limit, db 0x9a
    at node.count, db 0xd3
iend
istruc node
    at node.next, db 0x43
    at node.prev, db 0x2
    at node.size, db 0xf6
    at node.base, db 0xab
    at node.limit, db 0x9a
    at node.count, db 0xd3
iend
table_end:
    dd (table_end - table) / node_size
