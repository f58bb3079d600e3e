; Stack operations in real-address mode for each operand size (16 and 32 bits, 66 prefix) and
; address size (67 prefix), with the stack segment's B flag clear as after a return to real
; mode by SDM Vol.3 9.9.2 (and after reset), so every push and pop moves SP only, wraps at
; 64 KiB and keeps ESP's upper half (SDM Vol.1 6.2.3; 80386 PRM 2.3.3 and 14.1); the operand
; size picks the slot size (SDM Vol.2B PUSH/POP). The last case keeps a B = 1 stack segment
; cache from protected mode ("big" real mode): real-mode segment loads set only the selector
; and the base (SDM Vol.3 20.1.1), so ESP is the stack pointer there.
; Each case runs in real mode (stack segment 0x4000 = linear S16_BASE), stores ESP EBP EAX
; and its other results below 64 KiB, returns to protected mode and prints them.
%include "lib/start.inc"
%include "lib/real.inc"

SEL_BIGSS   equ 0x90        ; data, base 0, 4 GiB, B = 1
S16_BASE    equ 0x40000
MEMX        equ 0x3300      ; DS:MEMX (DS = 0) for memory operands

sv_esp      equ scratch + 0
sv_ebp      equ scratch + 4
sv_eax      equ scratch + 8
sv_x        equ scratch + 12
sv_y        equ scratch + 16
sv_z        equ scratch + 20
sv_w        equ scratch + 24

; DUMP linear, count: print `count` dwords from `linear`
%macro DUMP 2
    mov esi, %1
    mov ecx, %2
    call dump
%endmacro

main:
    REAL_INIT
    mov eax, SEL_BIGSS
    mov ebx, 0x0000FFFF
    mov edx, 0x00CF9200
    call set_gdt_entry
    IVT 0x50, rint50
    IVT 3, rint3

; --- PUSH reg / imm / SP / ESP, wrapping at SP = 0 ---------------------------------------
    call prep
    REAL
    mov eax, 0x11223344
    RSS 0x12340004
    push eax                        ; SP 4 -> 0
    push word 0x5566                ; SP 0 -> FFFE
    push sp                         ; the value before the push (80386 PRM PUSH)
    push esp
    push dword -2                   ; 66 6A FE: sign-extended to 32 bits
    xor ebp, ebp
    RBACK
    PROT
    PRINT "rm push 32/16/sp/esp/imm8:"
    call show
    DUMP S16_BASE + 0xFFF4, 3
    DUMP S16_BASE, 1
    call prep
    REAL
    RSS 0x0000FFFF
    push word 0x7788                ; SP FFFF -> FFFD: the word at FFFD-FFFE
    RBACK
    PROT
    PRINT "rm push at sp=ffff:"
    call show
    DUMP S16_BASE + 0xFFFC, 1

; --- POP reg, wrapping at FFFF -> 0 ---------------------------------------------------------
    call prep
    mov dword [S16_BASE + 0xFFFC], 0x01020304
    mov dword [S16_BASE + 0x0000], 0x05060708
    mov dword [S16_BASE + 0x0004], 0x0A0B0C0D
    REAL
    RSS 0x0001FFFC
    pop ebx                         ; SP FFFC -> 0
    pop cx                          ; SP 0 -> 2
    pop edx                         ; SP 2 -> 6
    mov [sv_x], ebx
    mov [sv_y], ecx
    mov [sv_z], edx
    xor ebp, ebp
    RBACK
    PROT
    PRINT "rm pop 32/16/32:"
    call show
    HEX32 [sv_x]
    PRINT " "
    HEX32 [sv_y]
    PRINT " "
    HEX32 [sv_z]
    NL

; --- PUSH/POP memory operands, 16- and 32-bit addressing ------------------------------------
    call prep
    mov dword [MEMX], 0xAABBCCDD
    mov dword [MEMX + 4], 0x11223344
    mov dword [MEMX + 8], 0
    mov dword [MEMX + 12], 0
    REAL
    mov bx, MEMX
    RSS 0x0000FFF0
    push word [bx]                  ; SP FFEE
    push dword [bx + 4]             ; SP FFEA
    pop dword [bx + 8]              ; SP FFEE
    pop word [bx + 12]              ; SP FFF0
    a32 pop dword [esp]             ; address from the incremented ESP: writes SS:FFF4
    a32 push dword [esp + 4]        ; reads SS:FFF8 before the push, SP FFF0
    mov bp, sp
    push word [bp + 6]              ; BP addresses SS: reads SS:FFF6, SP FFEE
    RBACK
    PROT
    PRINT "rm push/pop mem:"
    call show
    DUMP MEMX, 4
    DUMP S16_BASE + 0xFFEC, 5

; --- POP SS -------------------------------------------------------------------------------
    call prep
    mov word [S16_BASE + 0xFFFE], 0x5000
    mov dword [S16_BASE + 0xFFF8], 0xABCD6000
    REAL
    RSS 0x0001FFFE
    pop ss                          ; SP FFFE -> 0
    nop
    mov ax, ss
    mov [sv_x], ax
    mov [sv_y], esp
    RSS 0x0001FFF8
    o32 pop ss                      ; SP FFF8 -> FFFC, the upper word ignored
    nop
    mov ax, ss
    mov [sv_z], ax
    RBACK
    PROT
    PRINT "rm pop ss o16: ss="
    HEX16 word [sv_x]
    PRINT " esp="
    HEX32 [sv_y]
    PRINT " o32: ss="
    HEX16 word [sv_z]
    call show

; --- PUSH/POP sreg, both operand sizes ------------------------------------------------------
    call prep
    REAL
    mov ax, 0x1234
    mov fs, ax
    RSS 0x00010000
    push fs                         ; SP 0 -> FFFE
    o32 push fs                     ; SP FFFE -> FFFA
    push cs                         ; SP FFF8
    o32 pop gs                      ; SP FFFC: GS = F000 (the low word)
    mov ax, gs
    mov [sv_x], ax
    RBACK
    PROT
    PRINT "rm push/pop sreg: gs="
    HEX16 word [sv_x]
    call show
    HEX16 word [S16_BASE + 0xFFFE]
    PRINT " "
    HEX16 word [S16_BASE + 0xFFFA]
    PRINT " "
    HEX16 word [S16_BASE + 0xFFF8]
    NL

; --- PUSHA/POPA, PUSHAD/POPAD wrapping through SP = 0 --------------------------------------
    call prep
    REAL
    mov eax, 0xA0A0A0A0
    mov ecx, 0xC1C1C1C1
    mov edx, 0xD2D2D2D2
    mov ebx, 0xB3B3B3B3
    mov ebp, 0xB5B5B5B5
    mov esi, 0x56565656
    mov edi, 0xD7D7D7D7
    RSS 0x00050010
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
    RBACK
    PROT
    PRINT "rm pushad/popad wrap:"
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
    REAL
    mov ebp, 0x7777B5B5
    RSS 0x00050008
    pusha
    mov [sv_x], esp
    xor ebp, ebp
    popa
    RBACK
    PROT
    PRINT "rm pusha/popa wrap:"
    call show
    HEX32 [sv_x]
    NL
    DUMP S16_BASE + 0xFFF8, 2
    DUMP S16_BASE + 0x0000, 2

; --- PUSHF/POPF: real mode changes IOPL and NT; POPFD keeps VM and clears RF; PUSHFD stores
; VM and RF as 0 (SDM Vol.2B POPF/PUSHF Operation) --------------------------------------------
    call prep
    REAL
    RSS 0x00010004
    push dword 0x0003FCFF
    popfd                           ; SP 0 -> 4
    pushfd                          ; SP 4 -> 0
    push word 0xFCFF
    popf
    pushf                           ; the word at FFFE
    push dword FL_BASE
    popfd
    RBACK
    PROT
    PRINT "rm pushf/popf:"
    call show
    DUMP S16_BASE + 0xFFFC, 1
    DUMP S16_BASE, 1

; --- ENTER (SDM Vol.2A ENTER Operation: StackSize 16, so BP addresses the frame pointers) -
    call prep
    REAL
    mov ebp, 0x0002000A
    RSS 0x00010004
    enter 6, 3                      ; copies [BP-2] [BP-4], SP wraps
    RBACK
    PROT
    PRINT "rm enter 6,3:"
    call show
    DUMP S16_BASE + 0xFFF4, 3
    DUMP S16_BASE, 2
    call prep
    REAL
    mov ebp, 0x00030010
    RSS 0x00010010
    o32 enter 8, 4                  ; 32-bit frame pointers from [BP-4n]
    RBACK
    PROT
    PRINT "rm o32 enter 8,4:"
    call show
    DUMP S16_BASE + 0xFFF4, 3
    DUMP S16_BASE, 4
    call prep
    REAL
    mov ebp, 0x12345678
    RSS 0x00010010
    enter 0x20, 0                   ; the allocation wraps SP
    RBACK
    PROT
    PRINT "rm enter 32,0:"
    call show
    call prep
    REAL
    mov ebp, 0x0005FF40
    RSS 0x00010008
    o32 enter 4, 1
    RBACK
    PROT
    PRINT "rm o32 enter 4,1:"
    call show
    DUMP S16_BASE, 2
    call prep
    REAL
    mov ebp, 0x0005FF40
    RSS 0x00010008
    enter 2, 33                     ; 33 mod 32 = 1
    RBACK
    PROT
    PRINT "rm enter 2,33:"
    call show
    DUMP S16_BASE, 2

; --- LEAVE ---------------------------------------------------------------------------------
    call prep
    mov dword [S16_BASE + 0xFFF0], 0x12345678
    mov dword [S16_BASE + 0xFFFC], 0x9ABCDEF0
    REAL
    mov ebp, 0x0002FFF0
    RSS 0x00057777
    leave                           ; SP <- BP, BP <- word
    mov [sv_x], esp
    mov [sv_y], ebp
    mov ebp, 0x0002FFFC
    o32 leave                       ; SP <- BP, EBP <- dword, SP wraps to 0
    RBACK
    PROT
    PRINT "rm leave: "
    HEX32 [sv_x]
    PRINT " "
    HEX32 [sv_y]
    PRINT " o32:"
    call show

; --- CALL/RET near and far, both operand sizes, with imm16 ---------------------------------
    call prep
    REAL
    RSS 0x00010000
    call rnear                      ; IP at FFFE, RET 4
    RBACK
    PROT
    PRINT "rm call/ret 4:"
    call show
    HEX32 [sv_x]
    NL
    DUMP S16_BASE + 0xFFFC, 1
    call prep
    REAL
    RSS 0x00010004
    call dword rnear32              ; EIP as a dword at 0, O32 RET 6
    RBACK
    PROT
    PRINT "rm o32 call/ret 6:"
    call show
    HEX32 [sv_x]
    NL
    DUMP S16_BASE, 1
    call prep
    REAL
    RSS 0x00010000
    call 0xF000:rfar - $$           ; CS at FFFE, IP at FFFC
    RBACK
    PROT
    PRINT "rm call far/retf 2:"
    call show
    HEX32 [sv_x]
    NL
    DUMP S16_BASE + 0xFFFC, 1
    call prep
    REAL
    RSS 0x00010008
    call dword 0xF000:rfar32 - $$   ; CS in a dword slot at 4, EIP at 0
    RBACK
    PROT
    PRINT "rm o32 call far/retf 8:"
    call show
    HEX32 [sv_x]
    PRINT " "
    HEX16 word [S16_BASE + 4]
    NL
    DUMP S16_BASE, 1
    call prep
    mov word [MEMX], rnear - $$
    mov dword [MEMX + 4], rnear32 - $$
    REAL
    mov bx, MEMX
    RSS 0x00010000
    call word [bx]
    mov [sv_y], esp
    RSS 0x00010004
    call dword [bx + 4]             ; 66 FF /2: EIP from a dword, pushed as a dword
    RBACK
    PROT
    PRINT "rm call [mem] 16/32: "
    HEX32 [sv_y]
    call show

; --- INT n / IRET (SDM Vol.2A INT n/IRET, REAL-ADDRESS-MODE: FLAGS CS IP as words) -------
    call prep
    REAL
    push word 0x0CD7                ; OF DF and the status flags, IF = TF = 0
    popf
    RSS 0x00010004
    int 0x50                        ; FLAGS at 2, CS at 0, IP at FFFE
    pushf
    pop word [sv_z]
    RBACK
    push word FL_BASE
    popf
    PROT
    PRINT "rm int 50h wrap:"
    call show
    HEX32 [sv_x]
    PRINT " flags in handler="
    HEX16 word [sv_y]
    PRINT " after iret="
    HEX16 word [sv_z]
    NL
    DUMP S16_BASE + 0xFFFC, 1
    DUMP S16_BASE, 1
    call prep
    REAL
    RSS 0x00010004
    o32 int 0x50                    ; the operand size does not change a real-mode frame
    RBACK
    PROT
    PRINT "rm o32 int 50h:"
    call show
    HEX32 [sv_x]
    NL
    DUMP S16_BASE + 0xFFFC, 1
    DUMP S16_BASE, 1
    call prep
    REAL
    RSS 0x00010008
    int3
    RBACK
    PROT
    PRINT "rm int3:"
    call show
    HEX32 [sv_x]
    NL
    DUMP S16_BASE, 2
    ; IRETD: EIP, CS (low word of a dword), EFLAGS <- (temp AND 257FD5H) OR (EFLAGS AND 1A0000H)
    call prep
    REAL
    RSS 0x00010008
    push dword 0x0003FCFF
    push dword 0xABCDF000
    push dword riretd_ret - $$
    o32 iret
riretd_ret:
    pushfd
    pop dword [sv_x]
    push word FL_BASE
    popf
    RBACK
    PROT
    PRINT "rm iretd: eflags="
    HEX32 [sv_x]
    call show

; --- A B = 1 stack segment cache kept in real mode: ESP is the stack pointer ----------------
    call prep
    jmp SEL_RCODE:big_c16 - $$
    bits 16
big_c16:
    mov ax, SEL_RDATA
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ax, SEL_BIGSS
    mov ss, ax
    lidt [cs:real_ivt_desc - $$]
    mov eax, cr0
    and al, 0xFE
    mov cr0, eax
    jmp 0xF000:big_rm - $$
big_rm:
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ax, RSTACK
    mov ss, ax                      ; base S16_BASE, B still 1
    mov esp, 0x00010004
    mov eax, 0x11223344
    push eax                        ; ESP 10004 -> 10000 (no wrap at 64 KiB)
    push word 0x5566                ; ESP FFFE
    mov [sv_x], esp
    pop cx
    pop edx
    mov [sv_y], edx
    mov [sv_z], esp
    PROT
    PRINT "big real ss: "
    HEX32 [sv_x]
    PRINT " "
    HEX32 [sv_y]
    PRINT " "
    HEX32 [sv_z]
    NL
    DUMP S16_BASE + 0xFFFC, 2
    jmp finish

; prep: fill S16_BASE + 0xFF00 .. 0x1000F and S16_BASE + 0 .. 0x3F with a pattern
; (dword at offset o = 0xA5000000 + (o AND 1FFFFh))
prep:
    push eax
    push ecx
    push edi
    mov edi, S16_BASE + 0xFF00
    mov ecx, 0x44
    call .fill
    mov edi, S16_BASE
    mov ecx, 0x10
    call .fill
    pop edi
    pop ecx
    pop eax
    ret
.fill:
    mov eax, edi
    and eax, 0x1FFFF
    or eax, 0xA5000000
    mov [edi], eax
    add edi, 4
    loop .fill
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

    bits 16
; real-mode targets (CS = F000, DS = 0)
rnear:
    mov [sv_x], esp
    ret 4

rnear32:
    mov [sv_x], esp
    o32 ret 6

rfar:
    mov [sv_x], esp
    retf 2

rfar32:
    mov [sv_x], esp
    o32 retf 8

rint50:
    mov [sv_x], esp
    pushf
    pop word [sv_y]
    iret

rint3:
    mov [sv_x], esp
    iret
    bits 32
%include "lib/end.inc"
