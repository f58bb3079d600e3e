; Debug registers (SDM Vol.3 chapter 17), the cases where QEMU follows the SDM:
; - data breakpoints (R/W = 01 write, 11 read or write) trap after the instruction that
;   accessed the range (17.3.1.2): EIP after it, DR6.Bn set; LEN 01/11 cover 2/4 bytes
;   (17.2.5); a breakpoint whose L/G bits are clear never fires;
; - DR6.B0-B3 are sticky: the processor never clears them (17.2.3), so a handler that does not
;   clear DR6 sees the bits of earlier hits;
; - instruction breakpoints (R/W = 00) are faults (17.3.1.1): EIP on the instruction; the
;   handler sets RF in the saved EFLAGS and its IRET lets the instruction run once; the next
;   time round it faults again; an IRET that sets RF suppresses the breakpoint of the
;   instruction it returns to.
; debugregs-sdm.asm has the cases where QEMU does not follow the SDM.
; Each case prints its log (lib/debuglog.inc) with EIPs relative to the case's label.
%include "lib/start.inc"
%include "lib/debuglog.inc"

main:
    DB_SETUP

    ; 1. Write breakpoint, 4 bytes: a write traps after it, a read does not.
    mov eax, var
    mov dr0, eax
    CASE_START
    ARM DR7_L0 | RWLEN(0, 1, 3)
case_write:
    mov [var], eax
    mov ebx, [var]
    nop
    CASE_END "write bp, write then read:", case_write

    ; 2. Read/write breakpoint: a read traps too.
    CASE_START
    ARM DR7_L0 | RWLEN(0, 3, 3)
case_read:
    mov ebx, [var]
    nop
    CASE_END "rw bp, read:", case_read

    ; 3. LEN 01 at var+2 covers var+2..var+3: byte writes to var+1 and var+4 miss, var+3 hits.
    lea eax, [var + 2]
    mov dr1, eax
    CASE_START
    ARM DR7_L1 | RWLEN(1, 1, 1)
case_len2:
    mov byte [var + 1], al
    mov byte [var + 4], al
    mov byte [var + 3], al
    nop
    CASE_END "len 2:", case_len2

    ; 4. A word write reaching into a 1-byte breakpoint's range hits it.
    CASE_START
    ARM DR7_L1 | RWLEN(1, 1, 0)
case_overlap:
    mov word [var + 1], ax
    nop
    CASE_END "word write over a byte bp:", case_overlap

    ; 5. Sticky DR6: the handler leaves DR6 alone; a hit on DR0, then one on DR1.
    mov eax, var
    mov dr0, eax
    CASE_START
    mov dword [db_keep], 1
    ARM DR7_L0 | DR7_L1 | RWLEN(0, 1, 0) | RWLEN(1, 1, 0)
case_sticky:
    mov byte [var], al
    mov byte [var + 2], al
    nop
    mov dword [db_keep], 0
    CASE_END "sticky dr6:", case_sticky

    ; 6. R/W and LEN set but L0/G0 clear: no breakpoint.
    CASE_START
    ARM RWLEN(0, 3, 3)
case_disabled:
    mov [var], eax
    nop
    CASE_END "not enabled:", case_disabled

    ; 7. Instruction breakpoint on a loop body run twice: a fault each time round.
    mov eax, case_code_bp
    mov dr2, eax
    CASE_START
    mov dword [db_setrf], 1
    mov ecx, 2
    ARM DR7_L2 | RWLEN(2, 0, 0)
case_code:
case_code_bp:
    inc ebx
    dec ecx
    jnz case_code_bp
    mov dword [db_setrf], 0
    CASE_END "instruction bp, twice:", case_code

    ; 8. IRETD with RF set returns onto the breakpoint without a fault; the next pass faults.
    mov eax, case_iret_bp
    mov dr2, eax
    CASE_START
    mov dword [db_setrf], 1
    ARM DR7_L2 | RWLEN(2, 0, 0)
    xor ecx, ecx
    pushfd
    or dword [esp], FL_RF
    push cs
    push dword case_iret_bp
case_iret:
    iretd
case_iret_bp:
    inc ecx
    cmp ecx, 2
    jb case_iret_bp
    mov dword [db_setrf], 0
    CASE_END "iretd with rf:", case_iret
    jmp finish

DB_ROUTINES
%include "lib/end.inc"
