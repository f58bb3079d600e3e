; The 8259A and 8254 as the CPU sees them through ports, with interrupts disabled: IRR, ISR
; and poll reads, EOI forms, mask reads, and the 8254 read-back status around a one-shot
; (mode 0) count that raises IRQ0.
; 8259A data sheet: OCW3 0Ah/0Bh select IRR/ISR for reads of port 20h, OCW3 0Ch polls (the
; next read returns 80h | level and acknowledges it); OCW2 60h | L = specific EOI; OCW1 on
; port 21h reads back. 8254 data sheet: read-back command 11 C-bar S-bar CNT2-0; status =
; OUT, null count, RW1 RW0, M2-M0, BCD; mode 0 sets OUT low at the control word and high
; at terminal count. (The status right after the control word is not shown: QEMU never
; sets the null count bit.)
%include "lib/start.inc"

main:
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
    mov al, 0xFF
    out 0x21, al
    out 0xA1, al

    mov al, 0x30                    ; counter 0, LSB/MSB, mode 0
    out 0x43, al
    mov al, 100
    out 0x40, al
    mov al, 0
    out 0x40, al
.wait:
    mov al, 0x0A
    out 0x20, al
    in al, 0x20
    test al, 1
    jz .wait
    PRINT "irr after terminal count "
    HEX8 al
    mov al, 0xE2
    out 0x43, al
    in al, 0x40
    PRINT ", status "
    HEX8 al
    NL
    mov al, 0x0B
    out 0x20, al
    in al, 0x20
    PRINT "isr "
    HEX8 al
    NL
    PRINT "poll with IRQ0 masked "
    mov al, 0x0C
    out 0x20, al
    in al, 0x20
    HEX8 al
    NL
    mov al, 0xFE
    out 0x21, al
    PRINT "poll with IRQ0 unmasked "
    mov al, 0x0C
    out 0x20, al
    in al, 0x20
    HEX8 al
    NL
    call show_irr_isr
    PRINTLN "specific EOI for IR3 (not in service), then for IR0:"
    mov al, 0x63
    out 0x20, al
    call show_irr_isr
    mov al, 0x60
    out 0x20, al
    call show_irr_isr
    PRINT "masks read back "
    in al, 0x21
    HEX8 al
    PRINT " "
    in al, 0xA1
    HEX8 al
    NL
    mov al, 0xFF
    out 0x21, al
    jmp finish

show_irr_isr:
    PRINT "  irr "
    mov al, 0x0A
    out 0x20, al
    in al, 0x20
    HEX8 al
    PRINT " isr "
    mov al, 0x0B
    out 0x20, al
    in al, 0x20
    HEX8 al
    NL
    ret
%include "lib/end.inc"
