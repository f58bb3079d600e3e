; Debug registers (SDM Vol.3 chapter 17), the cases where QEMU does not follow the SDM
; (debugregs-sdm.sdm.expected says how QEMU differs):
; - the breakpoint address is aligned down to its length: LEN 01 at var+3 covers var+2..var+3
;   (17.2.5: "it uses LENn field bits to mask the lower address bits");
; - one write hitting two breakpoints sets both B0 and B1 (17.2.3: each Bn reports that its
;   condition was met when the exception was generated);
; - DR7.GD (17.2.4): MOV from a debug register faults #DB with DR6.BD set and GD cleared, so
;   the handler's IRETD re-executes the MOV, which then reads DR7 without GD;
; - MOV SS from a watched word (6.8.3): the #DB is held until the next instruction has run;
;   when that instruction is INT n, the #DB comes before the handler's first instruction
;   (the behaviour behind CVE-2018-8897);
; - the processor's own pushes are data writes (17.3.1.2 data breakpoints are on linear
;   addresses written by any access): a write breakpoint on the slot where INT 40h pushes
;   EFLAGS traps after the INT, before the handler's first instruction;
; - a task switch to a TSS whose T flag is set raises a #DB trap with DR6.BT before the new
;   task's first instruction (7.2.1, 17.2.3);
; - an instruction breakpoint on the instruction right after MOV SS or POP SS is not triggered
;   (6.8.3: debug exceptions are inhibited until the boundary after that instruction; 17.3.1.1:
;   "the breakpoint may not be triggered"); a breakpoint fault belongs to the instruction it is
;   on, so it is dropped, not held: the next pass over the same instruction faults.
; Each case prints its log (lib/debuglog.inc) with EIPs relative to the label given.
%include "lib/start.inc"
%include "lib/debuglog.inc"

main:
    DB_SETUP

    ; 1. LEN 01 at var+3: aligned down, a byte write to var+2 hits.
    lea eax, [var + 3]
    mov dr1, eax
    CASE_START
    ARM DR7_L1 | RWLEN(1, 1, 1)
case_len2:
    mov byte [var + 1], al
    mov byte [var + 2], al
    nop
    CASE_END "len 2, unaligned address:", case_len2

    ; 2. One dword write hitting DR0 (var, 4) and DR1 (var+2, 2): B0 and B1.
    mov eax, var
    mov dr0, eax
    CASE_START
    ARM DR7_L0 | DR7_L1 | RWLEN(0, 1, 3) | RWLEN(1, 1, 1)
case_two:
    mov [var], eax
    nop
    CASE_END "two bps, one write:", case_two

    ; 3. DR7.GD: MOV EAX, DR7 faults with BD; the handler's IRETD re-runs it without GD.
    CASE_START
    ARM DR7_GD
case_gd:
    mov eax, dr7
    nop
    mov ebx, eax
    CASE_END "general detect:", case_gd
    PRINT "dr7 read after #DB="
    HEX32 ebx
    NL

    ; 4. MOV SS from a watched word: the trap comes after the instruction that follows it.
    mov eax, ss_sel
    mov dr0, eax
    CASE_START
    ARM DR7_L0 | RWLEN(0, 3, 1)
case_movss:
    mov ss, [ss_sel]
    inc ecx
    nop
    CASE_END "mov ss, [watched]; inc:", case_movss

    ; 5. The same followed by INT 40h: the #DB arrives before the handler's first instruction.
    CASE_START
    ARM DR7_L0 | RWLEN(0, 3, 1)
case_movss_int:
    mov ss, [ss_sel]
    int 0x40
    nop
    CASE_END "mov ss, [watched]; int 0x40 (from int40_handler):", int40_handler

    ; 6. A write breakpoint on the stack slot where INT 40h pushes EFLAGS.
    lea eax, [esp - 4]
    mov dr0, eax
    CASE_START
    ARM DR7_L0 | RWLEN(0, 1, 3)
case_frame:
    int 0x40
    nop
    CASE_END "int 0x40 frame push (from int40_handler):", int40_handler

    ; 7. CALL to a task whose TSS has T = 1: #DB (BT) before its first instruction.
    mov edi, TSS_AUX
    mov ecx, 0x68 / 4
    xor eax, eax
    rep stosd
    mov dword [TSS_AUX + TSS_EIP], aux_task
    mov dword [TSS_AUX + TSS_EFLAGS], FL_BASE
    mov dword [TSS_AUX + TSS_ESP], AUXSTACK
    mov dword [TSS_AUX + TSS_CS], SEL_KCODE
    mov dword [TSS_AUX + TSS_SS], SEL_KDATA
    mov dword [TSS_AUX + TSS_DS], SEL_KDATA
    mov dword [TSS_AUX + TSS_ES], SEL_KDATA
    mov dword [TSS_AUX + TSS_FS], SEL_KDATA
    mov dword [TSS_AUX + TSS_GS], SEL_KDATA
    mov word [TSS_AUX + 0x64], 1                ; T
    mov word [TSS_AUX + TSS_IOMAP], 0x68
    CASE_START
    call SEL_TSS_AUX:0
    CASE_END "task switch to a TSS with T=1 (from aux_task):", aux_task

    ; 8. An instruction breakpoint on the instruction after MOV SS, reached twice: not
    ;    triggered inside the shadow, and not held either: only the second pass faults.
    mov eax, case_movss_ibp_bp
    mov dr0, eax
    CASE_START
    mov dword [db_setrf], 1
    xor ecx, ecx
    ARM DR7_L0 | RWLEN(0, 0, 0)
case_movss_ibp:
    mov ss, [ss_sel]
case_movss_ibp_bp:
    inc ecx
    cmp ecx, 2
    jb case_movss_ibp_bp
    mov dword [db_setrf], 0
    CASE_END "instruction bp after mov ss:", case_movss_ibp

    ; 9. The same after POP SS.
    mov eax, case_popss_ibp_bp
    mov dr0, eax
    CASE_START
    mov dword [db_setrf], 1
    xor ecx, ecx
    ARM DR7_L0 | RWLEN(0, 0, 0)
case_popss_ibp:
    push ss
    pop ss
case_popss_ibp_bp:
    inc ecx
    cmp ecx, 2
    jb case_popss_ibp_bp
    mov dword [db_setrf], 0
    CASE_END "instruction bp after pop ss:", case_popss_ibp
    jmp finish

aux_task:
    nop
    iretd                                       ; NT = 1: back to main's task
    jmp aux_task

DB_ROUTINES
%include "lib/end.inc"
