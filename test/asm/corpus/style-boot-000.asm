; boot sector 0: real mode -> protected mode with a flat GDT
    bits 16
    org 0x7c00
start:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7600
    sti
    mov si, msg
.print:
    lodsb
    or al, al
    jz .done
    mov ah, 0x0e
    mov bx, 0x2
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
    mov esp, 0x9a000
    mov dword [0xb8000], 0xf4a0f45
    hlt
    jmp $

gdt_start:
    dw 0x0000, 0x0000
    db 0x00, 0x00, 0x00, 0x00
    dw 0xffff, 0x0000
    db 0x00, 0x9a, 0xcf, 0x00
    dw 0xffff, 0x0000
    db 0x00, 0x96, 0xcf, 0x00
    dw 0xffff, 0x0000
    db 0x0d, 0x9a, 0x00, 0x00
gdt_end:
gdt_desc:
    dw gdt_end - gdt_start - 1
    dd gdt_start
CODE_SEG equ 0x08
DATA_SEG equ 0x10
msg: db 'Loading kernel', 13, 10, 0
    times 510 - ($ - $$) db 0
    dw 0xaa55
