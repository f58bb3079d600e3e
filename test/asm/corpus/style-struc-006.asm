; struc table 6 (NASM manual 5.9.1 style)
    bits 32
struc node
    .id: resq 1
    .flags: resq 1
    .next: resb 1
    .prev: resw 1
    .size: resd 2
    .base: resq 1
endstruc

    mov eax, [ebx + node.id]
    mov ecx, node_size
    lea esi, [edi + node.base]
    imul edx, ecx, 5
table:
istruc node
    at node.id, db 0xca
    at node.flags, db 0xe
    at node.next, db 0xab
iend
istruc node
    at node.id, db 0xca
    at node.flags, db 0xe
    at node.next, db 0xab
iend
istruc node
    at node.id, db 0xca
    at node.flags, db 0xe
    at node.next, db 0xab
iend
table_end:
    dd (table_end - table) / node_size
