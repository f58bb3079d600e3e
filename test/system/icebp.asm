; INT1/ICEBP (F1): a #DB trap (EIP after F1) delivered as a hardware event: no gate DPL check
; (SDM Vol.2A INT n/INTO/INT3/INT1 Operation: the DPL check applies to INT n, INT3 and INTO
; only), EXT = 1 in the error code of a fault during its delivery (Vol.3 6.13), not
; IOPL-sensitive in V86 mode (Vol.3 20.2.7 names INT n only). Compared with INT 1 (CD 01).
%include "lib/start.inc"

main:
    PRINTLN "icebp at ring 0:"
    icebp
    PRINTLN "int 1 at ring 0:"
    int 1

    ; ring 3, gate 1 has DPL 0: INT1 is delivered, INT 1 raises #GP((1 << 3) | 2)
    mov ebx, ring3
    mov ecx, FL_BASE
    call enter_ring3
ring3:
    mov dword [skip_to], ring3_int
    icebp
ring3_int:
    mov dword [resume], ring3_back
    int 1
ring3_back:
    PRINTLN "back in ring 0"

    ; gate 1 not present: #NP with EXT = 1 for INT1, EXT = 0 for INT 1
    and byte [IDT_RAM + 8 + 5], 0x7F
    SKIP_TO .np2
    icebp
.np2:
    SKIP_TO .np3
    int 1
.np3:
    or byte [IDT_RAM + 8 + 5], 0x80

    ; V86 at IOPL 0: INT1 goes to the monitor as #DB, INT 1 raises #GP(0)
    push dword 0
    push dword 0
    push dword 0
    push dword 0
    push dword 0x6000
    push dword 0xFFF0
    push dword FL_BASE | FL_VM
    push dword 0xF000
    push dword v86_code - $$
    iret
v86_back:
    jmp finish

    bits 16
v86_code:
    xor ax, ax
    mov es, ax
    mov dword [es:skip_to], v86_int - $$
    icebp
v86_int:
    mov dword [es:resume], v86_back
    int 1
    bits 32
%include "lib/end.inc"
