; Prints the boot seed the kernel was given (kernel_info INFO_BOOT_SEED) and the KIP's
; address (INFO_KIP_ADDRESS), as "seed 0x... kip 0x...".

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

main:
    print "seed "
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_BOOT_SEED
    int VEC_SYSCALL_INT
    call print_hex
    print " kip "
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_KIP_ADDRESS
    int VEC_SYSCALL_INT
    call print_hex
    print 10
    xor ebx, ebx
    jmp exit
