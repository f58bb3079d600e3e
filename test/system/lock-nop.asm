; LOCK NOP (F0 90) at CPL 3 raises #UD with the saved EIP at the F0 byte; LOCK is legal only
; on the read-modify-write forms with a memory destination.
; SDM Vol.2A LOCK: "#UD if the LOCK prefix is used with an instruction not listed" (ADD ADC
; AND BTC BTR BTS CMPXCHG CMPXCH8B DEC INC NEG NOT OR SBB SUB XOR XADD XCHG with a memory
; destination); SDM Vol.3 6.5: #UD is a fault, the saved EIP is the start of the instruction,
; prefixes included. (LOCK MOV [mem] is left out: QEMU TCG executes it without #UD.)
; The early-i386 model executes F0 90 as a NOP (lock-nop.i386-early).
%include "lib/start.inc"

main:
    RESUME_AT after_user
    mov ebx, user
    mov ecx, FL_BASE
    call enter_ring3

user:
    mov dword [quiet], 1
    PRINT "lock nop: "
    SKIP_TO .o1
    mov eax, 0
.site1:
    db 0xF0, 0x90
.o1:
    mov ebx, .site1
    call outcome_at
    PRINT "lock add [mem], eax: "
    SKIP_TO .o2
.site2:
    lock add [scratch], eax
.o2:
    mov ebx, .site2
    call outcome_at
    PRINT "lock add eax, ebx: "
    SKIP_TO .o4
.site4:
    db 0xF0, 0x01, 0xD8
.o4:
    mov ebx, .site4
    call outcome_at
    PRINT "eax after the attempts "
    HEX32 eax
    NL
    RESUME_AT after_user
    int 0x3F

after_user:
    jmp finish

; outcome_at: like `outcome`, and for a fault also whether the saved EIP is EBX.
outcome_at:
    cmp dword [last_vector], -1
    je .plain
    cmp [last_eip], ebx
    jne .elsewhere
    PRINT "at the instruction's first byte, "
    jmp .plain
.elsewhere:
    PRINT "at "
    HEX32 [last_eip]
    PRINT ", "
.plain:
    mov dword [skip_to], 0
    jmp outcome
%include "lib/end.inc"
