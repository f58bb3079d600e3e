; struc table 24 (NASM manual 5.9.1 style)
    bits 32
struc node
    .flags: resd 2
    .next: resb 1
    .prev: resd 2
    .size: resq 1
    .base: resd 1
endstruc

    mov eax, [ebx + node.flags]
    mov ecx, node_size
    lea esi, [edi + node.base]
    imul edx, ecx, 7
table:
istruc node
    at node.flags, db 0x9d
    at node.next, db 0x7a
iend
istruc node
    at node.flags, db 0x9d
    at node.next, db 0x7a
iend
table_end:
    dd (table_end - table) / node_size
