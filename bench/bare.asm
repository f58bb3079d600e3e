; Bare-machine wrapper for a bench workload (the emulator): a flat image loaded at 1 MiB and
; entered in flat 32-bit mode at CPL0. Runs the workload ITERATIONS times and halts with
; the checksum in EAX (pc.inc: also reported on port 0xE9; the image boots on QEMU's PC too).
bits 32
org 0x100000

start:
        mov esp, 0x1F0000       ; stack below the work area (RAM on a PC too, unlike 0xF0000-0xFFFFF)
        mov ecx, ITERATIONS
        call work
        jmp finish

buf     equ 0x200000            ; work area for the workload (256 KiB at 2 MiB)

%include "pc.inc"
%include WORKLOAD
