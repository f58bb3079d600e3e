; HLT waiting for the timer: the 8254 PIT channel 0 (mode 2, rate generator) raises IRQ0
; through the master 8259A PIC, programmed to vectors 20h-27h (slave 28h-2Fh).
; 8259A data sheet: ICW1 (D4=1, IC4) on port 20h, ICW2 (vector base), ICW3 (cascade: master
; bit 2, slave id 2), ICW4 (8086 mode) on 21h; OCW1 = mask on 21h; OCW2 20h = non-specific
; EOI; OCW3 0Ah/0Bh selects IRR/ISR for the next read of port 20h.
; 8254 data sheet: control word 34h on port 43h = counter 0, LSB then MSB, mode 2, binary.
; SDM Vol.2A HLT: the processor stays halted until an enabled interrupt, then continues
; with the instruction after HLT once the handler returns. A fourth tick is taken while
; ring 3 code spins with IF = 1.
%include "lib/start.inc"

ticks       equ scratch
isr_seen    equ scratch + 4
irq_cs      equ scratch + 8     ; CS in the frame of the interrupt that made ticks 4
TICKS_WANTED equ 3

main:
    mov eax, 0x20
    mov ebx, timer_handler
    mov cl, GATE_INT0
    mov dx, SEL_KCODE
    call set_gate

    mov al, 0x11
    out 0x20, al
    out 0xA0, al
    mov al, 0x20
    out 0x21, al
    mov al, 0x28
    out 0xA1, al
    mov al, 0x04
    out 0x21, al
    mov al, 0x02
    out 0xA1, al
    mov al, 0x01
    out 0x21, al
    out 0xA1, al
    mov al, 0xFE
    out 0x21, al
    mov al, 0xFF
    out 0xA1, al
    in al, 0x21
    PRINT "imr master="
    HEX8 al
    in al, 0xA1
    PRINT " slave="
    HEX8 al
    NL

    mov al, 0x34
    out 0x43, al
    mov ax, 11932                   ; 10 ms at 1.193182 MHz
    out 0x40, al
    mov al, ah
    out 0x40, al

.wait:
    sti
    hlt
    cli
    PRINT "woke up, ticks="
    HEX8 byte [ticks]
    NL
    cmp dword [ticks], TICKS_WANTED
    jb .wait
    PRINT "in service during the first tick "
    HEX8 byte [isr_seen]
    mov al, 0x0B
    out 0x20, al
    in al, 0x20
    PRINT ", after its EOI "
    HEX8 al
    NL
    ; A timer interrupt taken in ring 3 switches to the TSS stack (SDM Vol.3 6.12.1).
    RESUME_AT after_user
    mov ebx, user
    mov ecx, FL_BASE | FL_IF
    call enter_ring3
user:
    cmp dword [ticks], TICKS_WANTED + 1
    jb user
    int 0x3F
after_user:
    PRINT "tick 4 interrupted cs="
    HEX16 word [irq_cs]
    NL
    mov al, 0xFF
    out 0x21, al
    jmp finish

timer_handler:
    push eax
    mov eax, [esp + 8]
    mov [irq_cs], eax
    inc dword [ticks]
    cmp dword [ticks], 1
    jne .eoi
    mov al, 0x0B
    out 0x20, al
    in al, 0x20
    mov [isr_seen], al
.eoi:
    mov al, 0x20
    out 0x20, al
    pop eax
    iret
%include "lib/end.inc"
