; Paging: #PF error codes and CR2 for user/supervisor and read/write accesses to present,
; read-only, supervisor and not-present pages (CR0.WP = 0), accessed/dirty bits, and the
; TLB: a stale translation stays in use until a CR3 reload.
; SDM Vol.3 4.6 (access rights): with CR0.WP = 0 supervisor writes ignore R/W; user accesses
; need U/S = 1, user writes need R/W = 1. SDM Vol.3 4.7 (Figure 4-12): #PF error code bit 0
; P (protection violation), bit 1 W/R (write), bit 2 U/S (CPL 3); CR2 = faulting address.
; SDM Vol.3 4.8: the processor sets A on any access and D on a write.
; SDM Vol.3 4.10.4: a modified PTE may keep being used from the TLB until a CR3 load
; invalidates it (4.10.4.1, 4.10.4.3); INVLPG (486 and later) is in tlb-invlpg.asm.
%include "lib/start.inc"

VPAGE   equ 0x400000    ; PT1 maps VPAGE + i * 4096 to PHYS + i * 4096
PHYS    equ 0x500000

main:
    call paging_on
    mov dword [PT1 + 0 * 4], PHYS + 0x0000 | 7  ; user, writable
    mov dword [PT1 + 1 * 4], PHYS + 0x1000 | 5  ; user, read-only
    mov dword [PT1 + 2 * 4], PHYS + 0x2000 | 3  ; supervisor, writable
    mov dword [PT1 + 3 * 4], PHYS + 0x3000 | 6  ; not present
    mov dword [PT1 + 4 * 4], PHYS + 0x4000 | 7  ; TLB test
    mov dword [PT1 + 5 * 4], PHYS + 0x4000 | 3  ; aliases to write the TLB test markers
    mov dword [PT1 + 6 * 4], PHYS + 0x5000 | 3
    mov eax, cr3
    mov cr3, eax

    PRINTLN "CPL0 read, not present:"
    SKIP_TO .w_np
    mov eax, [VPAGE + 0x3010]
.w_np:
    PRINTLN "CPL0 write, not present:"
    SKIP_TO .pde_np
    mov dword [VPAGE + 0x3020], 1
.pde_np:
    PRINTLN "CPL0 read, page directory entry not present:"
    SKIP_TO .w_ro
    mov eax, [0x800000]
.w_ro:
    mov dword [VPAGE + 0x1000], 0x11111111
    PRINT "CPL0 write to a read-only user page with WP=0 done, reads "
    HEX32 [VPAGE + 0x1000]
    NL

    PRINT "PTE before any access "
    HEX32 [PT1]
    NL
    mov eax, [VPAGE]
    PRINT "PTE after a read "
    HEX32 [PT1]
    NL
    mov dword [VPAGE], 0x22222222
    PRINT "PTE after a write "
    HEX32 [PT1]
    NL

    RESUME_AT after_user
    mov ebx, user
    mov ecx, FL_BASE
    call enter_ring3

user:
    mov eax, [VPAGE]
    mov dword [VPAGE + 4], 0x33333333
    mov eax, [VPAGE + 0x1000]
    PRINTLN "CPL3 read/write user page, read user read-only page: ok"
    PRINTLN "CPL3 write, user read-only:"
    SKIP_TO .r_sup
    mov dword [VPAGE + 0x1004], 1
.r_sup:
    PRINTLN "CPL3 read, supervisor:"
    SKIP_TO .w_sup
    mov eax, [VPAGE + 0x2008]
.w_sup:
    PRINTLN "CPL3 write, supervisor:"
    SKIP_TO .r_np
    mov dword [VPAGE + 0x200C], 1
.r_np:
    PRINTLN "CPL3 read, not present:"
    SKIP_TO .w_np
    mov eax, [VPAGE + 0x3FFC]
.w_np:
    PRINTLN "CPL3 write, not present:"
    SKIP_TO .done
    mov word [VPAGE + 0x3FFF], 1
.done:
    int 0x3F

after_user:
    ; TLB: fill the entry for VPAGE+4000, retarget its PTE, read again (stale), reload CR3.
    mov dword [VPAGE + 0x5000], 0xAAAAAAAA
    mov dword [VPAGE + 0x6000], 0xBBBBBBBB
    mov eax, [VPAGE + 0x4000]
    mov dword [PT1 + 4 * 4], PHYS + 0x5000 | 7
    mov ebx, [VPAGE + 0x4000]
    mov esi, cr3
    mov cr3, esi
    mov ecx, [VPAGE + 0x4000]
    PRINT "tlb first "
    HEX32 eax
    PRINT " after PTE change "
    HEX32 ebx
    PRINT " after CR3 reload "
    HEX32 ecx
    NL
    jmp finish
%include "lib/end.inc"
