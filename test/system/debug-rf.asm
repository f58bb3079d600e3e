; EFLAGS.RF in the image the processor pushes for an event. Each handler prints the event, its
; EIP relative to the case label and the RF bit of the pushed EFLAGS:
; 1. an instruction breakpoint on a DIV that then faults #DE: the breakpoint's #DB comes first
;    (17.3.1.1: instruction breakpoints are the highest priority); its handler sets RF in the
;    image and returns; the DIV raises #DE, whose handler fixes the divisor and returns with the
;    pushed image unchanged. The #DE pushes RF = 1 (a fault), so the DIV is retried without a
;    second #DB. What the #DB itself pushes differs: the 80386 sets RF in the image of every
;    fault including this one (80386 Programmer's Reference Manual 12.3.1.1: "The processor
;    automatically sets RF in the EFLAGS image on the stack before entry into any fault
;    handler"); later processors push the current RF, 0, for an instruction-breakpoint #DB only
;    (SDM Vol.3 17.3.1.1);
; 2. INT3 is a trap: the image has RF = 0 (80386 PRM 12.3.1.1: RF is not set for traps; SDM
;    Vol.3 17.3.1.1: a software interrupt pushes RF cleared at the start of the instruction).
%include "lib/start.inc"
%include "lib/debuglog.inc"

; HANDLER label, name: prints the name, the saved EIP - [case_base] and the saved EFLAGS.RF.
%macro HANDLER 2
%1:
    PRINT %2
    PRINT " +"
    push eax
    mov eax, [esp + 4]
    sub eax, [case_base]
    HEX32 eax
    PRINT " rf="
    mov eax, [esp + 12]
    shr eax, 16
    and eax, 1
    HEX8 al
    NL
    pop eax
%endmacro

case_base   equ scratch + 0x100

main:
    mov eax, 0
    mov ebx, de_handler
    mov cl, GATE_INT0
    mov dx, SEL_KCODE
    call set_gate
    mov eax, 1
    mov ebx, db_rf_handler
    call set_gate
    mov eax, 3
    mov ebx, bp_handler
    call set_gate
    xor eax, eax
    mov dr6, eax

    ; 1. Instruction breakpoint on a DIV by zero.
    PRINTLN "instruction bp on div by 0:"
    mov dword [case_base], case_div
    mov eax, case_div
    mov dr0, eax
    ARM DR7_L0 | RWLEN(0, 0, 0)
    mov ax, 7
    xor ecx, ecx
case_div:
    div cl
    xor edx, edx
    mov dr7, edx
    PRINT "div done, al="
    HEX8 al
    NL

    ; 2. INT3 (a trap).
    PRINTLN "int3:"
    mov dword [case_base], case_int3
case_int3:
    int3

    jmp finish

; #DE: the divisor becomes 2; the pushed image goes back unchanged.
HANDLER de_handler, "#DE"
    mov cl, 2
    iretd

; #DB: clears DR6 and sets RF in the image, as a debugger resuming a breakpoint does.
HANDLER db_rf_handler, "#DB"
    push eax
    xor eax, eax
    mov dr6, eax
    pop eax
    or dword [esp + 8], FL_RF
    iretd

HANDLER bp_handler, "#BP"
    iretd

%include "lib/end.inc"
