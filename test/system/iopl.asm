; I/O privilege: IOPL and the TSS I/O permission bitmap at CPL 3, CLI/STI and POPF rules.
; SDM Vol.1 18.5.1: IN/OUT/INS/OUTS at CPL > IOPL consult the I/O permission bitmap
; (18.5.2): every bit for the bytes accessed must be 0, a bit set or a byte beyond the TSS
; limit -> #GP(0). With CPL <= IOPL no bitmap check is made.
; SDM Vol.2A CLI/STI: #GP(0) when CPL > IOPL (no VME/PVI here).
; SDM Vol.2B POPF: at CPL > 0 IOPL is not changed, and IF is changed only when CPL <= IOPL;
; neither case faults.
; The default TSS bitmap (lib/start.inc) allows ports E9 and F4 only.
%include "lib/start.inc"

main:
    RESUME_AT iopl3
    mov ebx, user_iopl0
    mov ecx, FL_BASE | FL_IF
    call enter_ring3

user_iopl0:
    PRINTLN "CPL3 IOPL0: out to port E9 allowed by the bitmap"
    PRINTLN "in from port 80:"
    SKIP_TO .out80
    in al, 0x80
.out80:
    PRINTLN "out to port 80:"
    SKIP_TO .word
    out 0x80, al
.word:
    PRINTLN "word out to port E8 (E8 denied, E9 allowed):"
    SKIP_TO .cli
    mov ax, 0x0A0A
    out 0xE8, ax
.cli:
    PRINTLN "cli:"
    SKIP_TO .sti
    cli
.sti:
    PRINTLN "sti:"
    SKIP_TO .popf
    sti
.popf:
    pushfd
    pop ebx
    mov eax, ebx
    and eax, ~FL_IF
    or eax, FL_IOPL3
    push eax
    popfd
    pushfd
    pop ecx
    PRINT "popfd clearing IF and setting IOPL=3: eflags before "
    HEXFLAGS ebx
    PRINT " after "
    HEXFLAGS ecx
    NL
    RESUME_AT iopl3
    int 0x3F

iopl3:
    RESUME_AT short_tss
    mov ebx, user_iopl3
    mov ecx, FL_BASE | FL_IF | FL_IOPL3
    call enter_ring3

user_iopl3:
    mov dword [quiet], 1
    mov dword [last_vector], -1
    PRINT "CPL3 IOPL3: in from port 80, cli, sti: "
    in al, 0x80
    cli
    sti
    call outcome
    mov dword [quiet], 0
    pushfd
    pop ebx
    mov eax, ebx
    and eax, ~(FL_IF | FL_IOPL3)
    push eax
    popfd
    pushfd
    pop ecx
    PRINT "popfd clearing IF and IOPL: eflags before "
    HEXFLAGS ebx
    PRINT " after "
    HEXFLAGS ecx
    NL
    RESUME_AT short_tss
    int 0x3F

; A TSS whose limit ends before the bitmap byte of port E9 (SDM Vol.1 18.5.2). TR caches the
; limit, so the descriptor is made available again and reloaded with LTR.
short_tss:
    mov word [GDT_RAM + SEL_TSS], 0x0068 + (0xE9 >> 3) - 1
    and byte [GDT_RAM + SEL_TSS + 5], ~2
    mov ax, SEL_TSS
    ltr ax
    PRINTLN "CPL3 IOPL0: out to port E9 with its bitmap byte beyond the TSS limit:"
    RESUME_AT after_user
    mov ebx, user_short
    mov ecx, FL_BASE
    call enter_ring3
user_short:
    mov al, '!'
    out 0xE9, al
    int 0x3F
after_user:
    jmp finish
%include "lib/end.inc"
