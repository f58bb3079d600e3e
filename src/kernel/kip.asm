; The Kernel Interface Page (docs/ARCHITECTURE.md, "Kernel interface"): a read-only user page holding
; the interface version, the advertised mechanism, what detection found, and the stub a
; program calls to make a system call. Its address is chosen per address space:
;   discovery=shared-page  ADDR_SHARED_PAGE, the Windows XP SharedUserData address
;   kip=ADDRESS            that address
;   otherwise              a page of the KIP window picked from the loader's seed= mixed
;                          with the time-stamp counter (or the PIT count), so programs must
;                          ask with `lock nop`.

kip_init:
    mov eax, ADDR_SHARED_PAGE
    cmp dword [discovery], DISCOVERY_SHARED_PAGE
    je .place
    mov eax, [kip_requested]
    test eax, eax
    jnz .place
.default:
    call random_kip_address
.place:
    mov [kip_address], eax
    xor edx, edx                    ; read-only for ring 3
    call map_user_page
    jnc .fill
    mov esi, msg_kip_taken
    call kputs
    mov eax, [kip_address]
    call kput_hex
    call kput_newline
    cmp eax, ADDR_SHARED_PAGE
    je .give_up
    jmp .default
.give_up:
    mov al, 0xFF
    jmp power_off

.fill:
    mov edi, eax
    mov dword [edi + KIP_MAGIC], KIP_MAGIC_VALUE
    mov dword [edi + KIP_VERSION], API_VERSION
    mov dword [edi + KIP_FLAGS], API_FLAGS
    mov dword [edi + KIP_KERNEL_ID], API_KERNEL_ID
    mov eax, [mechanism]
    mov [edi + KIP_MECHANISM], eax
    mov dword [edi + KIP_STUB_OFFSET], KIP_STUB
    mov eax, [discovery]
    mov [edi + KIP_DISCOVERY], eax
    mov eax, [cpu_class]
    mov [edi + KIP_CPU_CLASS], eax
    mov eax, [cpu_flags]
    mov [edi + KIP_CPU_FLAGS], eax
    mov esi, cpu_vendor
    push edi
    add edi, KIP_VENDOR
    mov ecx, 4
    rep movsd
    pop edi
    mov eax, [cpu_signature]
    mov [edi + KIP_SIGNATURE], eax
    mov eax, [cpu_family]
    mov [edi + KIP_FAMILY], eax
    mov eax, [cpu_model]
    mov [edi + KIP_MODEL], eax
    mov eax, [cpu_stepping]
    mov [edi + KIP_STEPPING], eax
    mov eax, [cpu_features]
    mov [edi + KIP_FEATURES_EDX], eax
    mov eax, [cpu_ext_features]
    mov [edi + KIP_EXT_FEATURES_EDX], eax
    mov eax, [mechanisms_available]
    mov [edi + KIP_MECHANISMS_AVAILABLE], eax
    mov dword [edi + KIP_TIMER_HZ], LIMIT_TIMER_HZ
    mov eax, [kip_address]
    mov [edi + KIP_SELF], eax
    mov dword [edi + KIP_CALL_GATE_SELECTOR], SEL_CALL_GATE
    mov dword [edi + KIP_INT_VECTOR], VEC_SYSCALL_INT
    mov dword [edi + KIP_SYSCALL_COUNT], NATIVE_SYSCALL_COUNT

    ; The advertised stub, and where SYSEXIT must resume it.
    mov ebx, [mechanism]
    mov esi, [stub_table + ebx * 8]
    mov ecx, [stub_table + ebx * 8 + 4]
    sub ecx, esi
    mov [edi + KIP_STUB_LENGTH], ecx
    add edi, KIP_STUB
    rep movsb
    cmp dword [linux_personality], 0    ; a Linux program's SYSEXIT resumes in its vDSO
    jne .done
    mov eax, [kip_address]
    add eax, KIP_STUB + (stub_sysenter_resume - stub_sysenter)
    mov [sysenter_return], eax
.done:
    ret

; EAX = a page address in the KIP window: the boot seed (seed=, 0 without one) mixed with the
; time-stamp counter, or with the PIT's count on CPUs without RDTSC (CPUID.1:EDX.TSC, SDM
; Vol.2B RDTSC). The mix is a 32-bit integer hash (xor-shift-multiply rounds), a bijection,
; so different seeds at the same clock give different pages (up to the window's size); it
; runs the same instructions for every value.
random_kip_address:
    mov ecx, [boot_seed]
    test dword [cpu_flags], CPU_FLAG_TSC
    jz .pit
    rdtsc
    xor ecx, eax
    rol edx, 16
    xor ecx, edx
    jmp .mix
.pit:
    call pit_read_count
    movzx eax, ax
    xor ecx, eax
.mix:
    mov eax, ecx
    shr ecx, 16
    xor eax, ecx
    imul eax, eax, 0x7FEB352D
    mov ecx, eax
    shr ecx, 15
    xor eax, ecx
    imul eax, eax, 0x846CA68B
    mov ecx, eax
    shr ecx, 16
    xor eax, ecx
    and eax, ADDR_KIP_WINDOW_PAGES - 1
    shl eax, 12
    add eax, ADDR_KIP_WINDOW
    ret

; The four stubs: called with EAX = syscall number and arguments in EBX, ECX, EDX, ESI,
; EDI; they return EAX and preserve every other register. Position independent: they are
; copied into the KIP.
stub_int:
    int VEC_SYSCALL_INT
    ret
stub_int_end:

stub_call_gate:
    call SEL_CALL_GATE:0
    ret
stub_call_gate_end:

; SYSENTER saves neither EIP nor ESP: the kernel resumes at stub_sysenter_resume with
; ESP = EBP. SYSEXIT takes EIP and ESP in EDX and ECX, so the stub keeps those two (and EBP)
; on its stack.
stub_sysenter:
    push ecx
    push edx
    push ebp
    mov ebp, esp
    sysenter
stub_sysenter_resume:
    pop ebp
    pop edx
    pop ecx
    ret
stub_sysenter_end:

; SYSCALL overwrites ECX with the return EIP, so the ECX argument travels in EBP.
stub_syscall:
    push ecx
    push ebp
    mov ebp, ecx
    syscall
    pop ebp
    pop ecx
    ret
stub_syscall_end:

stub_table:
    dd stub_int, stub_int_end
    dd stub_call_gate, stub_call_gate_end
    dd stub_sysenter, stub_sysenter_end
    dd stub_syscall, stub_syscall_end

section .data
kip_address dd 0
section .text
msg_kip_taken db "[kernel] the KIP cannot go at ", 0
