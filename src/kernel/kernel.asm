; The i386 Lab guest microkernel: one flat Multiboot image, assembled from this file.
;
; Each concern lives in its own file, included below in the order the image is laid out.
; Every number shared with the host (syscall numbers, KIP layout, selectors, addresses)
; comes from abi.inc, which the host renders from src/kernel/abi.ts.
;
; Everything the kernel writes (its variables, the GDT, TSS and IDT) is in section .data,
; which NASM's flat binary places after all the code (.text) on a page of its own: a store
; never lands beside decoded instructions, so an emulator that watches code for
; self-modification has nothing to throw away, and the image reads as code, then data.
;
; Register conventions inside the kernel: EBP points at the trap frame being serviced
; (layout in frame.inc); helpers document their own inputs and outputs; DS = ES = the flat
; user data selector (DPL 3 data may be used at CPL 0, SDM Vol.3 5.6) so no segment needs
; reloading on the way back to ring 3.

bits 32
%include "abi.inc"
%include "frame.inc"

org MB_KERNEL_LOAD
section .data align=4096
section .text
image_start:

%include "boot.asm"
%include "console.asm"
%include "hostio.asm"
%include "cmdline.asm"
%include "gdt.asm"
%include "traps.asm"
%include "detect.asm"
%include "timer.asm"
%include "mm.asm"
%include "sched.asm"
%include "fpu.asm"
%include "syscalls.asm"
%include "linux.asm"
%include "linux_io.asm"
%include "linux_tls.asm"
%include "linux_vdso.asm"
%include "linux_mm.asm"
%include "linux_proc.asm"
%include "linux_signal.asm"
%include "linux_sigframe.asm"
%include "linux_itimer.asm"
%include "linux_time.asm"
%include "linux_shm.asm"
%include "linux_cow.asm"
%include "linux_shmcache.asm"
%include "linux_misc.asm"
%include "linux_fs.asm"
%include "kip.asm"
%include "loader.asm"
%include "linux_fork.asm"
%include "linux_wait.asm"
%include "linux_exec.asm"
%include "linux_restart.asm"
%include "linux_stop.asm"
%include "linux_select.asm"
%include "linux_sigwait.asm"
%include "linux_thread.asm"
%include "linux_futex.asm"

; Zero-initialised memory follows the image; the Multiboot loader clears it (bss_end_addr)
; and boot clears it again, so nothing depends on the loader doing so.
section .data
align 4096, db 0
image_end:

BSS_START        equ image_end
PAGE_DIRECTORY   equ BSS_START                      ; 1 page
KERNEL_TABLES    equ BSS_START + 0x1000             ; 4 pages: identity map of 16 MiB
KSTACK_BOTTOM    equ BSS_START + 0x5000             ; 16 KiB, the only kernel stack
KSTACK_TOP       equ BSS_START + 0x9000
USER_FRAME       equ KSTACK_TOP - FRAME_SIZE        ; where every entry from ring 3 lands
TCB_TABLE        equ BSS_START + 0x9000             ; LIMIT_MAX_THREADS control blocks
BSS_END          equ TCB_TABLE + ((LIMIT_MAX_THREADS * TCB_SIZE + 0xFFF) & ~0xFFF)
