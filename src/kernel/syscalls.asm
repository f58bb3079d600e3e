; The native system calls. EAX = number, arguments in EBX, ECX, EDX, ESI, EDI, result in
; EAX; the numbers and error codes are in abi.inc. Handlers read the arguments from the
; trap frame at EBP and store the result in its EAX slot before anything that may switch
; threads (after a switch the frame at EBP belongs to another thread).

native_syscall:
    mov eax, [ebp + F_EAX]
    cmp eax, NATIVE_SYSCALL_COUNT
    jae .unknown
    jmp [native_syscall_table + eax * 4]
.unknown:
    mov dword [ebp + F_EAX], E_NOSYS
    ret

native_syscall_table:
    dd sys_exit, sys_write, sys_map, sys_unmap, sys_thread_create
    dd sys_thread_exit, sys_thread_yield, sys_sleep, sys_kernel_info
NATIVE_SYSCALL_COUNT equ ($ - native_syscall_table) / 4

; exit(status): the whole program ends, whatever other threads exist.
sys_exit:
    mov eax, [ebp + F_EBX]
    jmp program_exit

; write(pointer, length): copies the bytes to the console.
sys_write:
    mov esi, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    call console_write_user
    mov [ebp + F_EAX], eax
    ret

; ESI = user pointer, ECX = length: the program's standard output, the host I/O device's
; stdout when there is one, else the console. EAX = length written, or E_INVAL / E_FAULT.
console_write_user:
    mov eax, E_INVAL
    cmp ecx, LIMIT_MAX_WRITE
    ja stream_write_user.done
    mov edx, 1
    ; fall through

; The same for EDX = the Linux descriptor (1 stdout, 2 stderr; both are the console without
; the device).
stream_write_user:
    push edx
    xor edx, edx
    call user_check
    pop edx
    mov eax, E_FAULT
    jc .done
    cmp byte [hostio_present], 0
    je .console
    push ebx
    mov ebx, edx
    mov eax, HOSTIO_OP_WRITE
    mov edx, ecx
    mov ecx, esi
    call hostio_call
    pop ebx
    ret
.console:
    mov eax, ecx
    mov dx, PORT_CONSOLE
    rep outsb
.done:
    ret

; map(length): fresh zeroed read/write pages.
sys_map:
    mov ebx, [ebp + F_EBX]
    call map_anonymous
    mov [ebp + F_EAX], eax
    ret

; unmap(address, length)
sys_unmap:
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    call unmap_range
    mov [ebp + F_EAX], eax
    ret

; thread_create(entry, stack top, argument): the new thread starts at entry with that
; stack and EAX = argument. Entry and stack must lie in user space.
sys_thread_create:
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, [ebp + F_EDX]
    mov eax, E_FAULT
    cmp ebx, ADDR_USER_START
    jb .done
    cmp ebx, ADDR_USER_END
    jae .done
    cmp ecx, ADDR_USER_START
    jbe .done
    cmp ecx, ADDR_USER_END
    ja .done
    call create_thread
.done:
    mov [ebp + F_EAX], eax
    ret

sys_thread_exit:
    mov dword [ebp + F_EAX], 0
    jmp end_current_thread

sys_thread_yield:
    mov dword [ebp + F_EAX], 0
    jmp schedule

; sleep(ticks); sleep(0) only yields.
sys_sleep:
    mov dword [ebp + F_EAX], 0
    mov eax, [ebp + F_EBX]
    test eax, eax
    jz schedule
    cmp eax, 0x7FFFFFFF
    jbe .sleep
    mov dword [ebp + F_EAX], E_INVAL
    ret
.sleep:
    jmp sleep_current

; kernel_info(item): one dword about the kernel, or E_INVAL for an unknown item.
sys_kernel_info:
    mov eax, [ebp + F_EBX]
    cmp eax, (.table_end - .table) / 4
    jae .unknown
    jmp [.table + eax * 4]
.unknown:
    mov dword [ebp + F_EAX], E_INVAL
    ret

.mechanism:
    mov eax, [mechanism]
    jmp .result
.signature:
    mov eax, [cpu_signature]
    jmp .result
.ticks:
    mov eax, [ticks]
    jmp .result
.thread_id:
    call current_tcb
    mov eax, [ebx + TCB_ID]
    jmp .result
.kip:
    mov eax, [kip_address]
    jmp .result
.free_pages:
    call count_free_pages
    jmp .result
.threads:
    mov eax, [thread_count]
    jmp .result
.hz:
    mov eax, LIMIT_TIMER_HZ
    jmp .result
.seed:
    mov eax, [boot_seed]
.result:
    mov [ebp + F_EAX], eax
    ret

.table:
    dd .mechanism, .signature, .ticks, .thread_id, .kip, .free_pages, .threads, .hz, .seed
.table_end:
