; The interrupt shadow and the instruction boundary at which a pending IRQ is taken.
; SDM Vol.3 6.8.3 and Vol.2B STI: after STI executed with IF = 0, maskable interrupts are
; recognised only once the instruction following STI has completed, so `sti; hlt` halts first
; and the pending IRQ wakes the HLT (EIP in the frame after HLT). STI with IF = 1 opens no
; shadow (sti; sti: the IRQ comes after the second). MOV SS and POP SS inhibit interrupts,
; debug exceptions and the single-step trap on the boundary after them (6.8.3). POPF and IRET
; setting IF open no shadow: the IRQ comes right after them. Vol.3 17.3.1.4: TF set by POPF
; traps only after the instruction following the POPF; the POPF that clears TF is still
; followed by a trap (TF was set when it began).
; Each case waits with IF = 0 until IRQ0 is pending in the master 8259A's IRR (OCW3 0Ah),
; then runs the sequence; the handler records the frame's EIP and ECX (which the sequences
; increment).
%include "lib/start.inc"

irq_eip     equ scratch
irq_ecx     equ scratch + 4
irq_count   equ scratch + 8
db_count    equ scratch + 12
db_eips     equ scratch + 16    ; up to 8 saved EIPs of single-step traps
DB_MAX      equ 8

; Waits, interrupts off, until IRQ0 is requested, and clears ECX and the handler's record.
%macro WAIT_IRQ0 0
    mov al, 0x0A
    out 0x20, al
%%poll:
    in al, 0x20
    test al, 1
    jz %%poll
    xor ecx, ecx
    mov dword [irq_count], 0
    mov dword [irq_eip], 0
%endmacro

; REPORT label: "ecx=NN at=+NN": ECX when the case's first IRQ came, and its return EIP
; relative to `label`.
%macro REPORT 1
    PRINT " ecx="
    HEX8 byte [irq_ecx]
    PRINT " at=+"
    mov eax, [irq_eip]
    sub eax, %1
    HEX8 al
    NL
%endmacro

main:
    mov eax, 0x20
    mov ebx, timer_handler
    mov cl, GATE_INT0
    mov dx, SEL_KCODE
    call set_gate
    mov eax, 1
    mov ebx, db_handler
    mov cl, GATE_INT0
    mov dx, SEL_KCODE
    call set_gate

    ; 8259A pair: vectors 20h/28h, cascade on IR2, 8086 mode; only IRQ0 unmasked.
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
    mov al, 0xFE
    out 0x21, al
    mov al, 0xFF
    out 0xA1, al
    ; 8254 counter 0, mode 2, 11932 clocks (10 ms).
    mov al, 0x34
    out 0x43, al
    mov ax, 11932
    out 0x40, al
    mov al, ah
    out 0x40, al

    ; 1. sti; hlt with IRQ0 pending: HLT starts, then the IRQ wakes it.
    WAIT_IRQ0
case1:
    sti
    hlt
    cli
    PRINT "sti; hlt:"
    REPORT case1

    ; 2. sti; inc ecx; ...: the IRQ comes after exactly one instruction.
    WAIT_IRQ0
case2:
    sti
    inc ecx
    inc ecx
    inc ecx
    cli
    PRINT "sti; inc:"
    REPORT case2

    ; 3. sti; sti: the second STI finds IF = 1 and opens no new shadow.
    WAIT_IRQ0
case3:
    sti
    sti
    inc ecx
    inc ecx
    cli
    PRINT "sti; sti; inc:"
    REPORT case3

    ; 4. popfd setting IF: no shadow, the IRQ comes right after it.
    WAIT_IRQ0
    pushfd
    or dword [esp], FL_IF
case4:
    popfd
    inc ecx
    inc ecx
    cli
    PRINT "popfd (IF=1); inc:"
    REPORT case4

    ; 5. iretd setting IF: likewise.
    WAIT_IRQ0
    pushfd
    or dword [esp], FL_IF
    push cs
    push dword case5_next
case5:
    iretd
case5_next:
    inc ecx
    inc ecx
    cli
    PRINT "iretd (IF=1); inc:"
    REPORT case5_next

    ; 6. TF set by POPFD, then MOV SS: no trap after POPFD (TF was clear when it began), none
    ;    after MOV SS (shadow), then one after each instruction until the POPFD that clears TF.
    mov dword [db_count], 0
    mov ax, ss
    pushfd
    or dword [esp], FL_TF
    popfd
case6:
    mov ss, ax
    inc ecx
    inc ecx
    pushfd
    and dword [esp], ~FL_TF
    popfd
    PRINT "single step over mov ss:"
    mov edx, case6
    call print_db
    ; 7. The same with POP SS.
    mov dword [db_count], 0
    push ss
    pushfd
    or dword [esp], FL_TF
    popfd
case7:
    pop ss
    inc ecx
    pushfd
    and dword [esp], ~FL_TF
    popfd
    PRINT "single step over pop ss:"
    mov edx, case7
    call print_db
    ; 8. TF set by POPFD followed by an ordinary instruction: it is the first traced.
    mov dword [db_count], 0
    pushfd
    or dword [esp], FL_TF
    popfd
case8:
    inc ecx
    pushfd
    and dword [esp], ~FL_TF
    popfd
    PRINT "single step after popfd:"
    mov edx, case8
    call print_db

    mov al, 0xFF
    out 0x21, al
    jmp finish

; Prints db_count and each saved trap EIP as an offset from EDX (the case's label).
print_db:
    push ebx
    mov ebx, [db_count]
    PRINT " traps="
    HEX8 bl
    xor esi, esi
.next:
    cmp esi, ebx
    jae .done
    cmp esi, DB_MAX
    jae .done
    PRINT " +"
    mov eax, [db_eips + esi * 4]
    sub eax, edx
    HEX8 al
    inc esi
    jmp .next
.done:
    NL
    pop ebx
    ret

; Records the first IRQ0 of a case only: QEMU runs in real time, and a host stall can let a
; second tick in before the case's CLI.
timer_handler:
    push eax
    cmp dword [irq_count], 0
    jne .eoi
    mov eax, [esp + 4]
    mov [irq_eip], eax
    mov [irq_ecx], ecx
.eoi:
    inc dword [irq_count]
    mov al, 0x20
    out 0x20, al
    pop eax
    iretd

; #DB: records the trap's EIP (DR6.BS is not checked here; exceptions.asm does).
db_handler:
    push eax
    push ebx
    mov eax, [db_count]
    cmp eax, DB_MAX
    jae .full
    mov ebx, [esp + 8]
    mov [db_eips + eax * 4], ebx
.full:
    inc dword [db_count]
    pop ebx
    pop eax
    iretd
%include "lib/end.inc"
