; Stack operations on a 16-bit stack (SS.B = 0) from 32-bit code, on a 32-bit stack with
; 16-bit operands, and in virtual-8086 mode: every push and pop moves SP only and wraps at
; 64 KiB while the upper half of ESP is kept (SDM Vol.1 6.2.3, "Stack Segment Size" /
; Vol.3 3.4.5 D/B flag: B = 0 means SP is the stack pointer); the operand size picks the
; slot size (SDM Vol.2B PUSH/POP).
; Each case records ESP/EBP (and what it wrote) in memory, goes back to the flat stack and
; prints them. The 16-bit stack segment has base 0x40000, so SS:SP is linear 0x40000 + SP.
%include "lib/start.inc"

SEL_S16     equ 0x80        ; data, DPL0, base 0x40000, 4 GiB, B = 0 (16-bit stack)
SEL_C16     equ 0x88        ; code, DPL0, base 0xF0000, limit 0xFFFF, D = 1 (offsets < 64 KiB)
SEL_S16U    equ 0x93        ; data, DPL3, base 0x40000, B = 0 (RPL 3)
S16_BASE    equ 0x40000
VEC_I32     equ 0x40        ; 32-bit interrupt gate, DPL0
VEC_I16     equ 0x41        ; 16-bit interrupt gate (SEL_C16), DPL0
VEC_RING0   equ 0x42        ; 32-bit interrupt gate, DPL3 (ring 3 -> 0)
VEC_RING0_16 equ 0x43       ; 16-bit interrupt gate (SEL_C16), DPL3 (ring 3 -> 0)
VEC_TASK16  equ 0x44        ; task gate to TSS16
SEL_TSS16   equ SEL_FREE1   ; 16-bit (80286) TSS at TSS16
TSS16       equ 0x13200

sv_esp      equ scratch + 0
sv_ebp      equ scratch + 4
sv_eax      equ scratch + 8
sv_x        equ scratch + 12
sv_y        equ scratch + 16
sv_z        equ scratch + 20

; S16 esp: SS = the 16-bit stack, ESP = esp
%macro S16 1
    mov ss, [s16_selector]
    mov esp, %1
%endmacro

; BACK: record ESP EBP EAX, return to the flat 32-bit stack
%macro BACK 0
    mov [sv_esp], esp
    mov [sv_ebp], ebp
    mov [sv_eax], eax
    mov ax, SEL_KDATA
    mov ss, ax
    mov esp, KSTACK
%endmacro

; DUMP linear, count: print `count` dwords from `linear`
%macro DUMP 2
    mov esi, %1
    mov ecx, %2
    call dump
%endmacro

main:
    mov eax, SEL_S16
    mov ebx, 0x0000FFFF
    mov edx, 0x008F9204
    call set_gdt_entry
    mov eax, SEL_C16
    mov ebx, 0x0000FFFF
    mov edx, 0x00409A0F
    call set_gdt_entry
    mov eax, SEL_S16U
    mov ebx, 0x0000FFFF
    mov edx, 0x008FF204
    call set_gdt_entry
    mov eax, VEC_I32
    mov ebx, int32_handler
    mov cl, GATE_INT0
    mov dx, SEL_KCODE
    call set_gate
    mov eax, VEC_I16
    mov ebx, int16_handler - $$
    mov cl, 0x86                    ; 16-bit interrupt gate, DPL0 (SDM Vol.3 Figure 6-2)
    mov dx, SEL_C16
    call set_gate
    mov eax, VEC_RING0
    mov ebx, ring0_handler
    mov cl, GATE_INT3
    mov dx, SEL_KCODE
    call set_gate
    mov eax, VEC_RING0_16
    mov ebx, ring0_16_handler - $$
    mov cl, 0xE6                    ; 16-bit interrupt gate, DPL3
    mov dx, SEL_C16
    call set_gate

; --- PUSH reg / PUSH imm16 / PUSH ESP on a 16-bit stack ----------------------------------
    call prep
    mov eax, 0x11223344
    S16 0x20000
    push eax
    o16 push word 0x5566
    push esp                        ; the value before the push (SDM Vol.2B PUSH)
    mov ebp, 0
    BACK
    PRINT "push 32/16/esp:"
    call show
    DUMP S16_BASE + 0xFFF4, 3

; --- POP reg, POP r/m with an ESP-based address --------------------------------------------
    call prep
    mov dword [S16_BASE + 0xFFF8], 0x01020304
    mov dword [S16_BASE + 0xFFFC], 0x05060708
    S16 0x3FFF8
    pop ebx
    mov ebp, ebx
    o16 pop cx
    BACK
    PRINT "pop 32/16:"
    call show
    HEX32 ecx
    NL
    ; POP [ESP]: the address is computed after ESP moved (SDM Vol.2B POP)
    call prep
    mov dword [S16_BASE + 0xFFF8], 0xCAFEF00D
    S16 0x2FFF8
    pop dword [esp]
    BACK
    PRINT "pop [esp]:"
    call show
    HEX32 [S16_BASE + 0xFFFC]
    NL
    call prep
    mov dword [S16_BASE + 0x2FFF8], 0xBEEF0001
    S16 0x2FFFC
    push dword [esp - 4]            ; read at SS:ESP-4 (before the push)
    BACK
    PRINT "push [esp-4]:"
    call show
    DUMP S16_BASE + 0xFFF8, 1

; --- POP SS: the increment uses the old stack's size ---------------------------------------
    call prep
    mov word [S16_BASE + 0xFFFC], SEL_KDATA
    S16 0x2FFFC
    pop ss                          ; 16-bit stack -> flat 32-bit stack: SP wraps to 0
    nop
    BACK
    PRINT "pop ss 16->32:"
    call show
    mov word [S16_BASE + 0xFFFC], SEL_S16
    mov esp, S16_BASE + 0xFFFC
    pop ss                          ; 32-bit stack -> 16-bit stack: ESP + 4
    nop
    BACK
    PRINT "pop ss 32->16:"
    call show
    call prep
    mov word [S16_BASE + 0xFFFE], SEL_KDATA
    S16 0x2FFFE
    o16 pop ss                      ; 16-bit pop
    nop
    BACK
    PRINT "pop ss o16:"
    call show

; --- PUSH/POP sreg with 32-bit operands: SP moves by 4 -------------------------------------
    call prep
    S16 0x50000
    push ds
    push fs
    pop gs
    o16 push es
    BACK
    PRINT "push/pop sreg:"
    call show
    HEX16 word [S16_BASE + 0xFFFC]
    NL

; --- PUSHAD/POPAD wrapping inside the 16-bit stack ------------------------------------------
    call prep
    mov eax, 0xA0A0A0A0
    mov ecx, 0xC1C1C1C1
    mov edx, 0xD2D2D2D2
    mov ebx, 0xB3B3B3B3
    mov ebp, 0xB5B5B5B5
    mov esi, 0x56565656
    mov edi, 0xD7D7D7D7
    S16 0x30010
    pushad
    mov [sv_x], esp
    xor eax, eax
    mov ecx, eax
    mov edx, eax
    mov ebx, eax
    mov ebp, eax
    mov esi, eax
    mov edi, eax
    popad
    mov [sv_y], ebx
    mov [sv_z], edi
    BACK
    PRINT "pushad/popad wrap:"
    call show
    HEX32 [sv_x]
    PRINT " "
    HEX32 [sv_y]
    PRINT " "
    HEX32 [sv_z]
    NL
    DUMP S16_BASE + 0xFFF0, 4
    DUMP S16_BASE + 0x0000, 4
    call prep
    S16 0x30010
    o16 pusha
    o16 popa
    BACK
    PRINT "pushaw/popaw:"
    call show
    DUMP S16_BASE + 0x0000, 4

; --- PUSHF/POPF -------------------------------------------------------------------------
    call prep
    S16 0x20002
    pushfd
    o16 pushf
    o16 popf
    popfd
    BACK
    PRINT "pushf/popf:"
    call show

; --- ENTER -------------------------------------------------------------------------------
; SDM Vol.2A ENTER Operation: FrameTemp is ESP after pushing EBP (operand size 32) or SP
; (operand size 16); level mod 32; level-1 frame pointers copied from [EBP-n] down.
    call prep
    mov ebp, 0x2FFEC
    S16 0x1FFF0
    enter 8, 0x24                   ; level 0x24 mod 32 = 4
    BACK
    PRINT "enter 8,36 o32 s16:"
    call show
    DUMP S16_BASE + 0xFFD4, 7
    call prep
    mov ebp, 0x1FFEC
    S16 0x10000
    o16 enter 6, 3
    BACK
    PRINT "enter 6,3 o16 s16:"
    call show
    DUMP S16_BASE + 0xFFF0, 4
    call prep
    mov ebp, 0x5FF40
    S16 0x6FFF0
    enter 4, 0
    BACK
    PRINT "enter 4,0 s16:"
    call show
    call prep
    mov ebp, 0x5FF40
    S16 0x6FFF0
    enter 0, 1
    BACK
    PRINT "enter 0,1 s16:"
    call show
    DUMP S16_BASE + 0xFFE8, 2
    call prep
    mov ebp, 0x5FF40
    S16 0x6FFF0
    enter 0x10, 33                  ; 33 mod 32 = 1
    BACK
    PRINT "enter 16,33 s16:"
    call show
    ; 32-bit stack, 16-bit operands: BP and the frame pointers are words
    call prep
    mov ebp, S16_BASE + 0xFFE0
    mov esp, S16_BASE + 0xFFF0
    o16 enter 2, 3
    BACK
    PRINT "enter 2,3 o16 s32:"
    call show
    DUMP S16_BASE + 0xFFE4, 3
    call prep
    mov ebp, S16_BASE + 0xFFE0
    mov esp, S16_BASE + 0xFFF0
    enter 0x100, 2
    BACK
    PRINT "enter 256,2 o32 s32:"
    call show
    DUMP S16_BASE + 0xFFE4, 3

; --- LEAVE -------------------------------------------------------------------------------
    call prep
    mov dword [S16_BASE + 0xFFF0], 0x12345678
    mov ebp, 0x1FFF0
    S16 0x52345
    leave                           ; SP <- BP (upper half of ESP kept), pop EBP
    BACK
    PRINT "leave s16:"
    call show
    call prep
    mov dword [S16_BASE + 0xFFF0], 0x12345678
    mov ebp, 0x1FFF0
    S16 0x52345
    o16 leave
    BACK
    PRINT "leave o16 s16:"
    call show

; --- CALL/RET near and far, with and without imm16 --------------------------------------
    call prep
    S16 0x30000
    call near_target
    BACK
    PRINT "call/ret 6 s16:"
    call show
    HEX32 [sv_x]
    PRINT " "
    HEX32 [S16_BASE + 0xFFFC]
    NL
    call prep
    S16 0x30000
    call SEL_KCODE:far_target
    BACK
    PRINT "call far/retf 8 s16:"
    call show
    HEX32 [sv_x]
    PRINT " "
    HEX16 word [S16_BASE + 0xFFFC]
    NL

; --- INT n / IRET on a 16-bit stack (same privilege) ------------------------------------
    call prep
    S16 0x30000
    int VEC_I32
    BACK
    PRINT "int 32-bit gate s16:"
    call show
    HEX32 [sv_x]
    NL
    DUMP S16_BASE + 0xFFF4, 3
    ; a 16-bit gate pushes FLAGS CS IP as words; the code runs in SEL_C16 (offsets < 64 KiB)
    jmp SEL_C16:in_c16 - $$
in_c16:
    mov ax, SEL_S16
    mov ss, ax
    mov esp, 0x30000
    int VEC_I16
    mov [sv_esp], esp
    mov ax, SEL_KDATA
    mov ss, ax
    mov esp, KSTACK
    jmp SEL_KCODE:back_from_c16
back_from_c16:
    mov dword [sv_ebp], 0
    mov dword [sv_eax], 0
    PRINT "int 16-bit gate s16:"
    call show
    HEX32 [sv_x]
    NL
    HEX16 word [S16_BASE + 0xFFFA]
    PRINT " "
    HEX16 word [S16_BASE + 0xFFFC]
    NL

    ; CALL FAR / RETF imm16 with a 16-bit operand size (in SEL_C16): CS and IP are pushed as
    ; words (SDM Vol.2A CALL), SP wrapping through 0; RETF 4 pops them and adds 4 to SP.
    call prep
    jmp SEL_C16:in_c16_call - $$
in_c16_call:
    mov ax, SEL_S16
    mov ss, ax
    mov esp, 0x30002
    call word SEL_C16:far16_target - $$
    mov [sv_esp], esp
    mov ax, SEL_KDATA
    mov ss, ax
    mov esp, KSTACK
    jmp SEL_KCODE:back_from_c16_call
back_from_c16_call:
    mov dword [sv_ebp], 0
    mov dword [sv_eax], 0
    PRINT "o16 call far/retf 4 s16:"
    call show
    HEX32 [sv_x]
    NL
    DUMP S16_BASE + 0xFFFC, 1
    DUMP S16_BASE, 1

; --- Ring 3 -> ring 0 through a 32-bit gate onto a 16-bit ring-0 stack ----------------------
; SDM Vol.3 6.12.1: SS:ESP from the TSS; the frame (SS ESP EFLAGS CS EIP) is pushed with SP
; wrapping. (TSS.ESP0 and the ring-3 ESP share their upper half here: QEMU keeps the old
; upper half of ESP where the SDM loads all of ESP0.)
    call prep
    mov dword [TSS_MAIN + TSS_SS0], SEL_S16
    mov dword [TSS_MAIN + TSS_ESP0], 0x70008
    RESUME_AT ring3_done
    mov ebx, ring3_code
    mov ecx, FL_BASE
    call enter_ring3
ring3_code:
    mov esp, 0x7FF00
    int VEC_RING0
    mov [sv_z], esp
    int 0x3F
ring3_done:
    mov dword [TSS_MAIN + TSS_SS0], SEL_KDATA
    mov dword [TSS_MAIN + TSS_ESP0], KSTACK
    PRINT "ring3->ring0 s16: esp="
    HEX32 [sv_x]
    PRINT " ss="
    HEX16 word [sv_y]
    PRINT " after iret esp="
    HEX32 [sv_z]
    NL
    DUMP VARS + 0x220, 5

; --- Ring 3 -> ring 0 through a 16-bit gate onto a 16-bit ring-0 stack ----------------------
; SDM Vol.3 6.12.1, Figure 6-4: a 16-bit gate pushes SS, SP, FLAGS, CS, IP as words. The
; handler records the stack and goes back to ring 0's flat stack with a far jump.
    call prep
    mov dword [TSS_MAIN + TSS_SS0], SEL_S16
    mov dword [TSS_MAIN + TSS_ESP0], 0x70008
    RESUME_AT ring3_16_done
    mov ebx, ring3_16_code
    mov ecx, FL_BASE
    call enter_ring3
ring3_16_code:
    mov esp, 0x7FF00
    int VEC_RING0_16
ring3_16_done:
    mov ax, SEL_KDATA
    mov ds, ax
    mov es, ax
    mov dword [TSS_MAIN + TSS_SS0], SEL_KDATA
    mov dword [TSS_MAIN + TSS_ESP0], KSTACK
    PRINT "ring3->ring0 16-bit gate s16: esp="
    HEX32 [sv_x]
    PRINT " ss="
    HEX16 word [sv_y]
    NL
    DUMP VARS + 0x240, 3

; --- IRET with a 16-bit operand size to ring 3 ---------------------------------------------
; SDM Vol.2A IRET (return to an outer privilege level): IP, CS, FLAGS, SP and SS are popped as
; words. The ring-3 code must sit below 64 KiB: a copy of iretw_stub at 0x9000 records ESP.
    mov esi, iretw_stub
    mov edi, 0x9000
    mov ecx, iretw_stub_end - iretw_stub
    rep movsb
    mov dword [VARS + 0x250], 0
    RESUME_AT iretw_done
    mov ax, SEL_UDATA
    mov ds, ax
    mov es, ax
    push word SEL_UDATA
    push word 0xFF00
    push word FL_BASE
    push word SEL_UCODE
    push word 0x9000
    iretw
iretw_done:
    PRINT "iretw to ring 3: esp="
    HEX32 [VARS + 0x250]
    NL

; --- INT through a task gate to a 16-bit TSS, IRET back -----------------------------------
; SDM Vol.3 7.6 (Figure 7-11, the 16-bit TSS): the new task's IP, FLAGS, AX..DI, ES CS SS DS
; come from word fields; the switch nests (NT set, link = the old TSS); its IRET saves the
; 16-bit state back and frees the TSS (7.3). Only the low halves are shown (the upper halves
; after loading a 16-bit TSS are not architected).
    mov edi, TSS16
    mov ecx, 0x2C / 2
    xor eax, eax
    rep stosw
    mov word [TSS16 + 0x0E], task16_code - $$      ; IP
    mov word [TSS16 + 0x10], FL_BASE               ; FLAGS
    mov word [TSS16 + 0x12], 0xA1A1                ; AX
    mov word [TSS16 + 0x18], 0xB2B2                ; BX
    mov word [TSS16 + 0x1A], 0x5F00                ; SP
    mov word [TSS16 + 0x22], SEL_KDATA             ; ES
    mov word [TSS16 + 0x24], SEL_C16               ; CS
    mov word [TSS16 + 0x26], SEL_KDATA             ; SS
    mov word [TSS16 + 0x28], SEL_KDATA             ; DS
    mov eax, SEL_TSS16
    mov ebx, ((TSS16 & 0xFFFF) << 16) | 0x2B
    mov edx, (TSS16 & 0xFF000000) | 0x8100 | ((TSS16 >> 16) & 0xFF)
    call set_gdt_entry
    mov eax, VEC_TASK16
    xor ebx, ebx
    mov cl, GATE_TASK0
    mov dx, SEL_TSS16
    call set_gate
    mov eax, 0x11112222
    mov ebx, 0x33334444
    int VEC_TASK16
    mov [sv_x], eax
    mov [sv_y], ebx
    PRINT "int to a 16-bit TSS: in task sp="
    HEX16 word [VARS + 0x260]
    PRINT " ax="
    HEX16 word [VARS + 0x262]
    PRINT " bx="
    HEX16 word [VARS + 0x264]
    PRINT " flags="
    HEX16 word [VARS + 0x266]
    NL
    PRINT "  back: eax="
    HEX32 [sv_x]
    PRINT " ebx="
    HEX32 [sv_y]
    PRINT " link="
    HEX16 word [TSS16]
    PRINT " saved ip-code="
    mov ax, [TSS16 + 0x0E]
    sub ax, task16_code - $$
    HEX16 ax
    PRINT " flags="
    HEX16 word [TSS16 + 0x10]
    PRINT " sp="
    HEX16 word [TSS16 + 0x1A]
    PRINT " ax="
    HEX16 word [TSS16 + 0x12]
    PRINT " type="
    HEX8 byte [GDT_RAM + SEL_TSS16 + 5]
    NL

; --- #GP with an error code through a 16-bit interrupt gate onto a 16-bit stack ------------
; SDM Vol.3 6.13 (error code), 6.12.1 (a 16-bit gate pushes FLAGS CS IP and the error code as
; words): the handler records SP and the frame, then leaves.
    call prep
    mov eax, 13
    mov ebx, gp16_handler - $$
    mov cl, 0x86
    mov dx, SEL_C16
    call set_gate
    jmp SEL_C16:in_c16_gp - $$
in_c16_gp:
    mov ax, SEL_S16
    mov ss, ax
    mov esp, 0x30004
    mov ax, 0x100                   ; beyond the GDT limit: #GP(0100)
    mov es, ax
gp16_back:
    mov eax, 13
    mov ebx, [isr_table + 13 * 4]
    mov cl, GATE_INT0
    mov dx, SEL_KCODE
    call set_gate
    PRINT "fault with error code, 16-bit gate s16: esp="
    HEX32 [sv_x]
    NL
    DUMP S16_BASE + 0xFFFC, 1
    DUMP S16_BASE, 1

; --- Virtual-8086 mode ------------------------------------------------------------------
    call prep
    RESUME_AT v86_done
    push dword 0                    ; GS
    push dword 0                    ; FS
    push dword 0x4000               ; DS = 0x4000 (linear 0x40000 = S16_BASE)
    push dword 0                    ; ES
    push dword 0x4000               ; SS
    push dword 0x00120006           ; ESP upper half is kept by V86 16-bit stack ops
    push dword FL_BASE | FL_VM | FL_IOPL3
    push dword 0xF000
    push dword v86_code - $$
    iret
v86_done:
    PRINT "v86:"
    NL
    DUMP VARS + 0x200, 8
    DUMP S16_BASE + 0xFFE8, 6
    jmp finish

; prep: fill S16_BASE + 0xFF00 .. 0x1000F with a pattern (dword at offset o = 0xA5000000 + o)
prep:
    push eax
    push ecx
    push edi
    mov edi, S16_BASE + 0xFF00
    mov ecx, 0x44
.fill:
    mov eax, edi
    and eax, 0x1FFFF
    or eax, 0xA5000000
    mov [edi], eax
    add edi, 4
    loop .fill
    pop edi
    pop ecx
    pop eax
    ret

; show: " esp=X ebp=Y" from the saved values, newline
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

near_target:
    mov [sv_x], esp
    ret 6

far_target:
    mov [sv_x], esp
    retf 8

int32_handler:
    mov [sv_x], esp
    iret

ring0_handler:
    mov [sv_x], esp
    mov eax, ss
    mov [sv_y], eax
    mov eax, [S16_BASE + 0xFFF4]
    mov [VARS + 0x220], eax
    mov eax, [S16_BASE + 0xFFF8]
    mov [VARS + 0x224], eax
    mov eax, [S16_BASE + 0xFFFC]
    mov [VARS + 0x228], eax
    mov eax, [S16_BASE + 0x0000]
    mov [VARS + 0x22C], eax
    mov eax, [S16_BASE + 0x0004]
    mov [VARS + 0x230], eax
    iret

; ring-3 code copied to 0x9000 (flat SEL_UCODE, IP < 64 KiB): records ESP, back to ring 0
iretw_stub:
    mov [VARS + 0x250], esp
    int 0x3F
iretw_stub_end:

; the task of TSS16 (SEL_C16, IP < 64 KiB): records SP AX BX FLAGS, IRET returns (NT = 1)
task16_code:
    mov [VARS + 0x260], sp
    mov [VARS + 0x262], ax
    mov [VARS + 0x264], bx
    pushf
    pop word [VARS + 0x266]
    mov ax, 0xC3C3
    iret
    jmp task16_code

gp16_handler:
    mov [sv_x], esp
    mov ax, SEL_KDATA
    mov ss, ax
    mov esp, KSTACK
    jmp SEL_KCODE:gp16_back

; far target in SEL_C16 for a 16-bit far call
far16_target:
    mov [sv_x], esp
    o16 retf 4

; 16-bit DPL3 gate handler in SEL_C16: records ESP, SS and the frame words around the wrap,
; then leaves for ring 0's flat stack (CPL is 0 here).
ring0_16_handler:
    mov [sv_x], esp
    mov eax, ss
    mov [sv_y], eax
    mov eax, [S16_BASE + 0xFFFC]
    mov [VARS + 0x240], eax
    mov eax, [S16_BASE + 0x0000]
    mov [VARS + 0x244], eax
    mov eax, [S16_BASE + 0x0004]
    mov [VARS + 0x248], eax
    mov ax, SEL_KDATA
    mov ss, ax
    mov esp, KSTACK
    jmp SEL_KCODE:ring3_16_done

; 16-bit gate handler in SEL_C16 (a 32-bit code segment): IRET with a 16-bit operand size
; pops IP CS FLAGS (SDM Vol.2A IRET)
int16_handler:
    mov [sv_x], esp
    iretw

s16_selector: dw SEL_S16

    bits 16

; V86 code at F000:xxxx, DS = SS = 0x4000, SP = 6 (ESP = 0x00120006). Results go to
; ES:VARS+0x200 (ES = 0).
v86_code:
    xor ax, ax
    mov es, ax
    mov ebp, 0x0033FFE0
    push word 0x1234                ; SP 6 -> 4
    push dword 0x89ABCDEF           ; SP 4 -> 0
    push word 0x5678                ; SP 0 -> 0xFFFE
    mov [es:VARS + 0x200], esp
    pop bx                          ; SP 0xFFFE -> 0
    pop eax                         ; SP 0 -> 4
    pop cx
    mov [es:VARS + 0x204], esp
    mov [es:VARS + 0x208], eax
    mov sp, 0xFFF0
    enter 4, 2
    mov [es:VARS + 0x20C], esp
    mov [es:VARS + 0x210], ebp
    leave
    mov [es:VARS + 0x214], esp
    o32 pushfd
    o32 popfd
    pushf
    popf
    call word .near
    mov [es:VARS + 0x21C], esp
    int 0x3F
.near:
    mov [es:VARS + 0x218], esp
    ret 2
    bits 32
%include "lib/end.inc"
