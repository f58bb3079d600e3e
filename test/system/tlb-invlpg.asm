; INVLPG (486 and later) invalidates the TLB entry of one page: a retargeted PTE keeps being
; used (stale) until INVLPG of its page; INVLPG of another page leaves it stale.
; SDM Vol.3 4.10.4.1 (INVLPG invalidates the TLB entries for the page of its operand),
; 4.10.4.3 (a modified paging-structure entry may be used from the TLB until invalidated);
; SDM Vol.2A INVLPG.
%include "lib/start.inc"

VPAGE   equ 0x400000
PHYS    equ 0x500000

main:
    call paging_on
    mov dword [PT1 + 0 * 4], PHYS + 0x0000 | 3  ; the page under test
    mov dword [PT1 + 1 * 4], PHYS + 0x1000 | 3  ; another page
    mov dword [PT1 + 2 * 4], PHYS + 0x0000 | 3  ; aliases to write the markers
    mov dword [PT1 + 3 * 4], PHYS + 0x2000 | 3
    mov eax, cr3
    mov cr3, eax
    mov dword [VPAGE + 0x2000], 0xAAAAAAAA
    mov dword [VPAGE + 0x3000], 0xBBBBBBBB

    mov eax, [VPAGE]
    mov edx, [VPAGE + 0x1000]
    mov dword [PT1 + 0 * 4], PHYS + 0x2000 | 3
    mov ebx, [VPAGE]
    invlpg [VPAGE + 0x1000]
    mov ecx, [VPAGE]
    invlpg [VPAGE + 0x123]
    mov edx, [VPAGE]
    PRINT "tlb first "
    HEX32 eax
    PRINT " after PTE change "
    HEX32 ebx
    NL
    PRINT "after invlpg of another page "
    HEX32 ecx
    PRINT " after invlpg of its page "
    HEX32 edx
    NL
    jmp finish
%include "lib/end.inc"
