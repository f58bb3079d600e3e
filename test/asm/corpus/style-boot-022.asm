; boot sector 22: real mode -> protected mode with a flat GDT
    bits 16
    org 0x7c00
start:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7b00
    sti
    mov si, msg
.print:
    lodsb
    or al, al
    jz .done
    mov ah, 0x0e
    mov bx, 0x9
    int 0x10
    jmp .print
.done:
    in al, 0x92
    or al, 2
    out 0x92, al
    cli
    lgdt [gdt_desc]
    mov eax, cr0
    or eax, 1
    mov cr0, eax
    jmp CODE_SEG:pm_start

    bits 32
pm_start:
    mov ax, DATA_SEG
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ss, ax
    mov esp, 0x94000
    mov dword [0xb8000], 0xf570f4c
    hlt
    jmp $

gdt_start:
    dq 0x0000000000000000                ; null descriptor
    dq 0x00cf9a000000ffff
    dq 0x00cf96000000ffff
    dq 0x00009a060000ffff
gdt_end:
gdt_desc:
    dw gdt_end - gdt_start - 1
    dd gdt_start
CODE_SEG equ 0x08
DATA_SEG equ 0x10
msg: db 'Hello from the boot sector', 13, 10, 0
    times 510 - ($ - $$) db 0
    dw 0xaa55
