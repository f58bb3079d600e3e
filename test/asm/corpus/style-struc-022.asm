; struc table 22 (NASM manual 5.9.1 style)
    bits 32
struc inode
    .flags: resw 1
    .next: resq 1
    .prev: resb 16
    .size: resd 1
    .base: resd 1
    .limit: resd 1
    .count: resd 1
endstruc

    mov eax, [ebx + inode.flags]
    mov ecx, inode_size
    lea esi, [edi + inode.count]
    imul edx, ecx, 6
table:
istruc inode
    at inode.flags, db 0x7d
    at inode.next, db 0x42
    at inode.prev, db 0xe1
    at inode.size, db 0x9a
    at inode.base, db 0x94
    at inode.limit, db 0xb6
    at inode.count, db 0xb
iend
istruc inode
    at inode.flags, db 0x7d
    at inode.next, db 0x42
    at inode.prev, db 0xe1
    at inode.size, db 0x9a
    at inode.base, db 0x94
    at inode.limit, db 0xb6
    at inode.count, db 0xb
iend
table_end:
    dd (table_end - table) / inode_size
