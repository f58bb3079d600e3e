; Virtual-8086 mode: entered by IRET with EFLAGS.VM = 1, left by interrupts and exceptions to
; the ring-0 monitor, resumed by IRET.
; SDM Vol.3 20.2.1 / IRET (Vol.2A): IRET at CPL 0 with VM = 1 in the popped EFLAGS pops
; EIP CS EFLAGS ESP SS ES DS FS GS and runs at CPL 3 with real-mode addressing.
; SDM Vol.3 20.3.1.1 (Figure 20-5): an interrupt or exception from V86 mode through a 32-bit
; gate to ring 0 pushes GS FS DS ES SS ESP EFLAGS CS EIP on the ring-0 stack and loads GS FS
; DS ES with 0. SDM Vol.3 20.2.7: CLI, STI, PUSHF, POPF, INT n, IRET are IOPL-sensitive:
; with IOPL < 3 they raise #GP(0). SDM Vol.3 20.2.8.1: IN/OUT in V86 mode always consult
; the I/O permission bitmap, whatever IOPL (port E9 is allowed, port 80 is not).
%include "lib/start.inc"

V86_SS  equ 0x6000
V86_SP  equ 0xFFF0

main:
    mov eax, 0x31
    mov ebx, v86_int31
    mov cl, GATE_INT3
    mov dx, SEL_KCODE
    call set_gate
    RESUME_AT iopl0
    mov ebx, v86_iopl3 - $$
    mov ecx, FL_BASE | FL_VM | FL_IOPL3
    call enter_v86

; IRET to F000:BX with the given EFLAGS (ECX), all data segments 0.
enter_v86:
    push dword 0                    ; GS
    push dword 0                    ; FS
    push dword 0                    ; DS
    push dword 0                    ; ES
    push dword V86_SS
    push dword V86_SP
    push ecx
    push dword 0xF000
    push ebx
    iret

iopl0:
    RESUME_AT done
    mov ebx, v86_iopl0 - $$
    mov ecx, FL_BASE | FL_VM
    call enter_v86
done:
    jmp finish

; Ring-0 handler of INT 31h from V86 mode: shows the frame and the zeroed segment registers.
v86_int31:
    push ebp
    mov ebp, esp
    push ds
    push es
    push fs
    push gs
    mov ax, SEL_KDATA
    mov ds, ax
    PRINT "monitor: ds="
    HEX16 word [ebp - 4]
    PRINT " es="
    HEX16 word [ebp - 8]
    PRINT " fs="
    HEX16 word [ebp - 12]
    PRINT " gs="
    HEX16 word [ebp - 16]
    PRINT " cs="
    mov eax, cs
    HEX16 ax
    NL
    PRINT "  frame eip="
    HEX32 [ebp + 4]
    PRINT " cs="
    HEX16 word [ebp + 8]
    PRINT " eflags="
    HEXFLAGS [ebp + 12]
    NL
    PRINT "  esp="
    HEX32 [ebp + 16]
    PRINT " ss="
    HEX16 word [ebp + 20]
    PRINT " es="
    HEX16 word [ebp + 24]
    PRINT " ds="
    HEX16 word [ebp + 28]
    PRINT " fs="
    HEX16 word [ebp + 32]
    PRINT " gs="
    HEX16 word [ebp + 36]
    NL
    pop gs
    pop fs
    pop es
    pop ds
    pop ebp
    iret

    bits 16
; V86 code, running at F000:xxxx with IOPL 3 on the first entry and IOPL 0 on the second.
v86_iopl3:
    call v86_segments
    mov si, msg_v86 - $$
    call print16
    mov ax, 0x5678
    mov bx, 0x1234
    int 0x31
    mov si, msg_back - $$
    call print16
    mov si, msg_port80 - $$
    call print16
    mov dword [es:skip_to], v86_after_in - $$
    in al, 0x80
v86_after_in:
    int 0x3F

v86_iopl0:
    call v86_segments
    mov si, msg_iopl0 - $$
    call print16
    mov dword [es:skip_to], v86_sti - $$
    cli
v86_sti:
    mov dword [es:skip_to], v86_pushf - $$
    sti
v86_pushf:
    mov dword [es:skip_to], v86_int - $$
    pushf
v86_int:
    mov si, msg_int - $$
    call print16
    int 0x31
    ; the monitor's default handler continues in ring 0 at [resume]

; DS = code segment (strings), ES = 0 (the monitor's variables)
v86_segments:
    mov ax, cs
    mov ds, ax
    xor ax, ax
    mov es, ax
    ret

; DS:SI = zero-terminated string
print16:
    lodsb
    test al, al
    jz .end
    out 0xE9, al
    jmp print16
.end:
    ret

msg_v86:    db "v86 mode, IOPL 3: int 31h", 10, 0
msg_back:   db "back in v86 mode", 10, 0
msg_port80: db "in from port 80 (bitmap bit set):", 10, 0
msg_iopl0:  db "v86 mode, IOPL 0: cli, sti, pushf", 10, 0
msg_int:    db "int 31h at IOPL 0:", 10, 0
    bits 32
%include "lib/end.inc"
