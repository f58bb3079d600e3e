; Ring 3 -> ring 0 -> ring 3 through `int 0x30`.
; SDM Vol.3 6.12.1 (exception/interrupt handler procedures): an interrupt gate whose code
; segment is more privileged than CPL switches to SS0:ESP0 from the TSS and pushes the old
; SS, ESP, EFLAGS, CS, EIP; an interrupt gate clears IF, a trap gate does not (6.12.1.3).
; SDM Vol.3 6.12.1 and IRET (Vol.2A): IRET to an outer level pops CS, EIP, EFLAGS, ESP, SS.
; SDM Vol.3 6.12.1.1: INT n checks the gate DPL against CPL: a DPL0 gate from ring 3 raises
; #GP with error code (vector << 3) | 2 (IDT bit).
%include "lib/start.inc"

main:
    mov eax, 0x30
    mov ebx, int30_handler
    mov cl, GATE_INT3
    mov dx, SEL_KCODE
    call set_gate
    mov eax, 0x31
    mov ebx, int30_handler
    mov cl, GATE_TRAP3
    call set_gate
    mov eax, 0x32
    mov ebx, int30_handler
    mov cl, GATE_INT0
    call set_gate

    RESUME_AT after_user
    mov ebx, user
    mov ecx, FL_BASE | FL_IF
    call enter_ring3

user:
    PRINT "user cs="
    mov eax, cs
    HEX16 ax
    PRINT " ss="
    mov eax, ss
    HEX16 ax
    NL
    mov eax, 0x11111111
    mov esi, 0x22222222
    int 0x30
    mov edi, eax
    mov ebx, esp
    PRINT "back cs="
    mov eax, cs
    HEX16 ax
    PRINT " esp="
    HEX32 ebx
    PRINT " eax="
    HEX32 edi
    NL
    int 0x31
    SKIP_TO .after_gp
    int 0x32
.after_gp:
    PRINTLN "user survived #GP"
    int 0x3F

after_user:
    PRINT "ring0 cs="
    mov eax, cs
    HEX16 ax
    NL
    jmp finish

; Prints the frame pushed by the inter-privilege interrupt and returns with EAX changed.
int30_handler:
    push ebp
    mov ebp, esp
    PRINT "handler cs="
    mov eax, cs
    HEX16 ax
    PRINT " ss="
    mov eax, ss
    HEX16 ax
    PRINT " esp="
    HEX32 ebp
    NL
    PRINT "  frame eip="
    HEX32 [ebp + 4]
    PRINT " cs="
    HEX16 word [ebp + 8]
    PRINT " eflags="
    HEXFLAGS [ebp + 12]
    PRINT " esp="
    HEX32 [ebp + 16]
    PRINT " ss="
    HEX16 word [ebp + 20]
    NL
    PRINT "  if="
    pushfd
    pop eax
    shr eax, 9
    and eax, 1
    HEX8 al
    PRINT " esi="
    HEX32 esi
    NL
    pop ebp
    mov eax, 0x33333333
    iret
%include "lib/end.inc"
