; a copied-to-low-memory trampoline (SMP/AP style): assembled for 0x8000, carried in the
; kernel image, with a far jump and a GDT pointer resolved at the virtual address
    bits 32
section .text
copy_trampoline:
    mov esi, section.trampoline.start
    mov edi, section.trampoline.vstart
    mov ecx, trampoline_len
    rep movsb
    ret

section trampoline follows=.text vstart=0x8000
    bits 16
ap_start:
    cli
    xor ax, ax
    mov ds, ax
    lgdt [ap_gdtr]
    mov eax, cr0
    or eax, 1
    mov cr0, eax
    jmp dword 0x08:ap_pm
    bits 32
ap_pm:
    mov ax, 0x10
    mov ds, ax
    hlt
    align 8
ap_gdt:
    dq 0x0000000000000000
    dq 0x00cf9a000000ffff
    dq 0x00cf92000000ffff
ap_gdtr:
    dw ap_gdtr - ap_gdt - 1
    dd ap_gdt
trampoline_len equ $ - $$
