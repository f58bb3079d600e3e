; struc table 0 (NASM manual 5.9.1 style)
    bits 32
struc node
    .flags: resq 1
    .next: resd 2
    .prev: resd 2
    .size: resb 1
endstruc

    mov eax, [ebx + node.flags]
    mov ecx, node_size
    lea esi, [edi + node.size]
    imul edx, ecx, 5
table:
istruc node
    at node.flags, db 0x78
    at node.next, db 0x39
    at node.prev, db 0x39
iend
istruc node
    at node.flags, db 0x78
    at node.next, db 0x39
    at node.prev, db 0x39
iend
istruc node
    at node.flags, db 0x78
    at node.next, db 0x39
    at node.prev, db 0x39
iend
table_end:
    dd (table_end - table) / node_size
