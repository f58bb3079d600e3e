; The vDSO of a Linux program: one read-only page at LINUX_VDSO holding a small ELF shared
; object (System V gABI: ELF header, PT_LOAD and PT_DYNAMIC, a SysV hash table, one symbol
; with symbol versioning) whose only export is `__kernel_vsyscall` (version LINUX_2.5, as
; Linux i386 names it). Its code is the system-call path the kernel advertises for this
; CPU (the same choice as the KIP's stub): SYSENTER, SYSCALL, the call gate, or int 0x80.
; AT_SYSINFO is the code's address, AT_SYSINFO_EHDR the page's, and e_entry is the code too
; (glibc falls back to it). The image is linked at its address (p_vaddr = LINUX_VDSO), so a
; loader's bias is 0 and nothing in the read-only page needs relocating.
;
; The calling convention is Linux's: EAX = number, arguments in EBX, ECX, EDX, ESI, EDI, EBP.
; The SYSENTER and SYSCALL paths keep EBP (the sixth argument) on the user stack, where the
; kernel's Linux dispatch reads it (fast_common). After their fast instruction an `int 0x80`
; is where a call a signal interrupted is made again (linux_restart.asm; Linux's
; int80_landing_pad follows it): SYSEXIT resumes after it, the SYSCALL path jumps over it.

%define VDSO_AT(x) (LINUX_VDSO + ((x) - vdso_image))
DT_NULL     equ 0
DT_HASH     equ 4
DT_STRTAB   equ 5
DT_SYMTAB   equ 6
DT_STRSZ    equ 10
DT_SYMENT   equ 11
DT_VERSYM   equ 0x6FFFFFF0
DT_VERDEF   equ 0x6FFFFFFC
DT_VERDEFNUM equ 0x6FFFFFFD
SHN_ABS     equ 0xFFF1

; Maps the vDSO page and writes the image and the stub. CF set when out of memory.
vdso_init:
    mov eax, LINUX_VDSO
    xor edx, edx                        ; read-only for ring 3
    call map_user_page
    jc .done
    lea edi, [PHYS(eax)]
    mov esi, vdso_image
    mov ecx, vdso_image_end - vdso_image
    rep movsb
    lea edi, [PHYS(eax) + (vdso_code - vdso_image)]
    mov ebx, [mechanism]
    mov esi, [vdso_stubs + ebx * 8]
    mov ecx, [vdso_stubs + ebx * 8 + 4]
    sub ecx, esi
    mov [PHYS(eax) + (vdso_symbol_size - vdso_image)], ecx
    rep movsb
    mov dword [vdso_address], LINUX_VDSO
    mov dword [vdso_entry], VDSO_AT(vdso_code)
    cmp ebx, MECH_SYSENTER
    jne .mapped
    mov dword [sysenter_return], VDSO_AT(vdso_code) + (vdso_sysenter_resume - vdso_sysenter)
.mapped:
    clc
.done:
    ret

; The stubs, one per mechanism (index = MECH_*).
vdso_int:
    int LINUX_VECTOR
    ret
vdso_int_end:
vdso_call_gate:
    call SEL_CALL_GATE:0
    ret
vdso_call_gate_end:
vdso_sysenter:
    push ecx
    push edx
    push ebp
    mov ebp, esp
    sysenter
    int LINUX_VECTOR                    ; a call made again after a signal comes in here (EIP - 2)
vdso_sysenter_resume:
    pop ebp
    pop edx
    pop ecx
    ret
vdso_sysenter_end:
vdso_syscall:
    push ecx
    push ebp
    mov ebp, ecx
    syscall
vdso_syscall_resume:
    jmp short vdso_syscall_pad
vdso_syscall_restart:
    int LINUX_VECTOR                    ; a call made again after a signal comes in here
vdso_syscall_pad:
    pop ebp
    pop ecx
    ret
vdso_syscall_end:

vdso_stubs:
    dd vdso_int, vdso_int_end
    dd vdso_call_gate, vdso_call_gate_end
    dd vdso_sysenter, vdso_sysenter_end
    dd vdso_syscall, vdso_syscall_end

; The image (the stub goes at vdso_code).
align 4
vdso_image:
    db 0x7F, "ELF", 1, 1, 1, 0          ; ELFCLASS32, ELFDATA2LSB, EV_CURRENT, System V
    times 8 db 0
    dw 3                                ; ET_DYN
    dw 3                                ; EM_386
    dd 1                                ; EV_CURRENT
    dd VDSO_AT(vdso_code)               ; e_entry
    dd vdso_phdrs - vdso_image          ; e_phoff
    dd 0                                ; e_shoff: no section headers
    dd 0                                ; e_flags
    dw 52, 32, 2                        ; e_ehsize, e_phentsize, e_phnum
    dw 40, 0, 0                         ; e_shentsize, e_shnum, e_shstrndx
vdso_phdrs:
    dd 1, 0, LINUX_VDSO, LINUX_VDSO     ; PT_LOAD: the page, read + execute
    dd PAGE, PAGE, 5, PAGE
    dd 2, vdso_dynamic - vdso_image     ; PT_DYNAMIC, read
    dd VDSO_AT(vdso_dynamic), VDSO_AT(vdso_dynamic)
    dd vdso_dynamic_end - vdso_dynamic, vdso_dynamic_end - vdso_dynamic, 4, 4
vdso_dynamic:
    dd DT_HASH, VDSO_AT(vdso_hash)
    dd DT_STRTAB, VDSO_AT(vdso_strings)
    dd DT_SYMTAB, VDSO_AT(vdso_symbols)
    dd DT_STRSZ, vdso_strings_end - vdso_strings
    dd DT_SYMENT, 16
    dd DT_VERSYM, VDSO_AT(vdso_versym)
    dd DT_VERDEF, VDSO_AT(vdso_verdef)
    dd DT_VERDEFNUM, 2
    dd DT_NULL, 0
vdso_dynamic_end:
vdso_hash:
    dd 1, 2                             ; nbucket, nchain
    dd 1                                ; bucket 0: symbol 1
    dd 0, 0                             ; chains end
vdso_symbols:
    dd 0, 0, 0, 0                       ; STN_UNDEF
    dd vdso_name_vsyscall - vdso_strings
    dd VDSO_AT(vdso_code)
vdso_symbol_size:
    dd 0                                ; the stub's length, written by vdso_init
    db 0x12, 0                          ; STB_GLOBAL, STT_FUNC; default visibility
    dw SHN_ABS
vdso_versym:
    dw 0, 2                             ; __kernel_vsyscall is LINUX_2.5
align 4
vdso_verdef:
    dw 1, 1, 1, 1                       ; version 1, VER_FLG_BASE, index 1, one aux
    dd 0x0DEEBFA1                       ; ELF hash of "linux-vdso.so.1"
    dd 20, 28                           ; vd_aux, vd_next
    dd vdso_name_soname - vdso_strings, 0
    dw 1, 0, 2, 1                       ; version 1, index 2, one aux
    dd 0x03AE75F5                       ; ELF hash of "LINUX_2.5"
    dd 20, 0
    dd vdso_name_version - vdso_strings, 0
vdso_strings:
    db 0
vdso_name_vsyscall db "__kernel_vsyscall", 0
vdso_name_soname   db "linux-vdso.so.1", 0
vdso_name_version  db "LINUX_2.5", 0
vdso_strings_end:
align 16
vdso_code:
vdso_image_end:

section .data
vdso_address dd 0                       ; AT_SYSINFO_EHDR (0: no vDSO, a flat program)
vdso_entry   dd 0                       ; AT_SYSINFO
section .text
