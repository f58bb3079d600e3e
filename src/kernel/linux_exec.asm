; execve of the Linux personality: a static ELF file of the --fs view replaces the calling
; process's program (Linux's fs/exec.c, in this kernel's terms).
;
; The file is read whole, through the host I/O device (OPENAT, then PREAD_PHYS into kernel
; memory), into a scratch area borrowed from the top of the never-used free memory, where the
; argv and envp strings are copied too, in the argument block's layout. Until everything is
; checked the old program is untouched and a failure is an errno (ENOENT, EACCES, ENOEXEC, a
; dynamic program ENOENT for its missing interpreter, E2BIG, EFAULT, ENOMEM). Then: the other
; threads end, the user space goes (the KIP page stays), the loader's load_elf and
; build_stack_from build the new image with the vDSO, handlers go back to SIG_DFL (ignored
; signals stay ignored), the LDT, TLS entries, alternate stack and x87 state are reset, and
; close-on-exec descriptors close. A failure past that point kills the process (SIGKILL), as
; in Linux.

EXEC_SCRATCH_PAGES equ (LINUX_EXEC_MAX_FILE + LINUX_ARGS_MAX) / PAGE

; Endings of execve: killed past the point of no return, or an error (EAX = -errno).
exec_killed:
    call exec_release
    mov eax, LINUX_SIG_SIGKILL
    jmp process_killed
exec_no_memory:
    mov eax, -LINUX_ENOMEM
exec_failed:
    mov [ebp + F_EAX], eax
    jmp exec_release
.stored:
    mov [ebp + F_EAX], eax
    ret

; execve(path, argv, envp)
linux_execve:
    NEED_DEVICE -LINUX_ENOENT
    call exec_borrow
    mov eax, -LINUX_ENOMEM
    jc exec_failed.stored
    ; Execute permission (EACCES without it, ENOENT for no file).
    mov ebx, LINUX_AT_FDCWD
    mov ecx, [ebp + F_EBX]
    mov edx, LINUX_FILE_X_OK
    xor esi, esi
    mov eax, HOSTIO_OP_FACCESSAT
    call hostio_call
    test eax, eax
    js exec_failed
    mov ebx, LINUX_AT_FDCWD
    mov ecx, [ebp + F_EBX]
    mov edx, LINUX_FILE_O_RDONLY | LINUX_FILE_O_CLOEXEC
    xor esi, esi
    mov eax, HOSTIO_OP_OPENAT
    call hostio_call
    test eax, eax
    js exec_failed
    mov ebx, eax
    mov ecx, [exec_scratch]
    mov edx, LINUX_EXEC_MAX_FILE
    xor esi, esi
    xor edi, edi
    mov eax, HOSTIO_OP_PREAD_PHYS
    call hostio_call
    push eax
    mov eax, HOSTIO_OP_CLOSE
    call hostio_call
    pop eax
    cmp eax, -LINUX_EISDIR
    jne .read
    mov eax, -LINUX_EACCES
.read:
    test eax, eax
    js exec_failed
    cmp eax, LINUX_EXEC_MAX_FILE
    jae exec_no_memory
    mov [program_size], eax
    mov eax, [exec_scratch]
    add eax, LINUX_PHYS_WINDOW
    mov [module_base], eax
    call exec_check
    test eax, eax
    jnz exec_failed
    ; argv, envp and the path, as an argument block, after the file.
    mov edi, [exec_scratch]
    add edi, LINUX_PHYS_WINDOW + LINUX_EXEC_MAX_FILE
    mov [exec_strings], edi
    lea ebx, [edi + LINUX_ARGS_MAX]     ; EBX = the end of the room
    mov esi, [ebp + F_ECX]
    call copy_string_array
    jc exec_failed
    mov [exec_argc], ecx
    mov esi, [ebp + F_EDX]
    call copy_string_array
    jc exec_failed
    mov [exec_envc], ecx
    mov [exec_path_at], edi
    mov esi, [ebp + F_EBX]
    call copy_user_string
    jc exec_failed
    mov [exec_end], edi
    mov ebx, [ebp + F_EBX]
    mov ecx, exec_absolute
    mov edx, EXE_BUFFER_SIZE
    mov eax, HOSTIO_OP_ABSOLUTE_PHYS
    call hostio_call                    ; the kernel's data is identity mapped
    test eax, eax
    js exec_failed
    mov [exec_absolute_size], eax

    ; The point of no return.
    call end_other_threads
    call thread_exec_reset              ; linux_thread.asm
    call shm_drop_all
    mov esi, PAGE_DIRECTORY
    mov edx, [kip_address]
    call free_user_space
    call flush_tlb
    call exec_reset
    call load_elf
    jc exec_killed
    mov eax, ADDR_STACK_TOP
    sub eax, [stack_size]
    mov ecx, [stack_size]
    mov edx, PTE_W
    call map_lazy_range
    jc exec_killed
    call vdso_init
    jc exec_killed
    mov eax, [brk_start]
    add eax, PAGE - 1
    and eax, ~(PAGE - 1)
    mov [brk_start], eax
    mov [brk_current], eax
    ; /proc/self/exe: the absolute path, copied before the old program went.
    mov esi, exec_absolute
    mov edi, exe_buffer
    mov ecx, EXE_BUFFER_SIZE
    rep movsb
    mov eax, [exec_absolute_size]
    dec eax
    mov [exe_path_size], eax
    mov dword [exe_path], exe_buffer
    mov eax, [exec_argc]
    mov [args_argc], eax
    mov eax, [exec_envc]
    mov [args_envc], eax
    mov dword [execfn_size], 0
    mov esi, [exec_strings]
    mov ecx, [exec_path_at]
    sub ecx, esi
    call build_stack_from
    jc exec_killed
    ; The new program's first frame: every register zero, back by IRET.
    push edi
    mov edi, ebp
    mov ecx, FRAME_DWORDS
    xor eax, eax
    rep stosd
    pop edi
    mov dword [ebp + F_ES], SEL_USER_DATA
    mov dword [ebp + F_DS], SEL_USER_DATA
    mov dword [ebp + F_VECTOR], LINUX_VECTOR
    mov eax, [program_entry]
    mov [ebp + F_EIP], eax
    mov dword [ebp + F_CS], SEL_USER_CODE
    mov dword [ebp + F_EFLAGS], USER_EFLAGS
    mov [ebp + F_USER_ESP], edi
    mov dword [ebp + F_USER_SS], SEL_USER_DATA
    call current_tcb
    mov [ebx + TCB_ENTRY], eax
    mov eax, HOSTIO_OP_EXEC_FILES
    call hostio_call
    call exec_release
    call vfork_release
    call wake_retry
    ret

; The scratch area: EXEC_SCRATCH_PAGES at the top of memory that no one has used yet, taken
; from the free count for the time of the call (exec_release gives them back). CF set when
; there is not that much.
exec_borrow:
    mov eax, [memory_end]
    sub eax, EXEC_SCRATCH_PAGES * PAGE
    jc .none
    cmp eax, [next_free_page]
    jb .none
    push eax
    call count_free_pages
    cmp eax, EXEC_SCRATCH_PAGES
    pop eax
    jb .none
    mov [exec_scratch], eax
    mov [memory_end], eax
    sub dword [free_pages], EXEC_SCRATCH_PAGES
    clc
    ret
.none:
    stc
    ret

exec_release:
    add dword [memory_end], EXEC_SCRATCH_PAGES * PAGE
    add dword [free_pages], EXEC_SCRATCH_PAGES
    ret

; The file at module_base (program_size bytes): EAX = 0 when load_elf may take it, else
; -ENOEXEC (not an i386 ELF executable) or -ENOENT (dynamic: its interpreter is not here).
exec_check:
    mov ebx, [module_base]
    mov eax, -LINUX_ENOEXEC
    cmp dword [program_size], ELF_HEADER_SIZE
    jb .done
    cmp dword [ebx], ELF_MAGIC
    jne .done
    cmp word [ebx + EI_CLASS], 0x0101   ; ELFCLASS32, ELFDATA2LSB
    jne .done
    cmp word [ebx + ELF_MACHINE], EM_386
    jne .done
    cmp word [ebx + ELF_TYPE], ET_EXEC
    je .typed
    cmp word [ebx + ELF_TYPE], ET_DYN
    jne .done
.typed:
    movzx ecx, word [ebx + ELF_PHENTSIZE]
    cmp ecx, PH_SIZE
    jb .done
    movzx edx, word [ebx + ELF_PHNUM]
    imul ecx, edx
    add ecx, [ebx + ELF_PHOFF]
    jc .done
    cmp ecx, [program_size]
    ja .done
    mov esi, [ebx + ELF_PHOFF]
    add esi, ebx
.header:
    test edx, edx
    jz .fine
    cmp dword [esi + PH_TYPE], PT_INTERP
    je .dynamic
    movzx ecx, word [ebx + ELF_PHENTSIZE]
    add esi, ecx
    dec edx
    jmp .header
.dynamic:
    mov eax, -LINUX_ENOENT
    ret
.fine:
    xor eax, eax
.done:
    ret

; The state a new program starts with: the map cursor, signal actions (SIG_IGN kept), the
; LDT, the thread's TLS entries and FS/GS, its alternate stack, the x87 registers.
exec_reset:
    mov dword [map_next], ADDR_MAP_BASE
    mov ebx, signal_actions
    mov ecx, LINUX_SIG_NSIG
.action:
    mov eax, [ebx]
    cmp eax, LINUX_SIG_SIG_IGN
    je .keep
    xor eax, eax                        ; SIG_DFL
.keep:
    mov edi, ebx
    push ecx
    mov ecx, ACTION_SIZE / 4
    push eax
    xor eax, eax
    rep stosd
    pop eax
    pop ecx
    mov [ebx], eax
    add ebx, ACTION_SIZE
    loop .action
    mov edi, linux_ldt
    mov ecx, LINUX_LDT_ENTRIES * 2
    xor eax, eax
    rep stosd
    mov [ldt_used], eax
    mov edi, gdt_tls
    mov ecx, LINUX_TLS_ENTRIES * 2
    rep stosd
    mov fs, ax
    mov gs, ax
    call current_tcb
    mov [ebx + TCB_ALT_SP], eax
    mov [ebx + TCB_ALT_SIZE], eax
    and dword [ebx + TCB_SIGFLAGS], ~TSIG_ALT_AUTODISARM
    mov eax, [current_thread]
    mov dword [fpu_saved_id + eax * 4], 0
    jmp fpu_give_up

; ESI = a user array of string pointers ending with a null pointer (ESI = 0: none), EDI =
; where the strings go, EBX = the end of the room: the strings copied; ECX = how many. CF set
; with EAX = -EFAULT or -E2BIG.
copy_string_array:
    xor ecx, ecx
    test esi, esi
    jz .done
.next:
    push ecx
    push edx
    mov ecx, 4
    xor edx, edx
    call user_check
    pop edx
    pop ecx
    jc .fault
    push esi
    mov esi, [esi]
    test esi, esi
    jz .end
    push ecx
    call copy_user_string
    pop ecx
    jc exec_failed
    pop esi
    add esi, 4
    inc ecx
    cmp ecx, LINUX_ARGS_MAX / 2
    jb .next
    mov eax, -LINUX_E2BIG
    stc
    ret
.end:
    pop esi
.done:
    clc
    ret
.failed:
    pop esi
    stc
    ret
.fault:
    mov eax, -LINUX_EFAULT
    stc
    ret

; ESI = a user string, EDI = where it goes, EBX = the end of the room: copied with its zero,
; EDI after it. CF set with EAX = -EFAULT or -E2BIG.
copy_user_string:
.page:
    mov ecx, esi
    and ecx, PAGE - 1
    neg ecx
    add ecx, PAGE                       ; the bytes left on this page
    push edx
    xor edx, edx
    call user_check
    pop edx
    jc .fault
.byte:
    cmp edi, ebx
    jae .big
    lodsb
    stosb
    test al, al
    jz .done
    dec ecx
    jnz .byte
    jmp .page
.done:
    clc
    ret
.fault:
    mov eax, -LINUX_EFAULT
    stc
    ret
.big:
    mov eax, -LINUX_E2BIG
    stc
    ret

section .data
exec_scratch  dd 0                      ; physical address of the borrowed area
exec_strings  dd 0
exec_path_at  dd 0
exec_end      dd 0
exec_argc     dd 0
exec_envc     dd 0
exe_buffer    times EXE_BUFFER_SIZE db 0
exec_absolute times EXE_BUFFER_SIZE db 0
exec_absolute_size dd 0
section .text
