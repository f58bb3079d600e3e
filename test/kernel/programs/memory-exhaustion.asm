; Hostile: take every page the kernel has with map() and brk, then give it back and take it
; again. The kernel refuses with E_NOMEM (Linux: brk stays put) and keeps working: write
; still works while memory is gone, and everything unmapped can be mapped once more.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

CHUNK equ 0x100000                      ; 1 MiB per map()

main:
    call ask_kernel
    call grab_all
    mov [first_round], eax
    ; Memory is gone: the console must still work, and brk must refuse politely.
    print "memory-exhaustion: all memory mapped", 10
    mov eax, LINUX_SYS_BRK
    xor ebx, ebx
    int LINUX_VECTOR
    mov esi, eax
    lea ebx, [eax + CHUNK]
    mov eax, LINUX_SYS_BRK
    int LINUX_VECTOR
    cmp eax, esi
    jne .failed
    ; Give everything back and take it again: the same amount must come back.
    mov ecx, [chunks]
    mov ebx, ADDR_MAP_BASE
    mov eax, SYS_UNMAP
    imul ecx, ecx, CHUNK
    call [syscall_entry]
    test eax, eax
    jnz .failed
    mov dword [chunks], 0
    call grab_all
    cmp eax, [first_round]
    jne .failed
    print "memory-exhaustion: "
    mov eax, [first_round]
    call print_dec
    print " MiB mapped twice, survived", 10
    xor ebx, ebx
    jmp exit
.failed:
    print "memory-exhaustion: the kernel misbehaved", 10
    mov ebx, 1
    jmp exit

; Maps 1 MiB chunks until E_NOMEM; the chunks must be contiguous from ADDR_MAP_BASE the
; first time. EAX = chunks mapped.
grab_all:
    mov eax, SYS_MAP
    mov ebx, CHUNK
    call [syscall_entry]
    cmp eax, E_NOMEM
    je .done
    test eax, eax
    js .odd
    mov dword [eax + CHUNK - 4], 0x5A5A5A5A   ; the memory is really there
    inc dword [chunks]
    jmp grab_all
.done:
    mov eax, [chunks]
    ret
.odd:
    print "memory-exhaustion: map failed with "
    call print_hex
    print 10
    mov ebx, 1
    jmp exit

chunks       dd 0
first_round  dd 0
