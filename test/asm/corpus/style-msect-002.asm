; kernel image: real-mode stub, then a 32-bit part linked at 1 MiB (vstart) with its GDT in
; dq and a bss after it
%define CODE_SEL 0x08
%define DATA_SEL 0x10
    bits 16
    org 0x7c00
    cli
    lgdt [gdt_ptr]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp CODE_SEL:pm_entry_low

    align 8
gdt:
    dq 0
    dq 0x00cf9a000000ffff
    dq 0x00cf92000000ffff
gdt_end:
gdt_ptr:
    dw gdt_end - gdt - 1
    dd gdt

    bits 32
pm_entry_low:
    mov ax, DATA_SEL
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov esp, stack_top
    mov esi, section.kernel.start
    mov edi, section.kernel.vstart
    mov ecx, (kernel_end - kernel_main + 3) / 4
    rep movsd
    jmp kernel_main

section kernel follows=.text vstart=0x100000 align=16
kernel_main:
    mov dword [ticks], 0
    mov eax, 0xb8000
    mov word [eax], 0x2f4b
.spin:
    inc dword [ticks]
    jmp .spin
kernel_end:

section .bss nobits vstart=0x200000
ticks: resd 3
stack: resb 4096
stack_top:
