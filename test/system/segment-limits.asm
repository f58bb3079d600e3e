; Checks made at each memory access through a segment: null selector use, writes through a
; read-only segment, limits, expand-down segments (data and stack).
; SDM Vol.3 3.4.2: a null selector may be loaded into DS..GS, but an access through it
; raises #GP(0). SDM Vol.3 5.3: an access past the limit of a data segment raises #GP(0),
; of the stack segment #SS(0); every byte of the operand must be within the limit; for an
; expand-down segment with B = 1 the valid offsets are limit+1 .. FFFFFFFFH (Figure 5-1).
; SDM Vol.3 5.4 (type checking): writing to a read-only data segment raises #GP(0).
; Output uses `outcome` (no EIPs) because QEMU TCG does not make these checks: the expected
; output is written from the SDM (segment-limits.sdm.expected).
%include "lib/start.inc"

SEL_USTACK_DOWN equ SEL_FREE1 | 3   ; expand-down data, DPL3, base 0x40000, limit 0xFFF

main:
    mov dword [quiet], 1
    PRINT "read through null DS: "
    RESUME_AT .o1
    xor eax, eax
    mov ds, ax
    mov eax, [ds:0x3F00]
.o1:
    mov ax, SEL_KDATA
    mov ds, ax
    call outcome
    PRINT "write through read-only DS: "
    RESUME_AT .o2
    mov ax, SEL_RODATA
    mov ds, ax
    mov eax, [0x3F00]
    mov dword [0x3F00], 1
.o2:
    mov ax, SEL_KDATA
    mov ds, ax
    call outcome
    mov ax, SEL_SMALL
    mov es, ax
    PRINT "limit FFF, dword read at FFC: "
    RESUME_AT .o3
    mov eax, [es:0xFFC]
.o3:
    call outcome
    PRINT "limit FFF, byte read at FFF: "
    RESUME_AT .o4
    mov al, [es:0xFFF]
.o4:
    call outcome
    PRINT "limit FFF, dword read at FFD: "
    RESUME_AT .o5
    mov eax, [es:0xFFD]
.o5:
    call outcome
    ; The fault above resumed here through isr_common, which left ES flat: reload it.
    mov ax, SEL_SMALL
    mov es, ax
    PRINT "limit FFF, byte write at 1000: "
    RESUME_AT .o6
    mov byte [es:0x1000], 0
.o6:
    call outcome
    mov ax, SEL_EXPDOWN
    mov es, ax
    PRINT "expand-down limit FFF, dword read at 1000: "
    RESUME_AT .o7
    mov eax, [es:0x1000]
.o7:
    call outcome
    PRINT "expand-down limit FFF, dword read at FFFFFFFC: "
    RESUME_AT .o8
    mov eax, [es:0xFFFFFFFC]
.o8:
    call outcome
    PRINT "expand-down limit FFF, byte read at FFF: "
    RESUME_AT .o9
    mov al, [es:0xFFF]
.o9:
    call outcome
    mov ax, SEL_EXPDOWN             ; again after the fault above
    mov es, ax
    PRINT "expand-down limit FFF, dword read at FFFFFFFE: "
    RESUME_AT .o10
    mov eax, [es:0xFFFFFFFE]
.o10:
    call outcome
    mov ax, SEL_KDATA
    mov es, ax

    mov eax, SEL_USTACK_DOWN
    mov ebx, 0x00000FFF
    mov edx, 0x0040F604
    call set_gdt_entry
    RESUME_AT after_push1
    mov ebx, user
    mov ecx, FL_BASE
    call enter_ring3

; Ring 3 on an expand-down stack (offsets 1000..FFFFFFFF valid): ESP = 1008, two pushes
; reach 1000, a third would write FFC..FFF.
user:
    mov ax, SEL_USTACK_DOWN
    mov ss, ax
    mov esp, 0x1008
    push eax
    push eax
    mov ax, SEL_UDATA
    mov ss, ax
    mov esp, USTACK
    PRINT "expand-down SS at CPL3, pushes to 1004 and 1000: "
    call outcome
    PRINT "third push, to FFC: "
    RESUME_AT after_push1
    mov ax, SEL_USTACK_DOWN
    mov ss, ax
    mov esp, 0x1000
    push eax
    mov ax, SEL_UDATA
    mov ss, ax
    mov esp, USTACK
    int 0x3F

after_push1:
    call outcome
    jmp finish
%include "lib/end.inc"
