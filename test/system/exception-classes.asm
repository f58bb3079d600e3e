; Benign, contributory and page-fault classes: what happens when delivering an exception
; raises another (SDM Vol.3 6.15, Interrupt 8, Tables 6-4 and 6-5).
; - benign first (#BP), contributory second (#NP): handled serially, no #DF;
; - contributory first (#DE), contributory second (#NP): #DF;
; - page fault first, contributory second (#NP): #DF.
; Each second exception comes from a not-present IDT gate: #NP((vector << 3) | 2 | EXT);
; EXT (bit 0) is clear for INT3, a software interrupt (SDM Vol.3 6.13). The saved EIP of
; #DF is undefined, so #DF lines carry no EIP.
; Last, a fault after delivery is complete is an ordinary one: a handler whose page is not
; present faults on its first instruction fetch, #PF with EIP = CR2 = the handler address.
%include "lib/start.inc"

main:
    PRINTLN "#BP with its gate not present:"
    and byte [IDT_RAM + 3 * 8 + 5], 0x7F
    RESUME_AT .de
    int3
.de:
    or byte [IDT_RAM + 3 * 8 + 5], 0x80
    PRINTLN "#DE with its gate not present:"
    and byte [IDT_RAM + 0 * 8 + 5], 0x7F
    mov dword [quiet], 1
    RESUME_AT .de_done
    xor edx, edx
    xor ecx, ecx
    div ecx
.de_done:
    call outcome
    mov dword [quiet], 0
    or byte [IDT_RAM + 0 * 8 + 5], 0x80

    PRINTLN "#PF with its gate not present:"
    call paging_on
    and byte [IDT_RAM + 14 * 8 + 5], 0x7F
    mov dword [quiet], 1
    RESUME_AT .pf_done
    mov eax, [0x400000]
.pf_done:
    call outcome
    mov dword [quiet], 0
    or byte [IDT_RAM + 14 * 8 + 5], 0x80

    PRINTLN "INT 40h to a handler whose page is not present:"
    mov eax, 0x40
    mov ebx, 0x400123
    mov cl, GATE_INT0
    mov dx, SEL_KCODE
    call set_gate
    RESUME_AT .done
    int 0x40
.done:
    jmp finish
%include "lib/end.inc"
