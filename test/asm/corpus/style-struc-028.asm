; struc table 28 (NASM manual 5.9.1 style)
    bits 32
struc task
    .next: resb 1
    .prev: resb 16
    .size: resb 1
    .base: resw 1
endstruc

    mov eax, [ebx + task.next]
    mov ecx, task_size
    lea esi, [edi + task.base]
    imul edx, ecx, 9
table:
istruc task
    at task.next, db 0x8
    at task.prev, db 0x7a
    at task.size, db 0x35
    at task.base, db 0xb6
iend
istruc task
    at task.next, db 0x8
    at task.prev, db 0x7a
    at task.size, db 0x35
    at task.base, db 0xb6
iend
istruc task
    at task.next, db 0x8
    at task.prev, db 0x7a
    at task.size, db 0x35
    at task.base, db 0xb6
iend
istruc task
    at task.next, db 0x8
    at task.prev, db 0x7a
    at task.size, db 0x35
    at task.base, db 0xb6
iend
table_end:
    dd (table_end - table) / task_size
