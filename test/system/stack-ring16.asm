; Privilege changes with 16-bit stacks, frames and TSSs:
; - IRET with a 16-bit operand size (IRETW) to ring 3 onto a 16-bit stack (SS.B = 0), from a
;   32-bit ring-0 stack and from a 16-bit one whose frame wraps at 64 KiB, and IRETD to the
;   same 16-bit stack: IP CS FLAGS SP SS are popped (SDM Vol.2A IRET, RETURN-TO-OUTER-
;   PRIVILEGE-LEVEL); a 16-bit stack pointer replaces only SP, so ESP's upper half is the
;   ring-0 one (the hardware behaviour Linux's espfix works around; QEMU does the same).
; - INT n from ring 3 while the current task has a 16-bit (80286) TSS: the ring-0 stack is
;   SS0:SP0 from its word fields (SDM Vol.3 7.6, Figure 7-11), through a 16-bit gate (SS SP
;   FLAGS CS IP pushed as words) and a 32-bit gate (as dwords), onto a 16-bit SS0 (the frame
;   wraps at 64 KiB) and a 32-bit one (ESP = SP0 zero-extended); IRETW/IRETD back to ring 3
;   (SDM Vol.3 6.12.1, Figure 6-4).
; The ring-3 code runs in SEL_C16U (base 0xF0000, so its offsets are below 64 KiB as IRETW
; needs) and records into VARS with DS = SEL_UDATA.
%include "lib/start.inc"

SEL_S16     equ 0x80        ; data, DPL0, base 0x40000, 4 GiB, B = 0 (16-bit stack)
SEL_C16     equ 0x88        ; code, DPL0, base 0xF0000, limit 0xFFFF, D = 1
SEL_S16U    equ 0x93        ; data, DPL3, base 0x40000, 4 GiB, B = 0 (RPL 3)
SEL_C16U    equ 0x9B        ; code, DPL3, base 0xF0000, limit 0xFFFF, D = 1 (RPL 3)
SEL_TSS16   equ 0xA0        ; 16-bit TSS at TSS16
TSS16       equ 0x13200
S16_BASE    equ 0x40000
VEC_G16     equ 0x45        ; 16-bit interrupt gate, DPL3, SEL_C16:g16_handler
VEC_G32     equ 0x46        ; 32-bit interrupt gate, DPL3, SEL_KCODE:g32_handler
R3_ESP      equ 0x0000F000  ; ring-3 stack (SEL_UDATA) for the INT cases

sv_esp      equ scratch + 0
sv_ss       equ scratch + 4
sv_r0esp    equ scratch + 8
sv_r0ss     equ scratch + 12
sv_after    equ scratch + 16
frame_src   equ scratch + 20    ; linear address of the frame's first dword
frame_src2  equ scratch + 24    ; ... and of the other four (0x40000 when the frame wraps)
sv_frame    equ scratch + 28    ; the copy (the next INT 3Fh reuses the same stack)

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
    mov eax, SEL_C16U
    mov ebx, 0x0000FFFF
    mov edx, 0x0040FA0F
    call set_gdt_entry
    mov eax, VEC_G16
    mov ebx, g16_handler - $$
    mov cl, 0xE6                    ; 16-bit interrupt gate, DPL3 (SDM Vol.3 Figure 6-2)
    mov dx, SEL_C16
    call set_gate
    mov eax, VEC_G32
    mov ebx, g32_handler
    mov cl, GATE_INT3
    mov dx, SEL_KCODE
    call set_gate

; --- IRETW from the flat 32-bit ring-0 stack to ring 3 on a 16-bit stack ------------------
    call clear
    RESUME_AT a_done
    mov ax, SEL_UDATA
    mov ds, ax
    mov es, ax
    mov esp, 0x0007FF00
    push word SEL_S16U
    push word 0xFF00
    push word FL_BASE
    push word SEL_C16U
    push word r3_record - $$
    iretw
a_done:
    PRINT "iretw s32 -> ring 3 s16:"
    call show

; --- IRETW from a 16-bit ring-0 stack whose frame wraps at 64 KiB ---------------------------
    call clear
    mov word [S16_BASE + 0xFFFA], r3_record - $$
    mov word [S16_BASE + 0xFFFC], SEL_C16U
    mov word [S16_BASE + 0xFFFE], FL_BASE
    mov word [S16_BASE + 0x0000], 0xFF00
    mov word [S16_BASE + 0x0002], SEL_S16U
    RESUME_AT b_done
    mov ax, SEL_UDATA
    mov ds, ax
    mov es, ax
    mov ax, SEL_S16
    mov ss, ax
    mov esp, 0x0005FFFA
    iretw
b_done:
    PRINT "iretw s16 wrap -> ring 3 s16:"
    call show

; --- IRETD from the flat ring-0 stack to ring 3 on a 16-bit stack ---------------------------
    call clear
    RESUME_AT c_done
    mov ax, SEL_UDATA
    mov ds, ax
    mov es, ax
    mov esp, 0x0007FF00
    push dword SEL_S16U
    push dword 0x1234FF00
    push dword FL_BASE
    push dword SEL_C16U
    push dword r3_record - $$
    iretd
c_done:
    PRINT "iretd s32 -> ring 3 s16:"
    call show

; --- Far RET (32-bit) from the flat ring-0 stack to ring 3 on a 16-bit stack: the same rule
; (SDM Vol.2B RET, RETURN-TO-OUTER-PRIVILEGE-LEVEL) -------------------------------------------
    call clear
    RESUME_AT r_done
    mov ax, SEL_UDATA
    mov ds, ax
    mov es, ax
    mov esp, 0x0007FF00
    push dword SEL_S16U
    push dword 0x5678FF00
    push dword 0x11111111           ; 8 bytes of parameters (RETF 8)
    push dword 0x22222222
    push dword SEL_C16U
    push dword r3_record - $$
    retf 8
r_done:
    PRINT "retf 8 s32 -> ring 3 s16:"
    call show

; --- INT from ring 3 with a 16-bit TSS as the current task ----------------------------------
    mov edi, TSS16
    mov ecx, 0x2C / 2
    xor eax, eax
    rep stosw
    mov eax, SEL_TSS16
    mov ebx, ((TSS16 & 0xFFFF) << 16) | 0x2B
    mov edx, (TSS16 & 0xFF000000) | 0x8100 | ((TSS16 >> 16) & 0xFF)
    call set_gdt_entry
    mov ax, SEL_TSS16
    ltr ax

    ; 16-bit gate, SS0 16-bit, SP0 = 8: the 10-byte frame wraps
    call clear
    mov word [TSS16 + 2], 0x0008
    mov word [TSS16 + 4], SEL_S16
    mov dword [frame_src], S16_BASE + 0xFFFC
    mov dword [frame_src2], S16_BASE
    mov ebx, r3_int16 - $$
    RESUME_AT d_done
    jmp to_ring3
d_done:
    PRINT "int 16-bit gate, 16-bit TSS, s16 sp0=0008:"
    call show_int
    DUMP sv_frame, 3

    ; 32-bit gate, SS0 16-bit, SP0 = 0x10: the 20-byte frame wraps
    call clear
    mov word [TSS16 + 2], 0x0010
    mov word [TSS16 + 4], SEL_S16
    mov dword [frame_src], S16_BASE + 0xFFFC
    mov dword [frame_src2], S16_BASE
    mov ebx, r3_int32 - $$
    RESUME_AT e_done
    jmp to_ring3
e_done:
    PRINT "int 32-bit gate, 16-bit TSS, s16 sp0=0010:"
    call show_int
    DUMP sv_frame, 5

    ; 32-bit gate, SS0 32-bit: ESP = SP0
    call clear
    mov word [TSS16 + 2], 0x8000
    mov word [TSS16 + 4], SEL_KDATA
    mov dword [frame_src], 0x7FEC
    mov dword [frame_src2], 0x7FF0
    mov ebx, r3_int32 - $$
    RESUME_AT f_done
    jmp to_ring3
f_done:
    PRINT "int 32-bit gate, 16-bit TSS, s32 sp0=8000:"
    call show_int
    DUMP sv_frame, 5

    ; 16-bit gate, SS0 32-bit
    call clear
    mov word [TSS16 + 2], 0x8000
    mov word [TSS16 + 4], SEL_KDATA
    mov dword [frame_src], 0x7FF4
    mov dword [frame_src2], 0x7FF8
    mov ebx, r3_int16 - $$
    RESUME_AT g_done
    jmp to_ring3
g_done:
    PRINT "int 16-bit gate, 16-bit TSS, s32 sp0=8000:"
    call show_int
    DUMP sv_frame, 3

    ; back to the 32-bit TSS (SDM Vol.3 7.2.4: LTR needs an available TSS)
    and byte [GDT_RAM + SEL_TSS + 5], ~2
    mov ax, SEL_TSS
    ltr ax
    PRINT "16-bit TSS type after: "
    HEX8 byte [GDT_RAM + SEL_TSS16 + 5]
    NL
    jmp finish

; to_ring3: IRETD to SEL_C16U:EBX with SS:ESP = SEL_UDATA:R3_ESP, DS = ES = SEL_UDATA
to_ring3:
    mov ax, SEL_UDATA
    mov ds, ax
    mov es, ax
    push dword SEL_UDATA
    push dword R3_ESP
    push dword FL_BASE
    push dword SEL_C16U
    push ebx
    iretd

; clear: zero the saved values and fill S16_BASE + 0xFFE0 .. 0x1001F and 0x7FE0 .. 0x7FFF
clear:
    push eax
    push ecx
    push edi
    mov edi, sv_esp
    mov ecx, 12
    xor eax, eax
    rep stosd
    mov edi, S16_BASE + 0xFFE0
    mov ecx, 16
    mov eax, 0xA5A5A5A5
    rep stosd
    mov edi, S16_BASE
    mov ecx, 8
    rep stosd
    mov edi, 0x7FE0
    mov ecx, 8
    rep stosd
    pop edi
    pop ecx
    pop eax
    ret

show:
    PRINT " esp="
    HEX32 [sv_esp]
    PRINT " ss="
    HEX16 word [sv_ss]
    NL
    ret

show_int:
    PRINT " r0 esp="
    HEX32 [sv_r0esp]
    PRINT " ss="
    HEX16 word [sv_r0ss]
    PRINT " back in ring 3 esp="
    HEX32 [sv_after]
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

; Ring-3 code (SEL_C16U, 32-bit code at offsets below 64 KiB), DS = SEL_UDATA
r3_record:
    mov [sv_esp], esp
    mov eax, ss
    mov [sv_ss], eax
    int 0x3F

r3_int16:
    int VEC_G16
    mov [sv_after], esp
    int 0x3F

r3_int32:
    int VEC_G32
    mov [sv_after], esp
    int 0x3F

; COPY_FRAME: ESP and SS at the handler's entry, 5 dwords of frame (DS = ES =
; SEL_UDATA, usable at CPL 0)
%macro COPY_FRAME 0
    mov [sv_r0esp], esp
    mov eax, ss
    mov [sv_r0ss], eax
    mov esi, [frame_src]
    mov edi, sv_frame
    movsd
    mov esi, [frame_src2]
    mov ecx, 4
    rep movsd
%endmacro

; 16-bit gate handler (SEL_C16, ring 0): returns by IRETW
g16_handler:
    COPY_FRAME
    iretw

; 32-bit gate handler (flat, ring 0): returns by IRETD
g32_handler:
    COPY_FRAME
    iretd
%include "lib/end.inc"
