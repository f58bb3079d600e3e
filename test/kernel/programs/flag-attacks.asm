; Hostile: user EFLAGS that would trip a careless kernel. NT=1 makes a kernel IRET a task
; return; TF=1 makes the first kernel instruction after a call gate, SYSENTER or SYSCALL
; trap to #DB at CPL 0 (only interrupt gates clear TF and NT, SDM Vol.3 6.12.1.2). Each
; thread tries one through the advertised stub or the raw instruction; the kernel must
; survive every one and the main thread must see the end.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

EFLAGS_TF equ 0x100
EFLAGS_NT equ 0x4000
STACK_BYTES equ 0x2000

main:
    call ask_kernel
    mov esi, attacks
.next:
    mov ebx, [esi]
    test ebx, ebx
    jz .done
    ; Raw SYSENTER/SYSCALL only where the kernel armed them.
    mov eax, [esi + 4]
    test eax, eax
    js .start
    mov edx, [kip]
    test edx, edx
    jz .skip                            ; nobody answered lock nop: no KIP to ask
    bt dword [edx + KIP_MECHANISMS_AVAILABLE], eax
    jnc .skip
.start:
    push esi
    mov eax, SYS_MAP
    mov ebx, STACK_BYTES
    call [syscall_entry]
    pop esi
    lea ecx, [eax + STACK_BYTES]
    mov eax, SYS_THREAD_CREATE
    mov ebx, [esi]
    xor edx, edx
    call [syscall_entry]
.wait:
    mov eax, SYS_SLEEP
    mov ebx, 1
    call [syscall_entry]
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_THREAD_COUNT
    call [syscall_entry]
    cmp eax, 1
    jne .wait
    inc dword [tried]
.skip:
    add esi, 8
    jmp .next
.done:
    print "flag-attacks: "
    mov eax, [tried]
    call print_dec
    print " tried, survived", 10
    xor ebx, ebx
    jmp exit

; entry, mechanism it needs armed (-1: none)
attacks:
    dd nt_through_stub, -1
    dd tf_through_call_gate, -1
    dd nt_through_call_gate, -1
    dd tf_through_sysenter, MECH_SYSENTER
    dd nt_through_sysenter, MECH_SYSENTER
    dd tf_through_syscall, MECH_SYSCALL
    dd nt_through_syscall, MECH_SYSCALL
    dd 0, 0

%macro set_flag 1
    pushfd
    or dword [esp], %1
    popfd
%endmacro

nt_through_stub:
    set_flag EFLAGS_NT
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_TICKS
    call [syscall_entry]
    mov eax, SYS_THREAD_EXIT
    int VEC_SYSCALL_INT

tf_through_call_gate:
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_TICKS
    set_flag EFLAGS_TF
    call SEL_CALL_GATE:0
    mov eax, SYS_THREAD_EXIT
    int VEC_SYSCALL_INT

nt_through_call_gate:
    set_flag EFLAGS_NT
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_TICKS
    call SEL_CALL_GATE:0
    mov eax, SYS_THREAD_EXIT
    int VEC_SYSCALL_INT

tf_through_sysenter:
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_TICKS
    mov ebp, esp
    set_flag EFLAGS_TF
    sysenter

nt_through_sysenter:
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_TICKS
    mov ebp, esp
    set_flag EFLAGS_NT
    sysenter

tf_through_syscall:
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_TICKS
    set_flag EFLAGS_TF
    syscall
    mov eax, SYS_THREAD_EXIT
    int VEC_SYSCALL_INT

nt_through_syscall:
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_TICKS
    set_flag EFLAGS_NT
    syscall
    mov eax, SYS_THREAD_EXIT
    int VEC_SYSCALL_INT

tried dd 0
