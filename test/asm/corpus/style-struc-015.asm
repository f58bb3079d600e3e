; struc table 15 (NASM manual 5.9.1 style)
    bits 32
struc inode
    .flags: resd 1
    .next: resd 1
    .prev: resd 2
    .size: resb 1
endstruc

    mov eax, [ebx + inode.flags]
    mov ecx, inode_size
    lea esi, [edi + inode.size]
    imul edx, ecx, 2
table:
istruc inode
    at inode.flags, db 0x9e
    at inode.next, db 0x98
iend
istruc inode
    at inode.flags, db 0x9e
    at inode.next, db 0x98
iend
istruc inode
    at inode.flags, db 0x9e
    at inode.next, db 0x98
iend
table_end:
    dd (table_end - table) / inode_size
