; A user program in the style of the i386 Lab examples: ask the kernel how to make a system
; call with `lock nop`, survive a CPU where lock nop does nothing, then print and exit.
; region constants
%define SYS_EXIT   0
%define SYS_WRITE  1
KIP_MAGIC   equ 0x4B495020          ; "KIP "
STUB_OFFSET equ 12
; endregion

%macro syscall1 2                   ; number, argument
        mov     eax, %1
        mov     ebx, %2
        call    [stub]
%endmacro

        bits 32
        section .text
        global  _start
_start:
        xor     eax, eax            ; preset: early i386 parts run lock nop as a nop
        lock nop                    ; F0 90: #UD, the kernel answers in EAX..ESI
        test    eax, eax
        jz      .fallback
        cmp     dword [eax], KIP_MAGIC
        jne     .fallback
        mov     edx, [eax + STUB_OFFSET]
        add     edx, eax
        mov     [stub], edx
        jmp     short .ready
.fallback:
        mov     dword [stub], int_stub
.ready:
        mov     ecx, msg
        mov     edx, msg.len
        mov     eax, SYS_WRITE
        call    [stub]
        syscall1 SYS_EXIT, 0

int_stub:
        int     0x30
        ret

        section .data
msg:    db      `Hello from user mode\n`
.len    equ     $ - msg
stub:   dd      0
        align   4, db 0
table:  times 4 dd 0FFFF_FFFFh
