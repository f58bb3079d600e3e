; system instructions of the kernel's world
bits 32
    lgdt [gdt_ptr]
    lidt [idt_ptr]
    mov eax, cr0
    or eax, 1
    mov cr0, eax
    jmp 0x08:pm
pm: mov ax, 0x10
    mov ds, ax
    mov ss, ax
    ltr ax
    lldt ax
    mov cr3, eax
    mov dr7, eax
    wrmsr
    rdmsr
    sysenter
    sysexit
    syscall
    sysret
    iret
    iretd
    iretw
    call far [ebx]
    jmp far [ebx+4]
    call 0x1b:0x1000
    arpl [eax], bx
    lar eax, [ebx]
    lsl ecx, dx
    verr ax
    verw [ebx]
    invlpg [eax]
    clts
    hlt
    in al, dx
    out 0xe9, al
    lock nop
    lock add [eax], ebx
    rep stosd
    o16 ret
    a16 loop pm
    cpuid
    rdtsc
    cmpxchg8b [edi]
    ud2
gdt_ptr: dw 23
    dd 0
idt_ptr: dw 0x7ff
    dd 0
