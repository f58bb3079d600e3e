; Hostile: null pointers from ring 3. Page 0 is not mapped at all (the kernel's null guard),
; so a read, a write and a jump to address 0 each fault with P = 0 in the #PF error code
; (SDM Vol.3 4.7): 4, 6 and 4, CR2 = 0. Each culprit is its own thread; the main thread
; reports that it survived.

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
    print "null-pointers: 3 faults, survived", 10
    xor ebx, ebx
    jmp exit

culprits dd read_null, write_null, call_null, 0

read_null:
    mov eax, [0]
write_null:
    mov dword [0], 1
call_null:
    xor eax, eax
    call eax
