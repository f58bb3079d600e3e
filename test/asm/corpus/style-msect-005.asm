; ROM image: code at the bottom of a 4 KiB ROM at 0xF000 and the reset vector at its top
; (start= addresses, padding between them)
    bits 16
    org 0xf000
section .text
rom_entry:
    cli
    cld
    xor ax, ax
    mov ss, ax
    mov sp, 0x7000
    mov si, id_string
    hlt
id_string: db "tiny rom", 0

section reset start=0xfff0
    jmp 0xf000:rom_entry
    times 16 - ($ - $$) db 0xff
