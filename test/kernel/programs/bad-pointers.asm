; Hostile: every system call with bad pointers, lengths and numbers, through the advertised
; entry and through int 0x80. Each must return its error code; the kernel must not fault.
; Prints "ok NAME" per check, "FAIL NAME got VALUE" otherwise, then "bad-pointers: survived".
; Every check runs on every CPU: where `lock nop` gets no answer (the early i386), the KIP's
; address comes from kernel_info, so the checks that aim at the KIP run there too.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

; check NAME, EXPECTED: compares EAX with EXPECTED and reports.
%macro check 2
    cmp eax, %2
    je %%ok
    print "FAIL ", %1, " got "
    call print_hex
    print 10
    inc dword [failures]
    jmp %%done
%%ok:
    print "ok ", %1, 10
%%done:
%endmacro

; native NUMBER, EBX, ECX, EDX
%macro native 4
    mov eax, %1
    mov ebx, %2
    mov ecx, %3
    mov edx, %4
    call [syscall_entry]
%endmacro

; linux NUMBER, EBX, ECX, EDX, ESI
%macro linux 5
    mov eax, %1
    mov ebx, %2
    mov ecx, %3
    mov edx, %4
    mov esi, %5
    int LINUX_VECTOR
%endmacro

UNMAPPED equ 0x30000000

main:
    call ask_kernel
    jnc .asked
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_KIP_ADDRESS
    int VEC_SYSCALL_INT
    mov [kip], eax
.asked:
    native SYS_WRITE, 0, 10, 0
    check "write null", E_FAULT
    native SYS_WRITE, MB_KERNEL_LOAD, 16, 0
    check "write kernel memory", E_FAULT
    native SYS_WRITE, 0xFFFFF000, 0x2000, 0
    check "write wrapping length", E_FAULT
    native SYS_WRITE, ADDR_USER_END - 1, 2, 0
    check "write across the user end", E_FAULT
    native SYS_WRITE, UNMAPPED, 1, 0
    check "write unmapped", E_FAULT
    native SYS_WRITE, main, 0x7FFFFFFF, 0
    check "write huge length", E_INVAL
    native SYS_WRITE, main, 0, 0
    check "write zero bytes", 0
    native SYS_MAP, 0, 0, 0
    check "map zero", E_INVAL
    native SYS_MAP, 0xFFFFFFFF, 0, 0
    check "map 4 GiB", E_NOMEM
    native SYS_MAP, 0x7FFFFFFF, 0, 0
    check "map 2 GiB", E_NOMEM
    native SYS_UNMAP, MB_KERNEL_LOAD, PAGE_SIZE, 0
    check "unmap kernel memory", E_INVAL
    native SYS_UNMAP, ADDR_MAP_BASE + 1, 1, 0
    check "unmap unaligned", E_INVAL
    native SYS_UNMAP, 0xFFFFF000, 0x2000, 0
    check "unmap wrapping", E_INVAL
    native SYS_THREAD_CREATE, MB_KERNEL_LOAD, ADDR_STACK_TOP - 64, 0
    check "thread in kernel memory", E_FAULT
    native SYS_THREAD_CREATE, main, 0, 0
    check "thread with null stack", E_FAULT
    native SYS_THREAD_CREATE, main, 0xFFFFFFF0, 0
    check "thread with kernel stack", E_FAULT
    native SYS_SLEEP, 0xFFFFFFFF, 0, 0
    check "sleep forever", E_INVAL
    native SYS_KERNEL_INFO, 99, 0, 0
    check "kernel_info unknown", E_INVAL
    native 999, 0, 0, 0
    check "syscall 999", E_NOSYS
    native -1, 0, 0, 0
    check "syscall -1", E_NOSYS
    mov eax, SYS_WRITE
    mov ebx, MB_KERNEL_LOAD
    mov ecx, 4
    int VEC_SYSCALL_INT
    check "int 0x30 write kernel memory", E_FAULT

    linux LINUX_SYS_WRITE, 1, MB_KERNEL_LOAD, 10, 0
    check "linux write kernel memory", -LINUX_EFAULT
    linux LINUX_SYS_WRITE, 5, main, 1, 0
    check "linux write bad fd", -LINUX_EBADF
    linux LINUX_SYS_UNAME, MB_KERNEL_LOAD, 0, 0, 0
    check "linux uname kernel memory", -LINUX_EFAULT
    mov ebx, [kip]
    linux LINUX_SYS_UNAME, ebx, 0, 0, 0
    check "linux uname into the KIP", -LINUX_EFAULT
    mov ecx, [kip]
    linux LINUX_SYS_CLOCK_GETTIME, 0, ecx, 0, 0
    check "linux clock_gettime into the KIP", -LINUX_EFAULT
    linux LINUX_SYS_CLOCK_GETTIME, 0, 0, 0, 0
    check "linux clock_gettime null", -LINUX_EFAULT
    linux LINUX_SYS_MMAP2, 0, 4096, 3, 0x02
    check "linux mmap2 of a file", -LINUX_ENODEV        ; fd 0 (console) cannot be mapped
    linux LINUX_SYS_MUNMAP, MB_KERNEL_LOAD, 4096, 0, 0
    check "linux munmap kernel memory", -LINUX_EINVAL
    linux 9999, 0, 0, 0, 0
    check "linux syscall 9999", -LINUX_ENOSYS
    linux LINUX_SYS_BRK, 0, 0, 0, 0
    mov [brk_now], eax
    linux LINUX_SYS_BRK, 0xFFFFF000, 0, 0, 0
    check "linux brk to the top", [brk_now]

    print "bad-pointers: survived", 10
    mov ebx, [failures]
    jmp exit

PAGE_SIZE equ 4096
failures dd 0
brk_now  dd 0
