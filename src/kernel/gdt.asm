; Descriptor tables: the GDT (flat ring 0 and ring 3 segments, the TSS, a DPL 3 call gate),
; the TSS that gives ring-3 entries their kernel stack, and the IDT.

; Flat 4 GiB segments: base 0, limit 0xFFFFF with G=1, D=1 (SDM Vol.3 3.4.5), written as
; the descriptor's low and high dwords.
; The order kernel code, kernel data, user code, user data is the one SYSENTER/SYSEXIT
; (SDM Vol.2B SYSENTER: SS = CS+8, SYSEXIT: CS+16, SS+24) and SYSRET (AMD APM Vol.2 6.1.1:
; STAR[63:48] = user CS, SS = CS+8) expect.
GDT_ENTRIES   equ (SEL_LDT >> 3) + 1

section .data
align 8
gdt:
    dd 0, 0                      ; null
    dd 0x0000FFFF, 0x00CF9A00    ; 0x08 kernel code, DPL 0, execute/read
    dd 0x0000FFFF, 0x00CF9200    ; 0x10 kernel data, DPL 0, read/write
    dd 0x0000FFFF, 0x00CFFA00    ; 0x18 user code, DPL 3
    dd 0x0000FFFF, 0x00CFF200    ; 0x20 user data, DPL 3
    ; The rest is filled in by gdt_init (TSS, call gate, LDT) and by the Linux personality
    ; (the TLS entries, linux_tls.asm); each sits at its selector from abi.inc.
    times GDT_ENTRIES * 8 - ($ - gdt) db 0
gdt_end:

gdt_tss       equ gdt + (SEL_TSS & ~7)
gdt_tls       equ gdt + LINUX_TLS_ENTRY_MIN * 8
gdt_call_gate equ gdt + (SEL_CALL_GATE & ~7)
gdt_ldt       equ gdt + (SEL_LDT & ~7)

gdt_pointer:
    dw gdt_end - gdt - 1
    dd gdt

; The 32-bit TSS (SDM Vol.3 7.2.1). Only SS0:ESP0 and the I/O map base matter here: with
; the map base beyond the limit, every I/O port is closed to ring 3.
TSS_ESP0    equ 4
TSS_SS0     equ 8
TSS_IOMAP   equ 102
TSS_SIZE    equ 104
align 4
tss:
    times TSS_SIZE db 0
section .text

gdt_init:
    mov dword [tss + TSS_ESP0], KSTACK_TOP
    mov dword [tss + TSS_SS0], SEL_KERNEL_DATA
    mov word [tss + TSS_IOMAP], TSS_SIZE

    ; TSS descriptor: type 9 (available 32-bit TSS), P=1, DPL 0 (SDM Vol.3 7.2.2).
    mov eax, tss
    mov edx, eax
    shl eax, 16
    or eax, TSS_SIZE - 1
    mov [gdt_tss], eax
    mov eax, edx
    shr eax, 16
    and eax, 0xFF
    mov ecx, edx
    and ecx, 0xFF000000
    or eax, ecx
    or eax, 0x00008900
    mov [gdt_tss + 4], eax

    ; Call gate: type 0xC, P=1, DPL 3, no parameters copied (SDM Vol.3 5.8.3).
    mov eax, call_gate_entry
    mov edx, eax
    and eax, 0xFFFF
    or eax, SEL_KERNEL_CODE << 16
    mov [gdt_call_gate], eax
    and edx, 0xFFFF0000
    or edx, 0x0000EC00
    mov [gdt_call_gate + 4], edx

    ; LDT descriptor: type 2, P=1, DPL 0 (SDM Vol.3 3.5), over linux_ldt (linux_tls.asm).
    mov eax, linux_ldt
    mov edx, eax
    shl eax, 16
    or eax, LINUX_LDT_ENTRIES * 8 - 1
    mov [gdt_ldt], eax
    mov eax, edx
    shr eax, 16
    and eax, 0xFF
    mov ecx, edx
    and ecx, 0xFF000000
    or eax, ecx
    or eax, 0x00008200
    mov [gdt_ldt + 4], eax

    lgdt [gdt_pointer]
    jmp SEL_KERNEL_CODE:.reload_cs
.reload_cs:
    mov ax, SEL_KERNEL_DATA
    mov ss, ax
    mov ax, SEL_USER_DATA
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ax, SEL_TSS
    ltr ax
    mov ax, SEL_LDT
    lldt ax
    ret

; IDT: exceptions 0..31 and IRQs 0x20..0x2F through DPL 0 interrupt gates; #BP, #OF, the
; native syscall vector and the Linux vector through DPL 3 interrupt gates, so `int n` from
; ring 3 reaches only those (others raise #GP, SDM Vol.3 6.12.1.1). Interrupt gates clear IF: the kernel runs
; with interrupts off except in the idle loop.
IDT_ENTRIES equ 256
GATE_KERNEL equ 0x8E00
GATE_USER   equ 0xEE00

idt_init:
    xor ebx, ebx
.exceptions:
    mov eax, [exception_stubs + ebx * 4]
    mov edx, GATE_KERNEL
    call set_gate
    inc ebx
    cmp ebx, 32
    jb .exceptions
.irqs:
    mov eax, [irq_stubs + ebx * 4 - 32 * 4]
    mov edx, GATE_KERNEL
    call set_gate
    inc ebx
    cmp ebx, VEC_IRQ_BASE + 16
    jb .irqs
    ; INT3 and INTO are meant for ring 3 too: they report #BP and #OF, not #GP.
    mov ebx, 3
    mov eax, exception_3
    mov edx, GATE_USER
    call set_gate
    mov ebx, 4
    mov eax, exception_4
    mov edx, GATE_USER
    call set_gate
    mov ebx, VEC_SYSCALL_INT
    mov eax, isr_syscall_int
    mov edx, GATE_USER
    call set_gate
    mov ebx, LINUX_VECTOR
    mov eax, isr_linux_int
    mov edx, GATE_USER
    call set_gate
    lidt [idt_pointer]
    ret

; EBX = vector, EAX = handler, EDX = type/DPL word (SDM Vol.3 6.11, figure 6-2).
set_gate:
    push eax
    and eax, 0xFFFF
    or eax, SEL_KERNEL_CODE << 16
    mov [idt + ebx * 8], eax
    pop eax
    and eax, 0xFFFF0000
    or eax, edx
    mov [idt + ebx * 8 + 4], eax
    ret

idt_pointer:
    dw IDT_ENTRIES * 8 - 1
    dd idt

section .data
align 8
idt:
    times IDT_ENTRIES dq 0
section .text
