; struc table 9 (NASM manual 5.9.1 style)
    bits 32
struc task
    .next: resw 1
    .prev: resb 1
    .size: resq 1
    .base: resw 1
endstruc

    mov eax, [ebx + task.next]
    mov ecx, task_size
    lea esi, [edi + task.base]
    imul edx, ecx, 4
table:
istruc task
    at task.next, db 0x4a
    at task.prev, db 0x3c
    at task.size, db 0x5b
    at task.base, db 0xce
iend
istruc task
    at task.next, db 0x4a
    at task.prev, db 0x3c
    at task.size, db 0x5b
    at task.base, db 0xce
iend
istruc task
    at task.next, db 0x4a
    at task.prev, db 0x3c
    at task.size, db 0x5b
    at task.base, db 0xce
iend
table_end:
    dd (table_end - table) / task_size
