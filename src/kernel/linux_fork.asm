; Processes of the Linux personality: the process table, switching address spaces, fork (and
; vfork, clone without CLONE_VM) and the end of a process. Waiting, process groups and kill are
; in linux_wait.asm, execve in linux_exec.asm.
;
; Every process has its own user space [ADDR_USER_START, ADDR_USER_END); the kernel's part of
; the page directory ([0, 16 MiB) and the physical window) is the same for all. There is one
; page directory, PAGE_DIRECTORY: the running process's user PDEs are in it, and a process that
; is not running keeps them in a page of its own (P_PDES). Its kernel variables (brk, the map
; cursor, signal actions, the LDT, ... listed in process_vars) are kept the same way (P_VARS).
; A thread switch to another process's thread swaps both (process_switch) and reloads CR3.
;
; fork shares frames (linux_cow.asm): private writable pages become copy-on-write in both
; processes, each shared private frame and demand-zero page holds a reservation (no
; overcommit), MAP_SHARED frames are the same in both; page tables are new. When memory runs
; out half way, what was made is freed and fork is ENOMEM.

USER_PDE_FIRST equ ADDR_USER_START >> 22
USER_PDE_COUNT equ (ADDR_USER_END >> 22) - USER_PDE_FIRST
PTE_FRAME      equ ~(PAGE - 1)
EXE_BUFFER_SIZE equ 256                ; the path /proc/self/exe names after execve

; EBX = process slot: EBX = its entry. Keeps other registers.
proc_entry:
    imul ebx, ebx, P_SIZE
    add ebx, PROC_TABLE
    ret

; EBX = the current process's entry.
current_proc:
    mov ebx, [current_process]
    jmp proc_entry

; EAX = the current process's pid.
current_pid:
    push ebx
    call current_proc
    mov eax, [ebx + P_PID]
    pop ebx
    ret

; At boot, before the first thread runs: slot 0 is the first program, pid LINUX_PID.
process_init:
    mov ebx, PROC_TABLE
    mov dword [ebx + P_STATE], PROC_ALIVE
    mov dword [ebx + P_PID], LINUX_PID
    mov dword [ebx + P_PPID], 0
    mov dword [ebx + P_PGID], LINUX_PID
    mov dword [ebx + P_SID], LINUX_PID
    mov dword [ebx + P_THREADS], 1
    mov dword [ebx + P_VFORK], -1
    mov dword [current_process], 0
    ret

; EDX = the slot of the process to run: the current one's user PDEs and variables go to its
; pages, EDX's come in, and the TLB is flushed. EDX = -1 only saves. Keeps all registers.
process_switch:
    pushad
    cmp edx, [current_process]
    je .done
    mov ebx, [current_process]
    cmp ebx, -1
    je .load
    call proc_entry
    mov edi, [ebx + P_PDES]
    lea edi, [PHYS(edi) + USER_PDE_FIRST * 4]
    mov esi, PAGE_DIRECTORY + USER_PDE_FIRST * 4
    mov ecx, USER_PDE_COUNT
    rep movsd
    mov edi, [ebx + P_VARS]
    add edi, LINUX_PHYS_WINDOW
    mov ebx, process_vars
.save:
    mov esi, [ebx]
    test esi, esi
    jz .load
    mov ecx, [ebx + 4]
    rep movsb
    add ebx, 8
    jmp .save
.load:
    mov [current_process], edx
    cmp edx, -1
    je .done
    mov ebx, edx
    call proc_entry
    mov esi, [ebx + P_PDES]
    lea esi, [PHYS(esi) + USER_PDE_FIRST * 4]
    mov edi, PAGE_DIRECTORY + USER_PDE_FIRST * 4
    mov ecx, USER_PDE_COUNT
    rep movsd
    mov esi, [ebx + P_VARS]
    add esi, LINUX_PHYS_WINDOW
    mov ebx, process_vars
.restore:
    mov edi, [ebx]
    test edi, edi
    jz .flush
    mov ecx, [ebx + 4]
    rep movsb
    add ebx, 8
    jmp .restore
.flush:
    call flush_tlb
.done:
    popad
    ret

; ESI = the kernel address of a page directory's PDE array, EDX = a user page to keep (0:
; none): frees every frame, demand-zero reservation and page table of its user space, and
; clears those PDEs (a table holding the kept page stays, with only that page). Keeps all
; registers.
free_user_space:
    pushad
    mov ebx, USER_PDE_FIRST
.pde:
    mov eax, [esi + ebx * 4]
    test eax, PTE_P
    jz .next
    and eax, PTE_FRAME
    lea edi, [PHYS(eax)]
    mov ecx, -1                         ; ECX = the kept page's PTE index, if in this table
    mov eax, edx
    shr eax, 22
    cmp eax, ebx
    jne .table
    mov ecx, edx
    shr ecx, 12
    and ecx, 0x3FF
.table:
    call put_table                      ; linux_cow.asm
    cmp ecx, -1
    jne .next
    mov eax, [esi + ebx * 4]
    and eax, PTE_FRAME
    call free_page
    mov dword [esi + ebx * 4], 0
.next:
    inc ebx
    cmp ebx, USER_PDE_FIRST + USER_PDE_COUNT
    jb .pde
    popad
    ret

; EDI = the kernel address of a zeroed PDE array: the current user space copied into it
; (frames shared, copy-on-write for private writable ones, demand-zero pages reserved:
; linux_cow.asm's fork_pte; page tables new). CF set when memory runs out; what was made is
; then in EDI's array for free_user_space. Keeps all registers.
copy_user_space:
    pushad
    mov ebx, USER_PDE_FIRST
.pde:
    mov esi, [PAGE_DIRECTORY + ebx * 4]
    test esi, PTE_P
    jz .next
    call alloc_page
    jc .fail
    lea edx, [PHYS(eax)]                ; EDX = the child's table
    or eax, PTE_P | PTE_W | PTE_U
    mov [edi + ebx * 4], eax
    and esi, PTE_FRAME
    add esi, LINUX_PHYS_WINDOW          ; ESI = the parent's table
    call fork_table                     ; linux_cow.asm
    jc .fail
.next:
    inc ebx
    cmp ebx, USER_PDE_FIRST + USER_PDE_COUNT
    jb .pde
    call flush_tlb                      ; the parent's writable pages are read-only now
    popad
    clc
    ret
.fail:
    call flush_tlb
    popad
    stc
    ret

; EBX = a process entry without its pages: gives it P_PDES and P_VARS (zeroed). CF set when
; memory is exhausted (nothing kept).
alloc_process_pages:
    call alloc_page
    jc .none
    mov [ebx + P_PDES], eax
    call alloc_page
    jc .second
    mov [ebx + P_VARS], eax
    clc
    ret
.second:
    mov eax, [ebx + P_PDES]
    call free_page
    mov dword [ebx + P_PDES], 0
.none:
    stc
    ret

; ---- fork, vfork, clone -------------------------------------------------------------------

linux_fork:
    mov eax, LINUX_SIG_SIGCHLD
    xor ecx, ecx
    jmp fork_common

linux_vfork:
    mov eax, LINUX_SIG_SIGCHLD | LINUX_CLONE_VFORK
    xor ecx, ecx
    jmp fork_common

; clone(flags, stack, parent tid, tls, child tid): a new process; CLONE_VM without
; CLONE_THREAD gets a copy of the memory too (posix_spawn's CLONE_VM | CLONE_VFORK child runs
; on its own stack and execs). CLONE_THREAD makes a thread (linux_thread.asm).
linux_clone:
    mov eax, [ebp + F_EBX]
    call clone_check_flags
    jc linux_invalid
    test eax, LINUX_CLONE_THREAD
    jnz clone_thread
    mov ecx, [ebp + F_ECX]
    ; fall through

; EAX = clone flags (low byte: the exit signal), ECX = the child's stack (0: the parent's).
fork_common:
    mov [fork_flags], eax
    mov [fork_stack], ecx
    cmp dword [thread_count], LIMIT_MAX_THREADS
    jae .again                          ; no thread slot: EAGAIN, like RLIMIT_NPROC
    ; A free process slot.
    mov ebx, PROC_TABLE
    xor edx, edx
.slot:
    cmp dword [ebx + P_STATE], PROC_FREE
    je .found
    add ebx, P_SIZE
    inc edx
    cmp edx, LINUX_MAX_PROCESSES
    jb .slot
    jmp .again
.found:
    mov [fork_slot], edx
    ; The parent's own pages, the first time it forks.
    push ebx
    call current_proc
    cmp dword [ebx + P_PDES], 0
    jne .parent_ready
    call alloc_process_pages
    jc .no_memory_popped
.parent_ready:
    pop ebx
    mov [fork_entry], ebx
    call alloc_process_pages
    jc .no_memory
    mov edi, [ebx + P_PDES]
    add edi, LINUX_PHYS_WINDOW
    call copy_user_space
    jc .undo_space
    ; The child's variables: the parent's, without what fork_reset_vars lists.
    call fork_stash_vars
    call save_vars_to_child
    call fork_restore_vars
    ; Its thread: the caller's registers, EAX = 0, on the given stack.
    mov ebx, [ebp + F_EIP]
    mov ecx, [ebp + F_USER_ESP]
    xor edx, edx
    call create_thread
    jc .undo_all
    mov ebx, [fork_entry]
    mov [ebx + P_PID], eax
    push eax
    push edi
    mov esi, ebp
    add edi, TCB_FRAME
    mov ecx, FRAME_DWORDS
    rep movsd
    pop edi
    mov dword [edi + TCB_FRAME + F_EAX], 0
    mov eax, [fork_stack]
    test eax, eax
    jz .same_stack
    mov [edi + TCB_FRAME + F_USER_ESP], eax
.same_stack:
    mov eax, [fork_slot]
    mov [edi + TCB_PROC], eax
    test dword [fork_flags], LINUX_CLONE_CHILD_CLEARTID
    jz .cleartid
    mov eax, [ebp + F_EDI]
    mov [edi + TCB_CLEAR_TID], eax      ; the child's, in its own memory
.cleartid:
    push ebx
    call current_proc
    dec dword [ebx + P_THREADS]         ; create_thread counted it for the parent
    pop ebx
    pop eax                             ; EAX = the child's pid
    ; Its entry in the table.
    push ebx
    call current_proc
    mov ecx, ebx
    pop ebx
    mov edx, [ecx + P_PID]
    mov [ebx + P_PPID], edx
    mov edx, [ecx + P_PGID]
    mov [ebx + P_PGID], edx
    mov edx, [ecx + P_SID]
    mov [ebx + P_SID], edx
    mov dword [ebx + P_STATUS], 0
    mov dword [ebx + P_THREADS], 1
    mov edx, [fork_flags]
    and edx, 0xFF
    mov [ebx + P_EXIT_SIGNAL], edx
    mov dword [ebx + P_VFORK], -1
    mov dword [ebx + P_STATE], PROC_ALIVE
    call job_forked                     ; linux_stop.asm
    mov [ebp + F_EAX], eax
    call shm_fork                       ; linux_shmcache.asm: it has the write-back records too
    ; Its descriptors: copies of the parent's.
    cmp byte [hostio_present], 0
    je .files_done
    push eax
    mov ebx, eax
    mov eax, HOSTIO_OP_FORK_FILES
    call hostio_call
    pop eax
.files_done:
    ; CLONE_PARENT_SETTID: the pid in the parent's memory; CLONE_CHILD_SETTID: in the child's.
    test dword [fork_flags], LINUX_CLONE_PARENT_SETTID
    jz .child_settid
    mov esi, [ebp + F_EDX]
    call store_user_dword
.child_settid:
    test dword [fork_flags], LINUX_CLONE_CHILD_SETTID
    jz .vfork
    mov esi, [ebp + F_EDI]
    mov ebx, [fork_entry]
    call store_child_dword
.vfork:
    test dword [fork_flags], LINUX_CLONE_VFORK
    jz .done
    ; The parent waits until the child has called execve or ended.
    mov ebx, [fork_entry]
    mov eax, [current_thread]
    mov [ebx + P_VFORK], eax
    call current_tcb
    mov eax, [ticks]
    add eax, 0x7FFFFFFF
    mov [ebx + TCB_WAKE], eax
    mov dword [ebx + TCB_STATE], THREAD_SLEEPING
    jmp schedule
.done:
    ret
.undo_all:
.undo_space:
    mov ebx, [fork_entry]
    mov esi, [ebx + P_PDES]
    add esi, LINUX_PHYS_WINDOW
    xor edx, edx
    call free_user_space
    mov eax, [ebx + P_PDES]
    call free_page
    mov eax, [ebx + P_VARS]
    call free_page
    xor eax, eax
    mov [ebx + P_PDES], eax
    mov [ebx + P_VARS], eax
.no_memory:
    mov dword [ebp + F_EAX], -LINUX_ENOMEM
    ret
.no_memory_popped:
    pop ebx
    jmp .no_memory
.again:
    mov dword [ebp + F_EAX], -LINUX_EAGAIN
    ret

; The current variables into the page of the process being made (fork_entry).
save_vars_to_child:
    pushad
    mov ebx, [fork_entry]
    mov edi, [ebx + P_VARS]
    add edi, LINUX_PHYS_WINDOW
    mov ebx, process_vars
.each:
    mov esi, [ebx]
    test esi, esi
    jz .done
    mov ecx, [ebx + 4]
    rep movsb
    add ebx, 8
    jmp .each
.done:
    popad
    ret

; EAX = value, ESI = a user address of the current process: stored when it is writable.
store_user_dword:
    push ecx
    push edx
    mov ecx, 4
    mov edx, 1
    call user_check
    jc .done
    mov [esi], eax
.done:
    pop edx
    pop ecx
    ret

; EAX = value, ESI = a user address, EBX = a process entry that is not running: stored through
; its page tables when the page is there and writable (a demand-zero page is not filled; a
; copy-on-write one gets its own frame first).
store_child_dword:
    pushad
    test esi, 3
    jnz .done
    cmp esi, ADDR_USER_START
    jb .done
    cmp esi, ADDR_USER_END
    jae .done
    mov edx, [ebx + P_PDES]
    mov ecx, esi
    shr ecx, 22
    mov edx, [PHYS(edx) + ecx * 4]
    test edx, PTE_P
    jz .done
    and edx, PTE_FRAME
    mov ecx, esi
    shr ecx, 12
    and ecx, 0x3FF
    lea ecx, [PHYS(edx) + ecx * 4]
    mov edx, [ecx]
    and edx, PTE_P | PTE_U | PTE_COW
    cmp edx, PTE_P | PTE_U | PTE_COW
    jne .plain
    push eax
    mov eax, ecx
    xor edx, edx                        ; not the running process: nothing cached to flush
    call cow_break                      ; linux_cow.asm
    pop eax
    jc .done
.plain:
    mov edx, [ecx]
    and edx, PTE_P | PTE_W | PTE_U | PTE_FRAME
    mov ecx, edx
    and ecx, ~PTE_FRAME
    cmp ecx, PTE_P | PTE_W | PTE_U
    jne .done
    and edx, PTE_FRAME
    and esi, PAGE - 1
    mov [PHYS(edx) + esi], eax
.done:
    popad
    ret

; ---- the end of a process -----------------------------------------------------------------

; The calling thread ended (its slot is free); the process ends with its last thread, with
; the status in exit_status.
thread_ended:
    call current_proc
    dec dword [ebx + P_THREADS]
    jnz schedule
    mov eax, [exit_status]
    movzx ecx, al
    shl ecx, 8                          ; WIFEXITED: the status in bits 8-15
    jmp process_end

; exit_group(status): every thread of the process ends.
linux_exit_group:
    call end_other_threads
    movzx eax, byte [ebp + F_EBX]
    mov [exit_status], eax
    mov ecx, eax
    shl ecx, 8
    jmp process_end_running

; EAX = the signal that kills the process (signal_deliver): its threads end; the first
; program's status is 128 + the signal, a child's wait status the signal (WIFSIGNALED).
process_killed:
    call end_other_threads
    mov ecx, eax
    add eax, LINUX_SIG_STATUS_BASE
    ; fall through

; The running thread is the process's last: it ends too. EAX = the first program's exit
; status, ECX = the wait status.
process_end_running:
    push eax
    call current_tcb
    mov dword [ebx + TCB_STATE], THREAD_FREE
    mov dword [tls_owner], -1
    dec dword [thread_count]
    call current_proc
    mov dword [ebx + P_THREADS], 0
    pop eax
    ; fall through

; No thread of the current process is left. EAX = the first program's exit status, ECX = the
; wait status its parent will see. The first program ends the machine; another process
; becomes a zombie: its descriptors close, its memory goes, its children go to LINUX_PID, its
; parent gets its exit signal.
process_end:
    cmp dword [current_process], 0
    je program_exit
    call current_proc
    mov [ebx + P_STATUS], ecx
    mov [exit_signal_code], ecx
    call shm_drop_all
    cmp byte [hostio_present], 0
    je .memory
    mov eax, HOSTIO_OP_EXIT_FILES
    call hostio_call
.memory:
    mov esi, PAGE_DIRECTORY
    xor edx, edx
    call free_user_space
    call flush_tlb
    call current_proc
    mov dword [ebx + P_STATE], PROC_ZOMBIE
    mov eax, [ebx + P_PID]
    mov [exit_pid], eax
    call vfork_release
    ; Orphans go to the first program.
    mov esi, PROC_TABLE
    mov ecx, LINUX_MAX_PROCESSES
.orphans:
    cmp [esi + P_PPID], eax
    jne .orphan_next
    cmp dword [esi + P_STATE], PROC_FREE
    je .orphan_next
    mov dword [esi + P_PPID], LINUX_PID
.orphan_next:
    add esi, P_SIZE
    loop .orphans
    ; The parent's exit signal.
    mov eax, [ebx + P_PPID]
    call find_process
    jc .signalled
    mov eax, [ebx + P_EXIT_SIGNAL]
    test eax, eax
    jz .signalled
    mov ecx, LINUX_CLD_EXITED
    movzx edx, byte [exit_signal_code + 1]
    test dword [exit_signal_code], 0x7F
    jz .code
    mov ecx, LINUX_CLD_KILLED
    mov edx, [exit_signal_code]
    and edx, 0x7F
.code:
    mov [signal_value_next], edx        ; si_status: the exit code or the signal
    mov edx, [exit_pid]
    call signal_other_process
.signalled:
    call current_proc
    mov eax, [ebx + P_PDES]
    call free_page
    mov eax, [ebx + P_VARS]
    call free_page
    xor eax, eax
    mov [ebx + P_PDES], eax
    mov [ebx + P_VARS], eax
    mov dword [current_process], -1
    call wake_retry
    jmp schedule

; The vfork parent of the current process (if any) goes on.
vfork_release:
    push ebx
    call current_proc
    mov eax, [ebx + P_VFORK]
    cmp eax, -1
    je .done
    mov dword [ebx + P_VFORK], -1
    imul eax, eax, TCB_SIZE
    cmp dword [TCB_TABLE + eax + TCB_STATE], THREAD_SLEEPING
    jne .done
    mov dword [TCB_TABLE + eax + TCB_STATE], THREAD_READY
.done:
    pop ebx
    ret

; Every other thread of the current process ends now (exit_group, a fatal signal, execve).
; Keeps all registers.
end_other_threads:
    pushad
    mov eax, [current_process]
    mov edx, [current_thread]
    mov ebx, TCB_TABLE
    xor ecx, ecx
.each:
    cmp ecx, edx
    je .next
    cmp dword [ebx + TCB_STATE], THREAD_FREE
    je .next
    cmp [ebx + TCB_PROC], eax
    jne .next
    mov dword [ebx + TCB_STATE], THREAD_FREE
    dec dword [thread_count]
    push ebx
    call current_proc
    dec dword [ebx + P_THREADS]
    pop ebx
.next:
    add ebx, TCB_SIZE
    inc ecx
    cmp ecx, LIMIT_MAX_THREADS
    jb .each
    popad
    ret

; EAX = pid: ESI = the entry of the process (alive or zombie) that has it, CF set when none.
; Keeps other registers.
find_process:
    push ecx
    mov esi, PROC_TABLE
    mov ecx, LINUX_MAX_PROCESSES
.each:
    cmp dword [esi + P_STATE], PROC_FREE
    je .next
    cmp [esi + P_PID], eax
    je .found
.next:
    add esi, P_SIZE
    loop .each
    pop ecx
    stc
    ret
.found:
    pop ecx
    clc
    ret

; The variables each process has its own copy of: address, size. Ends with 0.
process_vars:
    dd file_umask, 4, nice_value, 4, persona, 4     ; first: linux_fs.asm reads nice_value at offset 4
    dd brk_start, 4, brk_current, 4, map_next, 4
    dd linux_ldt, LINUX_LDT_ENTRIES * 8, ldt_used, 4
    dd signal_actions, LINUX_SIG_NSIG * ACTION_SIZE, signal_info, LINUX_SIG_NSIG * 12
    dd process_pending, 8, alarm_deadline, 4, alarm_interval, 4
    dd vdso_address, 4, vdso_entry, 4, program_entry, 4, load_bias, 4
    dd phdr_address, 4, phdr_entry_size, 4, phdr_count, 4
    dd exe_path, 4, exe_path_size, 4, exe_buffer, EXE_BUFFER_SIZE
    dd comm_name, LINUX_COMM_SIZE, exit_status, 4
    dd cpu_itimers, 2 * ITV_SIZE, cpu_timers_armed, 4, proc_times, 16, child_times, 16
    dd proc_minflt, 4, child_minflt, 4, shm_table, SHM_SLOTS * SHM_SIZE, shm_pending, 4
    dd 0

; What a forked child does not inherit (fork(2)): pending signals, alarms and interval timers;
; its CPU times start at zero. (It keeps the shared file mappings' write-back records:
; shm_fork counts their handles.)
fork_reset_vars:
    dd process_pending, 8, alarm_deadline, 4, alarm_interval, 4
    dd cpu_itimers, 2 * ITV_SIZE, cpu_timers_armed, 4, proc_times, 16, child_times, 16
    dd proc_minflt, 4, child_minflt, 4, shm_pending, 4
    dd 0
FORK_SAVED_SIZE equ 8 + 4 + 4 + 2 * ITV_SIZE + 4 + 16 + 16 + 4 + 4 + 4

; The parent's fork_reset_vars go to fork_saved and are zeroed, for save_vars_to_child.
; Keeps registers.
fork_stash_vars:
    pushad
    mov ebx, fork_reset_vars
    mov edi, fork_saved
.next:
    mov esi, [ebx]
    test esi, esi
    jz .done
    mov ecx, [ebx + 4]
    rep movsb
    mov edx, edi
    mov edi, [ebx]
    mov ecx, [ebx + 4]
    xor eax, eax
    rep stosb
    mov edi, edx
    add ebx, 8
    jmp .next
.done:
    popad
    ret

; The parent's fork_reset_vars back from fork_saved. Keeps registers.
fork_restore_vars:
    pushad
    mov ebx, fork_reset_vars
    mov esi, fork_saved
.next:
    mov edi, [ebx]
    test edi, edi
    jz .done
    mov ecx, [ebx + 4]
    rep movsb
    add ebx, 8
    jmp .next
.done:
    popad
    ret

section .data
current_process dd 0
fork_flags      dd 0
fork_stack      dd 0
fork_slot       dd 0
fork_entry      dd 0
exit_pid        dd 0
exit_signal_code dd 0
align 4, db 0
PROC_TABLE      times LINUX_MAX_PROCESSES * P_SIZE db 0
fork_saved      times FORK_SAVED_SIZE db 0
section .text
