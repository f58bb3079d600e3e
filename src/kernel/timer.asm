; The 8259A interrupt controllers and the 8254 timer. IRQs are remapped to VEC_IRQ_BASE so
; they do not collide with CPU exceptions; only IRQ 0 (the timer) is unmasked.

PIC1_COMMAND equ 0x20
PIC1_DATA    equ 0x21
PIC2_COMMAND equ 0xA0
PIC2_DATA    equ 0xA1
PIC_EOI      equ 0x20
PIT_CHANNEL0 equ 0x40
PIT_COMMAND  equ 0x43

pic_init:
    mov al, 0x11                    ; ICW1: edge triggered, cascade, ICW4 follows; reads of the
                                    ; command port return the IRR from here on (cpu_clock)
    out PIC1_COMMAND, al
    out PIC2_COMMAND, al
    mov al, VEC_IRQ_BASE            ; ICW2: vector bases
    out PIC1_DATA, al
    mov al, VEC_IRQ_BASE + 8
    out PIC2_DATA, al
    mov al, 4                       ; ICW3: slave on IRQ 2
    out PIC1_DATA, al
    mov al, 2
    out PIC2_DATA, al
    mov al, 1                       ; ICW4: 8086 mode
    out PIC1_DATA, al
    out PIC2_DATA, al
    mov al, 0xFE                    ; masks: timer only
    out PIC1_DATA, al
    mov al, 0xFF
    out PIC2_DATA, al
    ret

; Channel 0, mode 2 (rate generator), LIMIT_TIMER_HZ interrupts per second.
pit_init:
    mov al, 0x34
    out PIT_COMMAND, al
    mov al, LIMIT_PIT_DIVISOR & 0xFF
    out PIT_CHANNEL0, al
    mov al, LIMIT_PIT_DIVISOR >> 8
    out PIT_CHANNEL0, al
    ret

; AX = the current count of channel 0 (latched), a cheap source of variation at boot.
pit_read_count:
    xor al, al
    out PIT_COMMAND, al
    in al, PIT_CHANNEL0
    mov ah, al
    in al, PIT_CHANNEL0
    xchg al, ah
    ret

; IRQ 0: count the tick, charge ring 3's time (linux_time.asm), wake sleepers, and preempt
; if ring 3 was interrupted.
timer_interrupt:
    inc dword [ticks]
    mov al, PIC_EOI
    out PIC1_COMMAND, al
    test dword [ebp + F_CS], 3
    jz .counted
    call acct_user
.counted:
    call wake_sleepers
    call alarm_check
    test dword [ebp + F_CS], 3
    jz .in_kernel
    jmp schedule
.in_kernel:
    ret

section .data
ticks dd 0
section .text
