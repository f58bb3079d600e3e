; Stack operations in virtual-8086 mode for both operand sizes: SS.B does not apply (the
; stack is 16-bit, SP wraps at 64 KiB, ESP's upper half is kept: SDM Vol.3 20.1.1, 80386
; PRM 15.1), the 66 prefix picks the slot size. At IOPL 3: PUSHF/POPF and IRET with both
; sizes (POPF and IRET keep IOPL and VM: SDM Vol.2B POPF, Vol.2A IRET, Vol.3 20.2.7), PUSHFD
; stores VM and RF as 0, INT n and INT3 to a ring-0 handler (the frame holds all of ESP),
; far CALL/RET. At IOPL 0: PUSHF POPF IRET INT n with both sizes raise #GP(0) and leave SP
; alone (SDM Vol.3 20.2.7, 6.5), INT3 is not IOPL-sensitive (its DPL 0 gate gives
; #GP(1Ah), SDM Vol.3 20.3.1.1). Virtual-8086 mode's stack is SS = 0x4000 (linear S16_BASE);
; its code records values at ES:VARS+0x200.. (ES = 0), ring 0 prints them afterwards.
%include "lib/start.inc"

S16_BASE    equ 0x40000
REC         equ VARS + 0x200

; DUMP linear, count: print `count` dwords from `linear`
%macro DUMP 2
    mov esi, %1
    mov ecx, %2
    call dump
%endmacro

main:
    mov eax, 0x31
    mov ebx, v86_int31
    mov cl, GATE_INT3
    mov dx, SEL_KCODE
    call set_gate
    call prep
    RESUME_AT iopl3_done
    push dword 0                    ; GS
    push dword 0                    ; FS
    push dword 0                    ; DS
    push dword 0                    ; ES
    push dword 0x4000               ; SS
    push dword 0x00120008           ; ESP: the upper half is kept by V86 stack operations
    push dword FL_BASE | FL_VM | FL_IOPL3
    push dword 0xF000
    push dword v86_iopl3 - $$
    iret
iopl3_done:
    PRINTLN "v86 iopl 3:"
    PRINT "  push: "
    DUMP REC + 0x00, 3
    PRINT "  pop: "
    DUMP REC + 0x0C, 4
    PRINT "  sreg: "
    DUMP REC + 0x1C, 3
    PRINT "  pushad/popad: "
    DUMP REC + 0x28, 3
    PRINT "  pusha/popa: "
    DUMP REC + 0x34, 2
    PRINT "  pushf/popf: "
    DUMP REC + 0x3C, 4
    PRINT "  iret/iretd: "
    DUMP REC + 0x4C, 4
    PRINT "  int 31h frame: "
    DUMP REC + 0x80, 9
    PRINT "  after int: "
    DUMP REC + 0x5C, 2
    PRINT "  enter/leave o32: "
    DUMP REC + 0x64, 3
    PRINT "  call/retf: "
    DUMP REC + 0x70, 4
    PRINT "  stack at 4FFE0: "
    DUMP S16_BASE + 0xFFE0, 8
    PRINT "  stack at 40000: "
    DUMP S16_BASE, 4

    call prep
    mov edi, REC
    mov ecx, 0x40
    xor eax, eax
    rep stosd
    RESUME_AT iopl0_done
    push dword 0                    ; GS
    push dword 0                    ; FS
    push dword 0                    ; DS
    push dword 0                    ; ES
    push dword 0x4000               ; SS
    push dword 0x00120008
    push dword FL_BASE | FL_VM
    push dword 0xF000
    push dword v86_iopl0 - $$
    iret
iopl0_done:
    PRINT "v86 iopl 0: sp after each: "
    DUMP REC, 8
    jmp finish

; INT 31h from V86 (32-bit DPL3 interrupt gate): copies the 9-dword frame to REC+0x80 (the
; data segment registers arrive null: SDM Vol.3 20.3.1.1)
v86_int31:
    push esi
    push edi
    push ecx
    push ds
    push es
    mov si, SEL_KDATA
    mov ds, si
    mov es, si
    lea esi, [esp + 20]
    mov edi, REC + 0x80
    mov ecx, 9
    rep movsd
    pop es
    pop ds
    pop ecx
    pop edi
    pop esi
    iret

; prep: fill S16_BASE + 0xFF00 .. 0x1000F and S16_BASE + 0 .. 0x3F with a pattern
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

dump:
.next:
    HEX32 [esi]
    PRINT " "
    add esi, 4
    loop .next
    NL
    ret

    bits 16
; V86 at IOPL 3: CS = F000, SS = 4000, ESP = 0x00120008, DS = ES = 0
v86_iopl3:
    mov eax, 0x11223344
    push eax                        ; SP 8 -> 4
    push word 0x5566                ; SP 2
    push sp                         ; SP 0, the value 2
    push esp                        ; SP FFFC, the value 0x00120000
    push dword -3                   ; SP FFF8
    mov [es:REC + 0x00], esp
    mov eax, [ss:0xFFFC]
    mov [es:REC + 0x04], eax
    mov eax, [ss:0xFFF8]
    mov [es:REC + 0x08], eax
    pop ebx                         ; SP FFFC
    pop ecx                         ; SP 0 (wraps)
    pop dx                          ; SP 2
    mov [es:REC + 0x0C], esp
    mov [es:REC + 0x10], ebx
    mov [es:REC + 0x14], ecx
    mov [es:REC + 0x18], edx
    ; sreg: POP SS loads base = selector * 16 (the stack moves to linear 0x50000 + SP)
    push word 0x5000                ; SP 0
    pop ss                          ; SP 2
    nop
    mov ax, ss
    mov [es:REC + 0x1C], ax
    mov [es:REC + 0x20], esp
    pop ax                          ; SP 4
    push dword 0x12344000           ; SP 0, at 5000:0000
    o32 pop ss                      ; the low word: SS = 4000, SP 4
    nop
    mov ax, ss
    mov [es:REC + 0x24], ax
    mov [es:REC + 0x26], sp
    ; PUSHAD/POPAD wrapping through SP = 0
    mov ax, 0x4000
    mov ss, ax
    mov esp, 0x00120010
    mov eax, 0xA0A0A0A0
    mov ebp, 0xB5B5B5B5
    pushad
    mov [es:REC + 0x28], esp
    xor ebp, ebp
    xor eax, eax
    popad
    mov [es:REC + 0x2C], ebp
    mov [es:REC + 0x30], eax
    mov esp, 0x00120008
    pusha
    mov [es:REC + 0x34], esp
    popa
    mov [es:REC + 0x38], esp
    ; PUSHF/POPF: IOPL and VM are kept, PUSHFD stores VM = RF = 0
    pushfd
    pop dword [es:REC + 0x3C]
    push dword 0x00034CD7           ; IOPL 0, NT, RF, VM, status flags
    popfd
    pushfd
    pop dword [es:REC + 0x40]
    push word 0x0CD5
    popf
    pushf
    pop word [es:REC + 0x44]
    mov [es:REC + 0x48], esp
    push dword FL_BASE
    popfd
    ; IRET (16-bit) and IRETD within V86 mode: IOPL and VM kept
    push word 0x0CD7                ; FLAGS with IOPL 0
    push cs
    push word .after_iret - $$
    iret
.after_iret:
    pushfd
    pop dword [es:REC + 0x4C]
    mov [es:REC + 0x50], esp
    push dword 0x00004CD6           ; IOPL 0, NT
    push dword 0x1234F000           ; CS (the low word)
    push dword .after_iretd - $$
    iretd
.after_iretd:
    pushfd
    pop dword [es:REC + 0x54]
    mov [es:REC + 0x58], esp
    push dword FL_BASE
    popfd
    ; INT n to ring 0: the frame holds ESP with its upper half
    mov esp, 0x00120004
    int 0x31
    mov [es:REC + 0x5C], esp
    mov ax, ss
    mov [es:REC + 0x60], ax
    ; ENTER/LEAVE with a 32-bit operand size, wrapping through SP = 0
    mov ebp, 0x00330010
    mov esp, 0x00120010
    o32 enter 4, 3
    mov [es:REC + 0x64], esp
    mov [es:REC + 0x68], ebp
    o32 leave
    mov [es:REC + 0x6C], esp
    ; far CALL/RETF, both sizes (no wrap between the offset and CS: see stack-sdm)
    mov esp, 0x00120000
    call 0xF000:.far16 - $$
    mov [es:REC + 0x74], esp
    mov esp, 0x00120008
    call dword 0xF000:.far32 - $$
    mov [es:REC + 0x7C], esp
    int 0x3F
.far16:
    mov [es:REC + 0x70], esp
    retf 2
.far32:
    mov [es:REC + 0x78], esp
    o32 retf 4

; V86 at IOPL 0: each IOPL-sensitive instruction raises #GP(0) (the default handler prints it
; and returns to the next label); SP is recorded after each
v86_iopl0:
    xor ax, ax
    mov es, ax
    mov dword [es:skip_to], .a - $$
    pushf
.a:
    mov [es:REC + 0x00], esp
    mov dword [es:skip_to], .b - $$
    pushfd
.b:
    mov [es:REC + 0x04], esp
    mov dword [es:skip_to], .c - $$
    popf
.c:
    mov [es:REC + 0x08], esp
    mov dword [es:skip_to], .d - $$
    popfd
.d:
    mov [es:REC + 0x0C], esp
    mov dword [es:skip_to], .e - $$
    iret
.e:
    mov [es:REC + 0x10], esp
    mov dword [es:skip_to], .f - $$
    iretd
.f:
    mov [es:REC + 0x14], esp
    mov dword [es:skip_to], .g - $$
    int 0x31
.g:
    mov [es:REC + 0x18], esp
    mov dword [es:skip_to], .h - $$
    int3                            ; not IOPL-sensitive: the DPL 0 gate of vector 3 refuses it
.h:
    mov [es:REC + 0x1C], esp
    int 0x3F                        ; #GP, then [resume]
    bits 32
%include "lib/end.inc"
