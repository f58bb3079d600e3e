; Stack cases where QEMU (7.2, TCG) does not follow the SDM, checked against hand-written
; expectations (stack-sdm.sdm.expected):
; - ENTER with a 32-bit operand size on a 16-bit stack (SS.B = 0) whose SP wraps when EBP is
;   pushed: SDM Vol.2A ENTER Operation, "Push(EBP); FrameTemp <- ESP": the push moved only
;   SP (Vol.1 6.2.3), so FrameTemp keeps the upper half of ESP. QEMU computes ESP - 4 in
;   32 bits (0x10000 - 4 = 0xFFFC instead of 0x1FFFC).
; - POP [ESP] whose increment wraps SP: SDM Vol.2B POP, "If the ESP register is used as a
;   base register for addressing a destination operand in memory, the POP instruction
;   computes the effective address of the operand after it increments the ESP register":
;   the incremented ESP is 0x20000 (SP wrapped), QEMU adds 4 to the old ESP (0x30000).
; - Far RET in real-address and virtual-8086 mode whose SP wraps between the offset and CS:
;   SDM Vol.2B RET, REAL-ADDRESS-MODE ("EIP <- Pop(); CS <- Pop()"; each pop moves SP, which
;   wraps at 64 KiB: Vol.1 6.2.3); QEMU reads CS at SS:SP+2 (+4) without the wrap (here from
;   SS:10000, so it returns into the wrong segment and never reports).
%include "lib/start.inc"
%include "lib/real.inc"

SEL_S16     equ 0x80        ; data, DPL0, base 0x40000, 4 GiB, B = 0 (16-bit stack)
S16_BASE    equ 0x40000

sv_esp      equ scratch + 0
sv_ebp      equ scratch + 4
sv_eax      equ scratch + 8
sv_x        equ scratch + 12
sv_y        equ scratch + 16

%macro S16 1
    mov ss, [s16_selector]
    mov esp, %1
%endmacro

%macro BACK 0
    mov [sv_esp], esp
    mov [sv_ebp], ebp
    mov ax, SEL_KDATA
    mov ss, ax
    mov esp, KSTACK
%endmacro

%macro DUMP 2
    mov esi, %1
    mov ecx, %2
    call dump
%endmacro

main:
    REAL_INIT
    mov eax, SEL_S16
    mov ebx, 0x0000FFFF
    mov edx, 0x008F9204
    call set_gdt_entry

    call prep
    mov ebp, 0x1FFEC
    S16 0x10000
    enter 8, 0x24                   ; level 4
    BACK
    PRINT "enter 8,36 o32 s16 wrap:"
    call show
    DUMP S16_BASE + 0xFFE4, 7
    call prep
    mov ebp, 0x5FF40
    S16 0x60000
    enter 4, 0
    BACK
    PRINT "enter 4,0 s16 wrap:"
    call show
    call prep
    mov ebp, 0x5FF40
    S16 0x60000
    enter 0, 1
    BACK
    PRINT "enter 0,1 s16 wrap:"
    call show
    DUMP S16_BASE + 0xFFF8, 2
    call prep
    mov ebp, 0x5FF40
    S16 0x60000
    enter 0x10, 33                  ; 33 mod 32 = 1
    BACK
    PRINT "enter 16,33 s16 wrap:"
    call show
    call prep
    mov dword [S16_BASE + 0x20000], 0
    mov dword [S16_BASE + 0x30000], 0
    mov dword [S16_BASE + 0xFFFC], 0xCAFEF00D
    S16 0x2FFFC
    pop dword [esp]
    BACK
    PRINT "pop [esp] wrap:"
    call show
    HEX32 [S16_BASE + 0x20000]
    PRINT " "
    HEX32 [S16_BASE + 0x30000]
    NL

; --- RETF in real mode with SP wrapping between the offset and CS ---------------------------
    REAL
    xor ebp, ebp
    RSS 0x00010002
    call 0xF000:sdm_rfar - $$       ; CS at 0, IP at FFFE
    RBACK
    PROT
    PRINT "rm retf 2 wrap:"
    call show
    HEX32 [sv_x]
    PRINT " cs="
    HEX16 word [sv_y]
    NL
    REAL
    xor ebp, ebp
    RSS 0x00010004
    call dword 0xF000:sdm_rfar32 - $$   ; CS in the dword at 0, EIP at FFFC
    RBACK
    PROT
    PRINT "rm o32 retf 8 wrap:"
    call show
    HEX32 [sv_x]
    PRINT " cs="
    HEX16 word [sv_y]
    NL

; --- RETF in virtual-8086 mode with SP wrapping between IP and CS ---------------------------
    RESUME_AT v86_back
    push dword 0                    ; GS
    push dword 0                    ; FS
    push dword 0                    ; DS
    push dword 0                    ; ES
    push dword RSTACK               ; SS
    push dword 0x00120002           ; ESP
    push dword FL_BASE | FL_VM | FL_IOPL3
    push dword 0xF000
    push dword sdm_v86 - $$
    iret
v86_back:
    PRINT "v86 retf 2 wrap: esp="
    HEX32 [sv_esp]
    PRINT " in the target: "
    HEX32 [sv_x]
    NL
    jmp finish

; prep: fill S16_BASE + 0xFF00 .. 0x1000F with a pattern (dword at offset o = 0xA5000000 + o)
prep:
    mov edi, S16_BASE + 0xFF00
    mov ecx, 0x44
.fill:
    mov eax, edi
    and eax, 0x1FFFF
    or eax, 0xA5000000
    mov [edi], eax
    add edi, 4
    loop .fill
    ret

show:
    PRINT " esp="
    HEX32 [sv_esp]
    PRINT " ebp="
    HEX32 [sv_ebp]
    NL
    ret

dump:
    PRINT "  "
.next:
    HEX32 [esi]
    PRINT " "
    add esi, 4
    loop .next
    NL
    ret

s16_selector: dw SEL_S16

    bits 16
; real-mode and V86 targets (CS = F000, DS = ES = 0)
sdm_rfar:
    mov [sv_x], esp
    mov [sv_y], cs
    retf 2

sdm_rfar32:
    mov [sv_x], esp
    mov [sv_y], cs
    o32 retf 8

sdm_v86:
    call 0xF000:sdm_vfar - $$       ; CS at 4000:0000, IP at 4000:FFFE
    mov [sv_esp], esp
    int 0x3F
sdm_vfar:
    mov [sv_x], esp
    retf 2
    bits 32
%include "lib/end.inc"
