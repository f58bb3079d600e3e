; Segment limit checks in real-address mode: every segment's limit is 0xFFFF there (the reset
; values, SDM Vol.3 Table 9-1, which real-mode segment loads keep, 20.1.1), and the 80386 and
; later raise #GP for an operand that runs past offset 0xFFFF of DS, ES, FS, GS or CS, #SS for
; SS, where the 8086 wrapped round (SDM Vol.3, IA-32 architecture compatibility, "Segment
; Wraparound"; Vol.2 MOV, POP, LODS, STOS, real-address mode exceptions: "#GP if a memory operand
; effective address is outside the CS, DS, ES, FS, or GS segment limit", "#SS ... outside the SS
; segment limit"). Real-mode exceptions push no error code. A byte at 0xFFFF and a dword at
; 0xFFFC are within the limit; a word at 0xFFFF, a dword at 0xFFFD, an offset of 0x10000 or more
; through 32-bit addressing (67) are not; a 16-bit effective address wraps at 64 KiB first.
; (A push at SP = 1 shuts the processor down, Vol.2 PUSH: not a case here.) Each case runs in
; real mode with #GP (13) and #SS (12) vectors that record the vector and resume after the case;
; the result is printed back in protected mode.
; QEMU TCG makes no segment limit checks (every case prints "no fault" there), so the expected
; output is written from the SDM (real-limits.sdm.expected).
%include "lib/start.inc"
%include "lib/real.inc"

sv_esp      equ scratch + 0
sv_ebp      equ scratch + 4
sv_eax      equ scratch + 8
sv_vec      equ scratch + 12    ; the vector taken, 0xFFFF for none
sv_resume   equ scratch + 16    ; real-mode offset (CS = F000) the fault handlers resume at
sv_sp       equ scratch + 20    ; SP seen by the handler (the fault frame)
DSEG        equ 0x5000          ; the data segment of the cases: linear 0x50000

; CASE name: print the case's name, enter real mode with sv_vec = none and the resume point
; set to the matching ENDCASE
%macro CASE 1
    PRINT %1
    PRINT ": "
    REAL
    mov word [sv_vec], 0xFFFF
    mov word [sv_resume], %%resume - $$
    %define RESUME_LABEL %%resume
    mov ax, DSEG
    mov es, ax
    mov fs, ax
    mov gs, ax
%endmacro

; ENDCASE: the resume point; back to protected mode, print the outcome
%macro ENDCASE 0
RESUME_LABEL:
    xor ax, ax
    mov ds, ax
    PROT
    call outcome_real
%endmacro

main:
    REAL_INIT
    IVT 12, rfault_ss
    IVT 13, rfault_gp

    CASE "byte read at FFFF"
    mov al, [es:0xFFFF]
    ENDCASE
    CASE "dword read at FFFC"
    mov eax, [es:0xFFFC]
    ENDCASE
    CASE "word read at FFFF"
    mov ax, [es:0xFFFF]
    ENDCASE
    CASE "dword read at FFFD"
    mov eax, [fs:0xFFFD]
    ENDCASE
    CASE "dword write at FFFE"
    mov dword [gs:0xFFFE], 0x12345678
    ENDCASE
    CASE "word write at FFFF through DS"
    mov bx, DSEG
    mov ds, bx
    mov word [0xFFFF], 0x1234
    ENDCASE
    CASE "a32 byte read at 10000"
    mov ebx, 0x10000
    mov al, [es:ebx]
    ENDCASE
    CASE "a32 byte read at FFFFFFFF"
    mov ebx, 0xFFFFFFFF
    mov al, [es:ebx]
    ENDCASE
    CASE "a32 dword read at FFFC"
    mov ebx, 0xFFF0
    mov eax, [es:ebx + 0xC]
    ENDCASE
    CASE "a16 word read at FFFF+2 (wraps to 1)"
    mov bx, 0xFFFF
    mov ax, [es:bx + 2]
    ENDCASE
    CASE "word read at SS:FFFF"
    mov bp, 0xFFFF
    mov ax, [bp]
    ENDCASE
    CASE "a32 dword read at SS:FFFE"
    mov ebp, 0xFFFE
    mov eax, [ebp]
    ENDCASE
    CASE "word push at SP=3"
    mov sp, 3
    push ax
    ENDCASE
    CASE "word pop at SP=FFFF"
    mov sp, 0xFFFF
    pop ax
    ENDCASE
    CASE "lodsw at SI=FFFF"
    mov si, 0xFFFF
    es lodsw
    ENDCASE
    CASE "stosd at DI=FFFE"
    mov di, 0xFFFE
    stosd
    ENDCASE
    CASE "a32 stosb at EDI=10000"
    mov edi, 0x10000
    a32 stosb
    ENDCASE
    CASE "word read at CS:FFFF"
    mov ax, [cs:0xFFFF]
    ENDCASE
    jmp finish

; outcome_real: print the vector recorded by the real-mode handlers
outcome_real:
    cmp word [sv_vec], 0xFFFF
    je .none
    cmp word [sv_vec], 12
    je .ss
    PRINTLN "#GP"
    ret
.ss:
    PRINTLN "#SS"
    ret
.none:
    PRINTLN "no fault"
    ret

    bits 16
; real-mode fault handlers (CS = F000): record the vector, a fresh stack, resume
rfault_ss:
    xor bx, bx
    mov ds, bx
    mov word [sv_vec], 12
    jmp rfault_resume
rfault_gp:
    xor bx, bx
    mov ds, bx
    mov word [sv_vec], 13
rfault_resume:
    mov [sv_sp], sp
    mov bx, 0x7000
    mov ss, bx
    mov sp, 0xFFF0
    jmp word [sv_resume]
    bits 32
%include "lib/end.inc"
