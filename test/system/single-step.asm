; Single-step traps around instructions that raise events (SDM Vol.3 17.3.1.4, 6.9 Table 6-2,
; 6.12.1.2). With TF set: an instruction that completes is followed by a #DB trap (EIP after
; it, DR6.BS); an instruction that faults is not (it did not complete) and the handler runs
; with TF cleared by the gate; INT n, INT3 and INTO clear TF as they enter the handler
; (17.3.1.4: "The INT n, INT3, and INTO instructions, however, do clear this flag"), so no trap
; follows them and the first trap is after the instruction the handler's IRET returns to (the
; IRET itself began with TF clear); INTO with OF = 0 raises nothing and traps like any
; instruction; IRET setting TF traps only after the instruction that follows it.
; Every handler and the #DB handler log (vector, saved EIP); each case prints its log with the
; EIPs relative to the case's label.
%include "lib/start.inc"

log_count   equ scratch
log_vec     equ scratch + 0x10
log_eip     equ scratch + 0x80
LOG_MAX     equ 16

%macro HANDLER 2                ; name, vector: log and return
%1:
    push eax
    push ebx
    mov eax, %2
    mov ebx, [esp + 8]
    call log_event
    pop ebx
    pop eax
    iretd
%endmacro

%macro GATE 3                   ; vector, handler, gate type
    mov eax, %1
    mov ebx, %2
    mov cl, %3
    mov dx, SEL_KCODE
    call set_gate
%endmacro

%macro TF_ON 0
    pushfd
    or dword [esp], FL_TF
    popfd
%endmacro

; TF_OFF traps once more after its POPFD (TF was set when the POPFD began); the log shows it.
%macro TF_OFF 0
    pushfd
    and dword [esp], ~FL_TF
    popfd
%endmacro

%macro CASE_START 0
    mov dword [log_count], 0
%endmacro

%macro CASE_END 2               ; title, label
    TF_OFF
    PRINT %1
    mov edx, %2
    call print_log
%endmacro

main:
    GATE 1, db_handler, GATE_INT0
    GATE 3, bp_handler, GATE_INT3
    GATE 4, of_handler, GATE_INT3
    GATE 13, gp_handler, GATE_INT0
    GATE 0x40, int40_handler, GATE_INT3
    GATE 0x41, int41_handler, GATE_TRAP3

    CASE_START
    TF_ON
case_int:
    int 0x40
    nop
    CASE_END "int 0x40 (interrupt gate):", case_int

    CASE_START
    TF_ON
case_trap_gate:
    int 0x41
    nop
    CASE_END "int 0x41 (trap gate):", case_trap_gate

    CASE_START
    TF_ON
case_int3:
    int3
    nop
    CASE_END "int3:", case_int3

    CASE_START
    mov al, 0x7F
    add al, 1                   ; OF = 1, kept by the POPFD of TF_ON
    TF_ON
case_into:
    into
    nop
    CASE_END "into, OF=1:", case_into

    CASE_START
    xor eax, eax                ; OF = 0
    TF_ON
case_into0:
    into
    nop
    CASE_END "into, OF=0:", case_into0

    CASE_START
    mov ax, 0x1234              ; beyond the GDT limit: MOV DS faults #GP(1234h)
    TF_ON
case_fault:
    mov ds, ax                  ; the #GP handler returns past it
    nop
    CASE_END "faulting mov ds:", case_fault

    CASE_START
    pushfd
    or dword [esp], FL_TF
    push cs
    push dword case_iret_target
case_iret:
    iretd
case_iret_target:
    nop
    nop
    CASE_END "iretd setting TF:", case_iret

    mov eax, dr6
    PRINT "dr6.bs="
    shr eax, 14
    and eax, 1
    HEX8 al
    NL
    jmp finish

; eax = vector, ebx = saved EIP
log_event:
    push ecx
    mov ecx, [log_count]
    cmp ecx, LOG_MAX
    jae .full
    mov [log_vec + ecx * 4], eax
    mov [log_eip + ecx * 4], ebx
.full:
    inc dword [log_count]
    pop ecx
    ret

; Prints " VV@+OO" per logged event, offsets from EDX.
print_log:
    push eax
    push ecx
    xor ecx, ecx
.next:
    cmp ecx, [log_count]
    jae .done
    cmp ecx, LOG_MAX
    jae .done
    PRINT " "
    HEX8 byte [log_vec + ecx * 4]
    PRINT "@+"
    mov eax, [log_eip + ecx * 4]
    sub eax, edx
    HEX8 al
    inc ecx
    jmp .next
.done:
    NL
    pop ecx
    pop eax
    ret

HANDLER db_handler, 1
HANDLER bp_handler, 3
HANDLER of_handler, 4
HANDLER int40_handler, 0x40
HANDLER int41_handler, 0x41

; #GP: log with the faulting EIP, return past the 2-byte MOV DS.
gp_handler:
    add esp, 4                  ; error code
    push eax
    push ebx
    mov eax, 13
    mov ebx, [esp + 8]
    call log_event
    add dword [esp + 8], 2
    pop ebx
    pop eax
    iretd
%include "lib/end.inc"
