; early-i386-fallback: what a careful program does on every CPU. On some early i386
; steppings LOCK NOP executes as a plain NOP: no #UD, no answer. The program presets EAX to 0
; before `lock nop`; if EAX is still 0 afterwards, nobody answered and it falls back to
; `int 0x30`, which works on every model.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

main:
    call ask_kernel
    jc .fallback
    print "early-i386-fallback: the kernel answered lock nop; mechanism "
    mov eax, [kip]
    mov eax, [eax + KIP_MECHANISM]
    call print_mechanism
    print 10
    jmp .both
.fallback:
    print "early-i386-fallback: lock nop did nothing (EAX still 0); falling back to int 0x30", 10
.both:
    ; int 0x30 directly, whatever discovery found.
    mov eax, SYS_WRITE
    mov ebx, via_int
    mov ecx, via_int_end - via_int
    int VEC_SYSCALL_INT
    cmp eax, via_int_end - via_int
    jne .failed
    mov eax, SYS_WRITE
    mov ebx, via_entry
    mov ecx, via_entry_end - via_entry
    call [syscall_entry]
    xor ebx, ebx
    jmp exit
.failed:
    mov ebx, 1
    jmp exit

via_int: db "early-i386-fallback: hello via int 0x30", 10
via_int_end:
via_entry: db "early-i386-fallback: hello via the chosen entry", 10
via_entry_end:
