; interrupt stubs 17 (OS-dev tutorial style): one stub per vector, a common handler, an IDT
    bits 32
%macro ISR_NOERR 1
isr%1:
    push byte 0
    push byte %1
    jmp isr_common
%endmacro
%macro ISR_ERR 1
isr%1:
    push byte %1
    jmp isr_common
%endmacro

%assign v 0
%rep 31
%if v = 8 || v = 10 || v = 11 || v = 12 || v = 13 || v = 14 || v = 17
    ISR_ERR v
%else
    ISR_NOERR v
%endif
%assign v v + 1
%endrep

isr_common:
    pusha
    push ds
    push es
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    push esp
    call interrupt_dispatch
    add esp, 4
    pop es
    pop ds
    popa
    add esp, 8
    iret

interrupt_dispatch:
    ret

idt:
%assign v 0
%rep 31
    dw 0, 0x08
    db 0, 0x8e
    dw 0
%assign v v + 1
%endrep
idt_desc:
    dw $ - idt - 1
    dd idt
