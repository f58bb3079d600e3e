; a %macro library emitting descriptors into a table section while code goes to .text
%macro gdt_entry 3 ; base, limit, access/flags
    dw (%2) & 0xffff
    dw (%1) & 0xffff
    db ((%1) >> 16) & 0xff
    db (%3) & 0xff
    db (((%2) >> 16) & 0x0f) | (((%3) >> 4) & 0xf0)
    db ((%1) >> 24) & 0xff
%endmacro
%macro descriptor 4
    section tables
%1: gdt_entry %2, %3, %4
    section .text
%endmacro
    bits 32
section .text
    descriptor null_desc, 0, 0, 0
    descriptor code_desc, 0, 0xfffff, 0xc09a
    mov ax, data_desc - null_desc
    descriptor data_desc, 0, 0xfffff, 0xc092
    mov bx, code_desc - null_desc
    lgdt [gdtr]
    ret
section tables align=8
gdtr: dw $ - null_desc - 1
    dd null_desc
