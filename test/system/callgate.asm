; Far CALL from ring 3 through a 32-bit call gate to ring 0 with three parameters, and the far
; RET back to ring 3.
; SDM Vol.3 5.8.5 (Figure 5-13): a call to a more privileged non-conforming segment switches
; to SS0:ESP0 from the TSS, pushes the caller's SS and ESP, copies `param count` dwords from
; the caller's stack (same order), then pushes the caller's CS and EIP.
; SDM Vol.3 5.8.6 and RET (Vol.2A): RET imm16 to an outer level releases imm16 bytes on both
; stacks and reloads SS:ESP from the inner stack.
; SDM Vol.3 5.8.4: the gate's DPL must be >= CPL and >= RPL, else #GP(gate selector).
; SDM Vol.3 5.8.5: a call through a gate to a segment of the same privilege uses the
; current stack and copies no parameters; a JMP through a call gate pushes nothing.
%include "lib/start.inc"

GATE3 equ SEL_FREE1 | 3     ; call gate, DPL3, 3 parameters
GATE0 equ SEL_FREE2 | 3     ; call gate, DPL0 (not reachable from ring 3)
GATE_RING0 equ SEL_FREE3    ; call gate, DPL0, to ring-0 code used from ring 0

main:
    mov eax, GATE3
    mov ebx, gate_target
    mov edx, SEL_KCODE
    mov cl, 3
    mov ch, GATE_CALL3
    call set_call_gate
    mov eax, GATE0
    mov ch, GATE_CALL3 & 0x9F
    call set_call_gate
    mov eax, GATE_RING0
    mov ebx, same_level_target
    mov cl, 3
    call set_call_gate

    push dword 0x66666666
    push dword 0x55555555
    push dword 0x44444444
    mov ebp, esp
    mov dword [scratch], 1
    call GATE_RING0:0
    PRINT "back from the same-level call, esp moved by "
    mov eax, esp
    sub eax, ebp
    HEX32 eax
    NL
    mov dword [scratch], 0
    mov ebp, esp
    jmp GATE_RING0:0
after_jmp:

    RESUME_AT after_user
    mov ebx, user
    mov ecx, FL_BASE
    call enter_ring3

user:
    push dword 0x33333333
    push dword 0x22222222
    push dword 0x11111111
    mov eax, 0xAAAA0001
    call GATE3:0
    mov ebx, esp
    mov edi, eax
    PRINT "back cs="
    mov eax, cs
    HEX16 ax
    PRINT " ss="
    mov eax, ss
    HEX16 ax
    PRINT " esp="
    HEX32 ebx
    PRINT " eax="
    HEX32 edi
    NL
    SKIP_TO .after_gp
    call GATE0:0
.after_gp:
    int 0x3F

after_user:
    jmp finish

; Reached by CALL (returns with RET 12) and by JMP ([scratch] = 0: continue at after_jmp).
same_level_target:
    cmp dword [scratch], 0
    je .jumped
    mov ebx, esp
    PRINT "same-level call: esp moved by "
    mov eax, ebx
    sub eax, ebp
    HEX32 eax
    PRINT " pushed cs="
    HEX16 word [ebx + 4]
    PRINT " first parameter "
    HEX32 [ebx + 8]
    NL
    retf 12
.jumped:
    PRINT "jmp through the gate: esp moved by "
    mov eax, esp
    sub eax, ebp
    HEX32 eax
    NL
    jmp after_jmp

gate_target:
    mov ebp, esp
    PRINT "gate cs="
    mov eax, cs
    HEX16 ax
    PRINT " ss="
    mov eax, ss
    HEX16 ax
    PRINT " esp="
    HEX32 ebp
    NL
    PRINT "  eip="
    HEX32 [ebp]
    PRINT " cs="
    HEX16 word [ebp + 4]
    PRINT " p1="
    HEX32 [ebp + 8]
    PRINT " p2="
    HEX32 [ebp + 12]
    PRINT " p3="
    HEX32 [ebp + 16]
    PRINT " esp="
    HEX32 [ebp + 20]
    PRINT " ss="
    HEX16 word [ebp + 24]
    NL
    mov eax, 0xBBBB0002
    retf 12
%include "lib/end.inc"
