; Hostile: threads that attack the kernel. Each must end with a fault report while the
; kernel and the main thread carry on: jumps into kernel memory, writes to kernel memory and
; to the KIP, privileged instructions, far calls and interrupts the program may not use, a
; raw SYSENTER/SYSCALL with a kernel address as its stack, stack exhaustion.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

STACK_BYTES equ 0x2000

main:
    call ask_kernel
    ; The first map() is at ADDR_MAP_BASE, with nothing mapped below: the recursing
    ; thread runs into unmapped memory.
    mov eax, SYS_MAP
    mov ebx, STACK_BYTES
    call [syscall_entry]
    add eax, STACK_BYTES
    mov [recursion_stack], eax
    mov esi, attacks
.next:
    mov ebx, [esi]
    test ebx, ebx
    jz .done
    mov ecx, [recursion_stack]
    cmp ebx, recurse
    je .start
    push esi
    mov eax, SYS_MAP
    mov ebx, STACK_BYTES
    call [syscall_entry]
    pop esi
    lea ecx, [eax + STACK_BYTES]
.start:
    mov eax, SYS_THREAD_CREATE
    mov ebx, [esi]
    xor edx, edx
    call [syscall_entry]
    test eax, eax
    js .failed
    inc dword [started]
.wait:
    mov eax, SYS_SLEEP
    mov ebx, 1
    call [syscall_entry]
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_THREAD_COUNT
    call [syscall_entry]
    cmp eax, 1
    jne .wait
    add esi, 4
    jmp .next
.done:
    print "kernel-attacks: "
    mov eax, [started]
    call print_dec
    print " attacks, survived", 10
    xor ebx, ebx
    jmp exit
.failed:
    print "kernel-attacks: thread_create failed", 10
    mov ebx, 1
    jmp exit

attacks:
    dd jump_into_kernel, write_kernel, write_kip, load_cr3, out_port, int_timer_vector
    dd far_call_kernel, lgdt_attempt, raw_sysenter, raw_syscall, iret_to_ring0, recurse, 0

jump_into_kernel:
    mov eax, MB_KERNEL_LOAD
    jmp eax
write_kernel:
    mov dword [MB_KERNEL_LOAD], 0xDEADBEEF
write_kip:
    mov eax, [kip]
    mov dword [eax + KIP_MECHANISM], 0
load_cr3:
    xor eax, eax
    mov cr3, eax
out_port:
    mov al, 0
    out PORT_POWER_OFF, al
int_timer_vector:
    int VEC_IRQ_BASE
far_call_kernel:
    call SEL_KERNEL_CODE:MB_KERNEL_LOAD
lgdt_attempt:
    lgdt [attacks]
raw_sysenter:
    mov ebp, MB_KERNEL_LOAD             ; the "user stack" SYSENTER's kernel side reads
    mov eax, SYS_KERNEL_INFO
    db 0x0F, 0x34                       ; sysenter (#UD where the CPU lacks it)
    ud2
raw_syscall:
    mov eax, SYS_KERNEL_INFO
    mov esp, MB_KERNEL_LOAD
    db 0x0F, 0x05                       ; syscall (#UD where it is not enabled)
    ud2
iret_to_ring0:
    pushfd
    push dword SEL_KERNEL_CODE
    push dword MB_KERNEL_LOAD
    iretd
recurse:
    push eax
    call recurse

started         dd 0
recursion_stack dd 0
