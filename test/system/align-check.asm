; Alignment checking (486 and later): #AC(0) for a misaligned access at CPL 3 when CR0.AM
; and EFLAGS.AC are both 1.
; SDM Vol.3 6.15 (Interrupt 17): conditions CR0.AM = 1, EFLAGS.AC = 1, CPL = 3, misaligned
; data reference; error code 0; it is a fault. SDM Vol.3 2.5: CR0.AM is bit 18.
; QEMU TCG never raises #AC, so the expected output is written from the SDM
; (align-check.sdm.expected); the program prints no EIPs for that reason.
%include "lib/start.inc"

main:
    mov dword [quiet], 1
    PRINT "CPL0, AM=0, AC=1, misaligned read: "
    pushfd
    or dword [esp], FL_AC
    popfd
    mov eax, [scratch + 1]
    call outcome
    mov eax, cr0
    or eax, 1 << 18
    mov cr0, eax
    PRINT "CPL0, AM=1, AC=1, misaligned read: "
    mov eax, [scratch + 1]
    call outcome
    RESUME_AT done
    mov ebx, user
    mov ecx, FL_BASE | FL_AC
    call enter_ring3
user:
    PRINT "CPL3, AM=1, AC=1, aligned dword read, misaligned byte read: "
    mov eax, [scratch + 4]
    mov al, [scratch + 3]
    call outcome
    PRINT "misaligned dword read: "
    SKIP_TO .word
    mov eax, [scratch + 2]
.word:
    call outcome
    PRINT "misaligned word write: "
    SKIP_TO .ac0
    mov word [scratch + 1], ax
.ac0:
    call outcome
    pushfd
    and dword [esp], ~FL_AC
    popfd
    PRINT "AC=0, misaligned dword read: "
    mov eax, [scratch + 2]
    call outcome
    RESUME_AT done
    int 0x3F
done:
    jmp finish
%include "lib/end.inc"
