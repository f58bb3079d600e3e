; real-mode code with 32-bit operands and addresses
bits 16
org 0x7c00
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7c00
    mov eax, [ebx+ecx*4]
    mov si, [bp+di+2]
    push dword 5
    push word 0x1234
    call far [bx]
    jmp 0x0000:next
next:
    lgdt [gdt]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp dword 0x08:0x7e00
gdt: dw 0
    dd 0
    times 510 - ($ - $$) db 0
    dw 0xaa55
