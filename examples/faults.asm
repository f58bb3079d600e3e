; faults: user faults end only the faulting thread. Each worker thread commits one fault;
; the kernel prints a one-line report (vector, error code, EIP, CR2) and carries on, and
; the main thread, still running, says so at the end.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

STACK_BYTES equ 0x1000

main:
    call ask_kernel
    mov esi, culprits
.next:
    mov ebx, [esi]
    test ebx, ebx
    jz .done
    push esi
    mov eax, SYS_MAP
    mov ebx, STACK_BYTES
    call [syscall_entry]
    pop esi
    mov ecx, eax
    add ecx, STACK_BYTES
    mov eax, SYS_THREAD_CREATE
    mov ebx, [esi]
    xor edx, edx
    call [syscall_entry]
    ; Let it run and fault before starting the next one, so the reports come in order.
    mov eax, SYS_SLEEP
    mov ebx, 2
    call [syscall_entry]
    add esi, 4
    jmp .next
.done:
    print "faults: main thread still running after 5 faults", 10
    xor ebx, ebx
    jmp exit

culprits dd divide_by_zero, touch_kernel, write_read_only, privileged, undefined, 0

divide_by_zero:                     ; #DE
    xor ecx, ecx
    div ecx
touch_kernel:                       ; #PF, error 5: user read of a supervisor page
    mov eax, [MB_KERNEL_LOAD]
write_read_only:                    ; #PF, error 7: user write to the read-only KIP
    mov eax, [kip]
    mov [eax], eax
privileged:                         ; #GP: CLI at CPL 3 with IOPL 0
    cli
undefined:                          ; #UD that is not lock nop
    ud2
