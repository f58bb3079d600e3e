; boot sector that copies itself to 0x0600 and continues there (MBR style): the code after
; the copy loop lives in a section whose labels count from 0x0600 (vstart) while its bytes
; follow the loader in the image
    bits 16
    org 0x7c00
section boot start=0x7c00
entry:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7c00
    mov si, section.relocated.start
    mov di, section.relocated.vstart
    mov cx, relocated_size
    cld
    rep movsb
    jmp 0:relocated_entry

section relocated follows=boot vstart=0x0600
relocated_entry:
    sti
    mov si, banner
.next:
    lodsb
    test al, al
    jz .halt
    mov ah, 0x0e
    int 0x10
    jmp .next
.halt:
    hlt
    jmp .halt
banner: db "relocated to 0x0600", 13, 10, 0
relocated_size equ $ - $$

section signature start=0x7dfe
    dw 0xaa55
