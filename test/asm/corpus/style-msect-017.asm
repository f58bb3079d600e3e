; a multiboot-style header computing load addresses from section.NAME.start and labels
MB_MAGIC equ 0x1badb002
MB_FLAGS equ 0x00010003
    bits 32
    org 0x100000
section .text
header:
    dd MB_MAGIC
    dd MB_FLAGS
    dd -(MB_MAGIC + MB_FLAGS)
    dd header
    dd section..text.start
    dd data_end
    dd bss_end
    dd entry
entry:
    mov esp, stack_top
    push ebx
    push eax
    call kmain
    cli
.hang:
    hlt
    jmp .hang
kmain:
    ret
section .data align=16
version: db "0.1", 0
data_end:
section .bss align=16
stack: resb 8192
stack_top:
bss_end:
