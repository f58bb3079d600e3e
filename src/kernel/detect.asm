; CPU detection, the way kernels of the time did it, and the choice of the syscall mechanism.
;
; 1. EFLAGS.AC (bit 18) cannot be changed on a 386: if it sticks, the CPU is a 486 or later
;    (SDM Vol.1 3.4.3.3 and 19.1.2 "Using EFLAGS flags to distinguish between 32-bit IA-32
;    processors"; SDM Vol.3 22.17).
; 2. EFLAGS.ID (bit 21) can be changed exactly when CPUID exists (SDM Vol.1 3.4.3.3).
; 3. CPUID 0: vendor; CPUID 1: signature (EAX: stepping 3:0, model 7:4, family 11:8) and
;    feature bits (EDX); CPUID 80000000h/80000001h: AMD's extended features.
; 4. SEP (CPUID.1:EDX bit 11) is trusted on Intel parts only when the signature
;    family<<8 | model<<4 | stepping is at least 0x633: the Pentium Pro and the first
;    Pentium II steppings report SEP but have no working SYSENTER (SDM Vol.2B SYSENTER,
;    "Operation" note; Intel AP-485). SYSENTER also needs WRMSR (CPUID.1:EDX bit 5).
; 5. SYSCALL in legacy (32-bit) mode exists on AMD parts that set CPUID.80000001h:EDX
;    bit 11 (K6-2 and later; the early K6 used bit 10 and is not trusted). Intel parts
;    execute SYSCALL only in 64-bit mode, so the bit is believed on AMD only.

detect_cpu:
    mov dword [cpu_class], 3
    mov eax, EFLAGS_AC
    call eflags_bit_toggles
    jc .done
    or dword [cpu_flags], CPU_FLAG_AC_TOGGLES
    mov dword [cpu_class], 4
    mov eax, EFLAGS_ID
    call eflags_bit_toggles
    jc .done
    or dword [cpu_flags], CPU_FLAG_ID_TOGGLES

    xor eax, eax
    cpuid
    mov [cpu_max_leaf], eax
    mov [cpu_vendor], ebx
    mov [cpu_vendor + 4], edx
    mov [cpu_vendor + 8], ecx
    mov esi, cpu_vendor
    mov edi, vendor_intel
    mov ecx, 3
    repe cmpsd
    jne .not_intel
    or dword [cpu_flags], CPU_FLAG_INTEL
.not_intel:
    mov esi, cpu_vendor
    mov edi, vendor_amd
    mov ecx, 3
    repe cmpsd
    jne .not_amd
    or dword [cpu_flags], CPU_FLAG_AMD
.not_amd:
    cmp dword [cpu_max_leaf], 1
    jb .extended
    mov eax, 1
    cpuid
    mov [cpu_features], edx
    mov ebx, eax
    and ebx, 0xF
    mov [cpu_stepping], ebx
    mov ebx, eax
    shr ebx, 4
    and ebx, 0xF
    mov [cpu_model], ebx
    shr eax, 8
    and eax, 0xF
    mov [cpu_family], eax
    mov [cpu_class], eax
    shl eax, 8
    mov ebx, [cpu_model]
    shl ebx, 4
    or eax, ebx
    or eax, [cpu_stepping]
    mov [cpu_signature], eax

    test edx, CPUID_EDX_MSR
    jz .sep
    or dword [cpu_flags], CPU_FLAG_MSR
.sep:
    test edx, CPUID_EDX_TSC
    jz .sep_check
    or dword [cpu_flags], CPU_FLAG_TSC
.sep_check:
    test edx, CPUID_EDX_SEP
    jz .extended
    or dword [cpu_flags], CPU_FLAG_SEP_REPORTED
    test dword [cpu_flags], CPU_FLAG_INTEL
    jz .sep_trusted
    cmp dword [cpu_signature], CPUID_SEP_MIN_SIGNATURE
    jb .extended
.sep_trusted:
    or dword [cpu_flags], CPU_FLAG_SEP_TRUSTED

.extended:
    test dword [cpu_flags], CPU_FLAG_AMD
    jz .done
    mov eax, 0x80000000
    cpuid
    cmp eax, 0x80000001
    jb .done
    cmp eax, 0x8000FFFF
    ja .done
    mov eax, 0x80000001
    cpuid
    mov [cpu_ext_features], edx
    test edx, CPUID_EXT_EDX_SYSCALL
    jz .done
    or dword [cpu_flags], CPU_FLAG_SYSCALL_REPORTED
.done:
    ret

; EAX = one EFLAGS bit. CF clear when software can flip it. EFLAGS is restored.
eflags_bit_toggles:
    pushfd
    pop ecx
    mov edx, ecx
    xor edx, eax
    push edx
    popfd
    pushfd
    pop edx
    push ecx
    popfd
    xor edx, ecx
    test edx, eax
    jz .stuck
    clc
    ret
.stuck:
    stc
    ret

; Which mechanisms work on this CPU, and which one the KIP advertises: the boot option's
; if it works here, else the first of MECH_PREFERENCE that does.
choose_mechanism:
    mov dword [mechanisms_available], (1 << MECH_INT) | (1 << MECH_CALL_GATE)
    test dword [cpu_flags], CPU_FLAG_MSR
    jz .chosen_set
    test dword [cpu_flags], CPU_FLAG_SEP_TRUSTED
    jz .no_sep
    or dword [mechanisms_available], 1 << MECH_SYSENTER
.no_sep:
    test dword [cpu_flags], CPU_FLAG_SYSCALL_REPORTED
    jz .chosen_set
    or dword [mechanisms_available], 1 << MECH_SYSCALL
.chosen_set:
    mov eax, [forced_mechanism]
    cmp eax, -1
    je .by_preference
    bt dword [mechanisms_available], eax
    jc .take
    mov esi, msg_forced_missing
    call kputs
    mov esi, [mechanism_names + eax * 4]
    call kputs
    mov esi, msg_forced_missing_tail
    call kputs
    mov dword [forced_mechanism], -1
.by_preference:
    xor ecx, ecx
.next:
    movzx eax, byte [mechanism_preference + ecx]
    bt dword [mechanisms_available], eax
    jc .take
    inc ecx
    cmp ecx, MECH_PREFERENCE_COUNT
    jb .next
    mov eax, MECH_INT
.take:
    mov [mechanism], eax
    ret

; Programs the MSRs of every fast mechanism the CPU has, so any of them can be forced.
; SYSENTER: SDM Vol.3 5.8.7.1. SYSCALL: EFER.SCE and STAR (AMD APM Vol.2 6.1.1).
program_mechanisms:
    bt dword [mechanisms_available], MECH_SYSENTER
    jnc .syscall
    mov ecx, MSR_SYSENTER_CS
    xor edx, edx
    mov eax, SEL_KERNEL_CODE
    wrmsr
    mov ecx, MSR_SYSENTER_ESP
    mov eax, KSTACK_TOP
    wrmsr
    mov ecx, MSR_SYSENTER_EIP
    mov eax, sysenter_entry
    wrmsr
.syscall:
    bt dword [mechanisms_available], MECH_SYSCALL
    jnc .done
    mov ecx, MSR_EFER
    rdmsr
    or eax, MSR_EFER_SCE
    wrmsr
    mov ecx, MSR_STAR
    mov eax, syscall_entry
    mov edx, ((SEL_USER_CODE & ~3) << 16) | SEL_KERNEL_CODE
    wrmsr
.done:
    ret

mechanism_preference db MECH_PREFERENCE
mechanism_names dd name_int, name_callgate, name_sysenter, name_syscall
name_int        db "int", 0
name_callgate   db "callgate", 0
name_sysenter   db "sysenter", 0
name_syscall    db "syscall", 0
vendor_intel    db "GenuineIntel"
vendor_amd      db "AuthenticAMD"
msg_forced_missing      db "[kernel] mechanism=", 0
msg_forced_missing_tail db " does not work on this CPU; choosing by preference", 10, 0

section .data
cpu_class           dd 0
cpu_flags           dd 0
cpu_max_leaf        dd 0
cpu_vendor          times 16 db 0
cpu_signature       dd 0
cpu_family          dd 0
cpu_model           dd 0
cpu_stepping        dd 0
cpu_features        dd 0
cpu_ext_features    dd 0
mechanisms_available dd 0
mechanism           dd MECH_INT
section .text
