; CR0.WP (486 and later): with WP = 1 supervisor writes honour R/W as user writes do.
; SDM Vol.3 4.6.1: with CR0.WP = 1, a supervisor-mode write to a read-only page (user or
; supervisor) is a protection violation, #PF error code 3 (P | W/R); with WP = 0 it succeeds.
; SDM Vol.3 2.5: CR0.WP is bit 16 (introduced with the 486).
%include "lib/start.inc"

VPAGE   equ 0x400000
PHYS    equ 0x500000

main:
    call paging_on
    mov dword [PT1 + 0 * 4], PHYS + 0x0000 | 5  ; user, read-only
    mov dword [PT1 + 1 * 4], PHYS + 0x1000 | 1  ; supervisor, read-only
    mov eax, cr3
    mov cr3, eax

    mov dword [VPAGE], 0x11111111
    mov dword [VPAGE + 0x1000], 0x22222222
    PRINT "WP=0: CPL0 writes to read-only pages done, read "
    HEX32 [VPAGE]
    PRINT " "
    HEX32 [VPAGE + 0x1000]
    NL

    mov eax, cr0
    or eax, 1 << 16
    mov cr0, eax
    mov eax, cr0
    PRINT "cr0.wp="
    shr eax, 16
    and eax, 1
    HEX8 al
    NL
    PRINTLN "WP=1: CPL0 write, user read-only:"
    SKIP_TO .sup
    mov dword [VPAGE + 0x10], 1
.sup:
    PRINTLN "WP=1: CPL0 write, supervisor read-only:"
    SKIP_TO .read
    mov dword [VPAGE + 0x1010], 1
.read:
    mov eax, [VPAGE + 0x1000]
    PRINTLN "WP=1: CPL0 read of both pages: ok"
    RESUME_AT after_user
    mov ebx, user
    mov ecx, FL_BASE
    call enter_ring3
user:
    PRINTLN "WP=1: CPL3 write, user read-only:"
    SKIP_TO .done
    mov dword [VPAGE + 0x20], 1
.done:
    int 0x3F
after_user:
    mov eax, cr0
    and eax, ~(1 << 16)
    mov cr0, eax
    mov dword [VPAGE + 0x1000], 0x33333333
    PRINT "WP=0 again: CPL0 write done, read "
    HEX32 [VPAGE + 0x1000]
    NL
    jmp finish
%include "lib/end.inc"
