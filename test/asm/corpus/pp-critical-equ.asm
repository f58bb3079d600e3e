; NASM preprocesses and assembles line by line: an EQU constant of an earlier line is a number
; for %if, %assign and %rep, a register or a label a term %if can compare with = and !=, and
; %assign of a difference of labels the bytes between them (test386.asm's style)
        bits 16
BASE    equ 0x20000
SEG1:   equ BASE >> 4
%assign BASE1 BASE + 0x100
%assign BASE2 SEG1 * 2
        dd BASE1, BASE2
COUNT   equ 3
%rep COUNT
        db COUNT
%endrep
%if COUNT > 2 && BASE = 0x20000
        db 'big'
%else
        db 'small'
%endif
DERIVED equ COUNT * 4 + SEG1
%if DERIVED = 3 * 4 + 0x2000
        dw DERIVED
%endif
%define ALIAS DERIVED
%assign TWICE ALIAS * 2
        dw TWICE

%macro segtest 1
%if %1 = cs
        db 0xc5
%elif %1 != ds
        db 0xee
%else
        db 0xd5
%endif
%endmacro
        segtest cs
        segtest ds
        segtest es
        segtest ss
%macro regtest 2
%if %1 = %2
        db 1
%else
        db 0
%endif
%endmacro
        regtest eax, eax
        regtest eax, ax
        regtest bx, BX
        regtest bx, 5

%macro target 2
%if %2 = -1
        db 0xff
%else
        dw %2
%endif
%endmacro
here:   nop
        target x, -1
        target x, here
.local: nop
        target x, .local
        target x, here.local

code:
        mov ax, 1
.field: db 0x90
        jmp short code
.last:  dd 0
%assign fieldOff code.field - code
%assign lastOff  code.last - code
%assign both     code.last - code.field + 1
        mov byte [fieldOff], 0x90
        mov dword [lastOff + 2], 0x12345678
        mov cx, both
        dw fieldOff, lastOff
