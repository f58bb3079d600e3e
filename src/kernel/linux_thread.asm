; Threads of a Linux process (POSIX threads of glibc and musl): clone with CLONE_THREAD, the
; end of one thread (exit: clear_child_tid and the robust list), set_tid_address and
; set_robust_list per thread, sched_yield, sched_getaffinity. Futexes are in linux_futex.asm.
;
; A thread is a slot of the thread table (sched.asm) whose TCB_PROC is its process: it shares
; the address space, the process variables (signal actions, brk, ...) and the host device's
; descriptors and directory (which are the process's), and has its own registers, TLS entries
; and FS/GS, signal mask, pending set and alternate stack, clear_child_tid and robust list.

; Flags a thread cannot be made without here: its own descriptor table or directory would be
; the process's (the host device keeps them per process), so CLONE_FILES and CLONE_FS are
; required; CLONE_SIGHAND and CLONE_VM are required by Linux itself (clone_check_flags).
THREAD_NEEDS equ LINUX_CLONE_VM | LINUX_CLONE_FS | LINUX_CLONE_FILES | LINUX_CLONE_SIGHAND
CLONE_NEWNS   equ 0x00020000            ; namespace flags of include/uapi/linux/sched.h that
CLONE_PARENT  equ 0x00008000            ; copy_process checks against the others
CLONE_NEWUSER equ 0x10000000
CLONE_NEWPID  equ 0x20000000

; EAX = clone flags: CF set for a combination Linux's copy_process refuses with EINVAL
; (CLONE_THREAD without CLONE_SIGHAND, CLONE_SIGHAND without CLONE_VM, CLONE_FS with
; CLONE_NEWNS or CLONE_NEWUSER, CLONE_NEWUSER or CLONE_NEWPID with CLONE_THREAD or
; CLONE_PARENT). Keeps all registers.
clone_check_flags:
    push ecx
    mov ecx, eax
    and ecx, LINUX_CLONE_THREAD | LINUX_CLONE_SIGHAND
    cmp ecx, LINUX_CLONE_THREAD
    je .refuse
    mov ecx, eax
    and ecx, LINUX_CLONE_SIGHAND | LINUX_CLONE_VM
    cmp ecx, LINUX_CLONE_SIGHAND
    je .refuse
    test eax, LINUX_CLONE_FS
    jz .namespaces
    test eax, CLONE_NEWNS | CLONE_NEWUSER
    jnz .refuse
.namespaces:
    test eax, CLONE_NEWUSER | CLONE_NEWPID
    jz .fine
    test eax, LINUX_CLONE_THREAD | CLONE_PARENT
    jnz .refuse
.fine:
    pop ecx
    clc
    ret
.refuse:
    pop ecx
    stc
    ret

; clone(flags, stack, parent tid, tls, child tid) with CLONE_THREAD: a new thread of the
; calling process with the caller's registers, EAX = 0, on the given stack (0: the caller's
; ESP); CLONE_SETTLS installs the user_desc at `tls` as its TLS entry (an entry number the
; caller could have set, not -1: Linux's do_set_thread_area without can_allocate);
; CLONE_PARENT_SETTID and CLONE_CHILD_SETTID store its id, CLONE_CHILD_CLEARTID records
; where its end writes 0. Returns its id.
clone_thread:
    mov eax, [ebp + F_EBX]
    and eax, THREAD_NEEDS
    cmp eax, THREAD_NEEDS
    jne .unsupported
    mov ebx, [ebp + F_EIP]
    mov ecx, [ebp + F_ECX]
    test ecx, ecx
    jnz .stack
    mov ecx, [ebp + F_USER_ESP]
.stack:
    xor edx, edx
    call create_thread                  ; EDI = its block, EAX = its id
    jc .again
    mov [clone_tid], eax
    push edi
    mov esi, ebp
    add edi, TCB_FRAME
    mov ecx, FRAME_DWORDS
    rep movsd
    pop edi
    mov dword [edi + TCB_FRAME + F_EAX], 0
    mov eax, [ebp + F_ECX]
    test eax, eax
    jz .tls
    mov [edi + TCB_FRAME + F_USER_ESP], eax
.tls:
    test dword [ebp + F_EBX], LINUX_CLONE_SETTLS
    jz .tids
    mov esi, [ebp + F_ESI]
    call thread_tls_entry
    jc .undo
.tids:
    test dword [ebp + F_EBX], LINUX_CLONE_CHILD_CLEARTID
    jz .child_settid
    mov eax, [ebp + F_EDI]
    mov [edi + TCB_CLEAR_TID], eax
.child_settid:
    mov eax, [clone_tid]
    test dword [ebp + F_EBX], LINUX_CLONE_CHILD_SETTID
    jz .parent_settid
    mov esi, [ebp + F_EDI]
    call store_user_dword               ; linux_fork.asm: the same memory as the child's
.parent_settid:
    test dword [ebp + F_EBX], LINUX_CLONE_PARENT_SETTID
    jz .done
    mov esi, [ebp + F_EDX]
    call store_user_dword
.done:
    mov [ebp + F_EAX], eax
    ret
.undo:
    mov [ebp + F_EAX], eax              ; the new slot is given back
    mov dword [edi + TCB_STATE], THREAD_FREE
    dec dword [thread_count]
    call current_proc
    dec dword [ebx + P_THREADS]
    ret
.again:
    mov dword [ebp + F_EAX], -LINUX_EAGAIN
    ret
.unsupported:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret

; ESI = a user struct user_desc, EDI = a new thread's block: its TLS entry, checked as
; set_thread_area checks it. CF set with EAX = -errno.
thread_tls_entry:
    push edi
    call copy_user_desc                 ; linux_tls.asm
    pop edi
    jc .fault
    mov ebx, [udesc + UD_ENTRY]
    sub ebx, LINUX_TLS_ENTRY_MIN
    cmp ebx, LINUX_TLS_ENTRIES
    jae .invalid
    call user_desc_empty
    jnc .empty
    mov eax, [udesc + UD_FLAGS]
    test eax, UDF_32BIT
    jz .invalid
    test eax, UDF_CONTENTS & ~2
    jnz .invalid
    test eax, UDF_NOT_PRESENT
    jnz .invalid
    call build_descriptor
    jmp .store
.empty:
    xor eax, eax
    xor edx, edx
.store:
    mov [edi + TCB_TLS + ebx * 8], eax
    mov [edi + TCB_TLS + ebx * 8 + 4], edx
    clc
    ret
.invalid:
    mov eax, -LINUX_EINVAL
    stc
    ret
.fault:
    mov eax, -LINUX_EFAULT
    stc
    ret

; set_tid_address(int *): the calling thread's clear_child_tid; returns its id.
linux_set_tid_address:
    call current_tcb
    mov eax, [ebp + F_EBX]
    mov [ebx + TCB_CLEAR_TID], eax
    mov eax, [ebx + TCB_ID]
    mov [ebp + F_EAX], eax
    ret

; set_robust_list(head, length): the calling thread's list; the length must be
; sizeof(struct robust_list_head).
linux_set_robust_list:
    cmp dword [ebp + F_ECX], LINUX_ROBUST_LIST_HEAD_SIZE
    jne linux_invalid
    call current_tcb
    mov eax, [ebp + F_EBX]
    mov [ebx + TCB_ROBUST], eax
    mov dword [ebp + F_EAX], 0
    ret

; sched_yield(): the rest of the time slice goes to the next ready thread (of any process).
linux_sched_yield:
    mov dword [ebp + F_EAX], 0
    jmp schedule

; sched_getaffinity(pid, length, mask): one CPU. As Linux: the length must hold the CPUs
; and be a multiple of a long; the mask's first min(length, CPU_MASK_BYTES) bytes are
; written and their count returned.
linux_sched_getaffinity:
    mov ecx, [ebp + F_ECX]
    test ecx, ecx
    jz linux_invalid
    test ecx, 3
    jnz linux_invalid
    mov eax, [ebp + F_EBX]
    test eax, eax
    jz .self
    js no_such_process
    call find_thread
    jc no_such_process
.self:
    mov ecx, [ebp + F_ECX]
    cmp ecx, LINUX_CPU_MASK_BYTES
    jbe .size
    mov ecx, LINUX_CPU_MASK_BYTES
.size:
    mov esi, [ebp + F_EDX]
    mov edx, 1
    call user_check
    jc linux_fault
    mov dword [esi], 1                  ; CPU 0
    mov [ebp + F_EAX], ecx
    ret

; EBX = a thread found for tkill or tgkill: CF set when the call is tgkill and the thread is
; not one of process tgid's (ESRCH, as Linux's do_tkill). Keeps all registers.
thread_of_process:
    cmp dword [syscall_number], LINUX_SYS_TGKILL
    jne .fine
    push eax
    push ebx
    mov ebx, [ebx + TCB_PROC]
    call proc_entry
    mov eax, [ebx + P_PID]
    cmp eax, [ebp + F_EBX]
    pop ebx
    pop eax
    jne .other
.fine:
    clc
    ret
.other:
    stc
    ret

; ---- the end of a thread ------------------------------------------------------------------

; exit(status) from a Linux thread, before its slot goes (linux_exit): its robust futexes are
; marked FUTEX_OWNER_DIED, and, while other threads share the memory, 0 goes to its
; clear_child_tid with a FUTEX_WAKE there (how pthread_join learns of the end), as Linux's
; mm_release does. Keeps EBP.
thread_exit_release:
    call robust_list_release
    call current_tcb
    mov esi, [ebx + TCB_CLEAR_TID]
    test esi, esi
    jz .done
    mov dword [ebx + TCB_CLEAR_TID], 0
    push ebx
    call current_proc
    cmp dword [ebx + P_THREADS], 1
    pop ebx
    jbe .done
    mov ecx, 4
    mov edx, 1
    call user_check
    jc .done
    test esi, 3
    jnz .done
    mov dword [esi], 0
    mov ecx, 1
    call futex_wake_shared              ; linux_futex.asm
.done:
    ret

; The current thread's robust list (Linux's exit_robust_list): every entry, and the pending
; one, whose futex word holds this thread's id gets FUTEX_OWNER_DIED (FUTEX_WAITERS kept),
; and one waiter is woken when FUTEX_WAITERS was set. An entry's bit 0 marks a PI futex,
; which is marked but whose waiters are not woken here. A bad pointer ends the walk.
robust_list_release:
    call current_tcb
    mov esi, [ebx + TCB_ROBUST]
    test esi, esi
    jz .done
    mov dword [ebx + TCB_ROBUST], 0
    mov eax, [ebx + TCB_ID]
    mov [robust_tid], eax
    mov [robust_head], esi
    mov ecx, LINUX_ROBUST_LIST_HEAD_SIZE
    xor edx, edx
    call user_check
    jc .done
    mov eax, [esi + 4]
    mov [robust_offset], eax
    mov eax, [esi + 8]
    mov [robust_pending], eax
    mov esi, [esi]                      ; the first entry
    mov dword [robust_left], LINUX_ROBUST_LIST_LIMIT
.entry:
    mov eax, esi
    and eax, ~1
    cmp eax, [robust_head]
    je .pending
    push esi
    mov esi, eax
    mov ecx, 4
    xor edx, edx
    call user_check
    pop esi
    jc .done
    mov edi, [eax]                      ; the next entry, read first
    mov edx, [robust_pending]
    and edx, ~1
    cmp eax, edx
    je .skip                            ; the pending one is handled last
    xor ecx, ecx                        ; not pending
    call futex_owner_died
.skip:
    mov esi, edi
    dec dword [robust_left]
    jnz .entry
.pending:
    mov esi, [robust_pending]
    test esi, esi
    jz .done
    mov ecx, 1
    call futex_owner_died
.done:
    ret

; ESI = a robust list entry (bit 0: PI), ECX = 1 for the pending one: the futex word at
; entry + futex_offset, as Linux's handle_futex_death. Keeps EDI.
futex_owner_died:
    push edi
    mov edi, esi
    and edi, 1                          ; EDI = PI
    and esi, ~1
    add esi, [robust_offset]
    test esi, 3
    jnz .done
    push ecx
    mov ecx, 4
    mov edx, 1
    call user_check
    pop ecx
    jc .done
    mov eax, [esi]
    test eax, eax
    jnz .owned
    test ecx, ecx                       ; pending, not PI, no owner: a waiter may need a wake
    jz .done
    test edi, edi
    jnz .done
    jmp .wake
.owned:
    mov edx, eax
    and edx, LINUX_FUTEX_TID_MASK
    cmp edx, [robust_tid]
    jne .done
    mov edx, eax
    and edx, LINUX_FUTEX_WAITERS
    or edx, LINUX_FUTEX_OWNER_DIED
    mov [esi], edx
    test eax, LINUX_FUTEX_WAITERS
    jz .done
    test edi, edi
    jnz .done
.wake:
    mov ecx, 1
    call futex_wake_shared
.done:
    pop edi
    ret

; execve from any thread (linux_exec.asm, after the other threads ended): the thread takes
; its process's id as its own, as Linux's de_thread gives the leader's pid to the thread that
; execs, and its robust list and clear_child_tid are dropped, as exec_mm_release does.
thread_exec_reset:
    push ebx
    push eax
    call current_proc
    mov eax, [ebx + P_PID]
    call current_tcb
    mov [ebx + TCB_ID], eax
    mov dword [ebx + TCB_CLEAR_TID], 0
    mov dword [ebx + TCB_ROBUST], 0
    pop eax
    pop ebx
    ret

section .data
clone_tid       dd 0
robust_tid      dd 0
robust_head     dd 0
robust_offset   dd 0
robust_pending  dd 0
robust_left     dd 0
section .text
