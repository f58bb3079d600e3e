; Bare-machine wrapper that runs a bench workload at CPL3 with paging on (the int-loop-paged
; figure): loaded at 1 MiB and entered in flat 32-bit mode at CPL0 like bare.asm, it loads a
; GDT (ring 0 and ring 3 flat segments, a TSS), an IDT, identity-maps the first 4 MiB with
; user read/write 4 KiB pages, turns paging on, IRETs to ring 3 and runs the workload there.
; The workload's HLT at CPL3 raises #GP(0) (SDM Vol.3 2.8.1: HLT is privileged); the #GP
; handler finishes (pc.inc) with the checksum still in EAX. Any other exception finishes with
; EAX = -1.
bits 32
org 0x100000

PAGE_DIRECTORY  equ 0x300000
PAGE_TABLE      equ 0x301000
RING0_STACK     equ 0x1E0000
RING3_STACK     equ 0x1F0000
CODE0 equ 0x08
DATA0 equ 0x10
CODE3 equ 0x18 | 3
DATA3 equ 0x20 | 3
TSS_SELECTOR equ 0x28

start:
        mov esp, RING0_STACK
        ; TSS descriptor base (SDM Vol.3 7.2.2)
        mov eax, tss
        mov [gdt_tss + 2], ax
        shr eax, 16
        mov [gdt_tss + 4], al
        mov [gdt_tss + 7], ah
        ; IDT: 32 interrupt gates (type 0Eh, DPL0, present) to `unexpected`, #GP to gp_fault
        mov edi, idt
        mov ecx, 32
.gate:  mov eax, unexpected
        mov [edi], ax
        mov word [edi + 2], CODE0
        mov word [edi + 4], 0x8E00
        shr eax, 16
        mov [edi + 6], ax
        add edi, 8
        dec ecx
        jnz .gate
        mov eax, gp_fault
        mov [idt + 13 * 8], ax
        shr eax, 16
        mov [idt + 13 * 8 + 6], ax
        lgdt [gdt_pointer]
        lidt [idt_pointer]
        jmp CODE0:.flat
.flat:  mov ax, DATA0
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov fs, ax
        mov gs, ax
        mov dword [tss + 4], RING0_STACK        ; ESP0
        mov dword [tss + 8], DATA0              ; SS0
        mov word [tss + 102], 104               ; I/O map base past the limit: no bitmap
        mov ax, TSS_SELECTOR
        ltr ax
        ; page table: 1024 user read/write pages, identity (PTE = address | U/S | R/W | P)
        mov edi, PAGE_TABLE
        mov eax, 7
        mov ecx, 1024
.pte:   mov [edi], eax
        add eax, 4096
        add edi, 4
        dec ecx
        jnz .pte
        mov edi, PAGE_DIRECTORY
        xor eax, eax
        mov ecx, 1024
        cld
        rep stosd
        mov dword [PAGE_DIRECTORY], PAGE_TABLE | 7
        mov eax, PAGE_DIRECTORY
        mov cr3, eax
        mov eax, cr0
        or eax, 0x80000001                      ; PG | PE
        mov cr0, eax
        jmp .paged
.paged: ; IRET to ring 3 (SDM Vol.3 6.12.1): SS, ESP, EFLAGS (IF=0, IOPL=0), CS, EIP
        push dword DATA3
        push dword RING3_STACK
        push dword 0x002
        push dword CODE3
        push dword user
        iret

user:   ; the IRET to CPL3 nulled DS and ES (their DPL 0 < CPL): load ring 3 data segments
        mov ax, DATA3
        mov ds, ax
        mov es, ax
        mov ecx, ITERATIONS
        call work
user_halt:
        hlt

gp_fault:
        cmp dword [esp + 4], user_halt          ; the error code, then the faulting EIP
        je finish
unexpected:
        mov eax, -1
        jmp finish

align 8
; Descriptors as low dword, high dword (SDM Vol.3 3.4.5).
gdt:    dd 0, 0
        dd 0x0000FFFF, 0x00CF9A00               ; CODE0: base 0, limit 4 GiB, execute/read, DPL0
        dd 0x0000FFFF, 0x00CF9200               ; DATA0: read/write, DPL0
        dd 0x0000FFFF, 0x00CFFA00               ; CODE3: DPL3
        dd 0x0000FFFF, 0x00CFF200               ; DATA3: DPL3
gdt_tss: dd 0x00000067, 0x00008900              ; 32-bit available TSS, limit 0x67 (base patched)
gdt_end:
gdt_pointer:
        dw gdt_end - gdt - 1
        dd gdt
idt_pointer:
        dw 32 * 8 - 1
        dd idt
align 8
idt:    times 32 * 8 db 0
tss:    times 104 db 0

buf     equ 0x200000

%include "pc.inc"
%include WORKLOAD
