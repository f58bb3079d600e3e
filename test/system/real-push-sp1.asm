; A PUSH in real-address mode with SP = 1: the word would go at SS:FFFF, across the 64 KiB
; stack segment limit. SDM Vol.2B PUSH (Description): the #SS this raises cannot be delivered
; (its own frame faults the same way), nor can the #DF that follows, and the processor enters
; the shutdown state. The #SS, #GP and #DF vectors here would print what they got; the run must
; end in a shutdown right after the first line instead. QEMU TCG makes no segment limit checks
; (the push wraps and the program goes on), so the expected output is written from the SDM.
%include "lib/start.inc"
%include "lib/real.inc"

sv_esp      equ scratch + 0
sv_ebp      equ scratch + 4
sv_eax      equ scratch + 8
sv_vec      equ scratch + 12

main:
    REAL_INIT
    IVT 8, rfault_df
    IVT 12, rfault_ss
    IVT 13, rfault_gp
    PRINTLN "push at SP=1 in real mode"
    REAL
    mov word [sv_vec], 0xFFFF
    mov sp, 1
    push ax
    xor ax, ax
    mov ds, ax
    PROT
    PRINTLN "no fault"
    jmp finish

delivered:
    PRINT "delivered vector "
    HEX16 word [sv_vec]
    NL
    jmp finish

    bits 16
rfault_df:
    xor bx, bx
    mov ds, bx
    mov word [sv_vec], 8
    jmp rback
rfault_ss:
    xor bx, bx
    mov ds, bx
    mov word [sv_vec], 12
    jmp rback
rfault_gp:
    xor bx, bx
    mov ds, bx
    mov word [sv_vec], 13
rback:
    mov bx, 0x7000
    mov ss, bx
    mov sp, 0xFFF0
    PROT
    jmp delivered
%include "lib/end.inc"
