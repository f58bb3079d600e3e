; shared-page: the Windows XP way. Boot with discovery=shared-page: the kernel maps its
; interface page read-only at the constant address ADDR_SHARED_PAGE (XP's SharedUserData)
; and the program calls the stub at ADDR_SHARED_PAGE + KIP_STUB without asking anything.
; The line below asks `i386-lab run`, F5 and "i386: Run program" for that boot option.
; i386-lab: --discovery shared-page

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

SHARED_STUB equ ADDR_SHARED_PAGE + KIP_STUB

main:
    mov dword [syscall_entry], SHARED_STUB
    print "shared-page: stub at "
    mov eax, SHARED_STUB
    call print_hex
    print ", mechanism "
    mov eax, [ADDR_SHARED_PAGE + KIP_MECHANISM]
    call print_mechanism
    print ", KIP says it lives at "
    mov eax, [ADDR_SHARED_PAGE + KIP_SELF]
    call print_hex
    print 10
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_KIP_ADDRESS
    call SHARED_STUB
    cmp eax, ADDR_SHARED_PAGE
    jne .wrong
    print "shared-page: hello through the constant address", 10
    xor ebx, ebx
    jmp exit
.wrong:
    print "shared-page: kernel_info disagrees about the KIP address", 10
    mov ebx, 1
    jmp exit
