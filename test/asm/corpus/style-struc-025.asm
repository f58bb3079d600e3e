; struc table 25 (NASM manual 5.9.1 style)
    bits 32
struc node
    .next: resw 1
    .prev: resd 2
    .size: resb 16
    .base: resb 1
endstruc

    mov eax, [ebx + node.next]
    mov ecx, node_size
    lea esi, [edi + node.base]
    imul edx, ecx, 9
table:
istruc node
    at node.next, db 0x40
    at node.prev, db 0xf9
    at node.size, db 0x4e
    at node.base, db 0xe9
iend
istruc node
    at node.next, db 0x40
    at node.prev, db 0xf9
    at node.size, db 0x4e
    at node.base, db 0xe9
iend
istruc node
    at node.next, db 0x40
    at node.prev, db 0xf9
    at node.size, db 0x4e
    at node.base, db 0xe9
iend
table_end:
    dd (table_end - table) / node_size
