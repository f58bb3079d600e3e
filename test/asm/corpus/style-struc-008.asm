; struc table 8 (NASM manual 5.9.1 style)
    bits 32
struc task
    .next: resq 1
    .prev: resb 1
    .size: resb 16
endstruc

    mov eax, [ebx + task.next]
    mov ecx, task_size
    lea esi, [edi + task.size]
    imul edx, ecx, 8
table:
istruc task
    at task.next, db 0x96
    at task.prev, db 0x9d
    at task.size, db 0x57
iend
istruc task
    at task.next, db 0x96
    at task.prev, db 0x9d
    at task.size, db 0x57
iend
istruc task
    at task.next, db 0x96
    at task.prev, db 0x9d
    at task.size, db 0x57
iend
istruc task
    at task.next, db 0x96
    at task.prev, db 0x9d
    at task.size, db 0x57
iend
table_end:
    dd (table_end - table) / task_size
