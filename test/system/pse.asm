; 4 MiB pages with CR4.PSE (Pentium and later).
; SDM Vol.3 4.3 (Figure 4-4, Table 4-4): with CR4.PSE = 1 a PDE with PS (bit 7) = 1 maps a
; 4 MiB page; bits 31:22 are the frame; CR2 and the #PF error code are reported as for
; 4 KiB pages (4.7). CR4.PSE is bit 4 (2.5).
%include "lib/start.inc"

main:
    call paging_on
    mov eax, cr4
    or eax, 1 << 4
    mov cr4, eax
    ; 0x800000 and 0xC00000 both map the 4 MiB frame at 0xC00000; 0x1000000 is supervisor.
    mov dword [PAGE_DIR + 2 * 4], 0xC00000 | 0x87
    mov dword [PAGE_DIR + 3 * 4], 0xC00000 | 0x87
    mov dword [PAGE_DIR + 4 * 4], 0xC00000 | 0x83
    mov eax, cr3
    mov cr3, eax

    mov dword [0xC12344], 0x4D4D4D4D
    PRINT "alias read "
    HEX32 [0x812344]
    NL
    PRINT "PDE after the accesses "
    HEX32 [PAGE_DIR + 2 * 4]
    PRINT " "
    HEX32 [PAGE_DIR + 3 * 4]
    NL
    RESUME_AT after_user
    mov ebx, user
    mov ecx, FL_BASE
    call enter_ring3
user:
    PRINT "CPL3 read of a user 4 MiB page "
    HEX32 [0x812344]
    NL
    PRINTLN "CPL3 read, supervisor 4 MiB page:"
    SKIP_TO .done
    mov eax, [0x13FFFF0]
.done:
    int 0x3F
after_user:
    jmp finish
%include "lib/end.inc"
