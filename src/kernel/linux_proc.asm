; Process calls of the Linux personality that a libc makes at start-up (glibc's and musl's
; static start code) and a few more: ids, limits, the thread pointer bookkeeping, random
; bytes, /proc/self/exe, the console's terminal ioctls, prctl names, and the
; signal bookkeeping (handlers and masks are recorded and read back; signals are never
; delivered). Layouts are Linux i386's (include/uapi/asm-generic, arch/x86/include/uapi).

LINUX_RLIM_NLIMITS  equ 16
LINUX_RLIMIT_CORE   equ 4
LINUX_RLIMIT_NOFILE equ 7
LINUX_NSIG          equ 64
LINUX_SIGKILL       equ 9
LINUX_SIGSTOP       equ 19
LINUX_SIG_BLOCK     equ 0
LINUX_SIG_SETMASK   equ 2
LINUX_PR_SET_NAME   equ 15
LINUX_PR_GET_NAME   equ 16
LINUX_COMM_SIZE     equ 16
LINUX_GRND_ALL      equ 7               ; GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE

linux_get_id:
    mov dword [ebp + F_EAX], LINUX_UID
    ret

; The program is process 1: its parent is 0, as for init.
linux_getppid:
    mov dword [ebp + F_EAX], 0
    ret

; set_tid_address(int *): recorded (there is no thread exit that clears it); returns the
; thread id.
linux_set_tid_address:
    mov eax, [ebp + F_EBX]
    mov [clear_child_tid], eax
    call current_tcb
    mov eax, [ebx + TCB_ID]
    mov [ebp + F_EAX], eax
    ret

; set_robust_list(head, length): the length must be sizeof(struct robust_list_head).
linux_set_robust_list:
    cmp dword [ebp + F_ECX], 12
    jne .invalid
    mov eax, [ebp + F_EBX]
    mov [robust_list], eax
    mov dword [ebp + F_EAX], 0
    ret
.invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret

; rseq is not offered: libcs then go on without it.
linux_rseq:
    mov dword [ebp + F_EAX], -LINUX_ENOSYS
    ret

; EAX = resource: EDX = soft limit, ECX = hard limit (-1 = RLIM_INFINITY); CF set for an
; unknown resource. Linux's defaults for a shell's child: the stack is stack_size (ulimit -s),
; no core files, 1024 open files (4096 hard), everything else unlimited.
rlimit_of:
    cmp eax, LINUX_RLIM_NLIMITS
    jae .bad
    mov edx, -1
    mov ecx, -1
    cmp eax, LINUX_RLIMIT_STACK
    jne .core
    mov edx, [stack_size]
.core:
    cmp eax, LINUX_RLIMIT_CORE
    jne .files
    xor edx, edx
.files:
    cmp eax, LINUX_RLIMIT_NOFILE
    jne .done
    mov edx, 1024
    mov ecx, 4096
.done:
    clc
    ret
.bad:
    stc
    ret

; ugetrlimit(resource, struct rlimit *)
linux_ugetrlimit:
    mov eax, [ebp + F_EBX]
    call rlimit_of
    jc linux_invalid
.store:
    mov esi, [ebp + F_ECX]
    push ecx
    push edx
    mov ecx, 8
    mov edx, 1
    call user_check
    pop edx
    pop ecx
    jc linux_fault
    mov [esi], edx
    mov [esi + 4], ecx
    mov dword [ebp + F_EAX], 0
    ret

; getrlimit(resource, struct rlimit *), the old call: infinity reads as 0x7FFFFFFF.
linux_getrlimit:
    mov eax, [ebp + F_EBX]
    call rlimit_of
    jc linux_invalid
    cmp edx, -1
    jne .soft
    mov edx, 0x7FFFFFFF
.soft:
    cmp ecx, -1
    jne linux_ugetrlimit.store
    mov ecx, 0x7FFFFFFF
    jmp linux_ugetrlimit.store

; prlimit64(pid, resource, new, old): reads the process's limits; changing them is refused
; (-EPERM), the kernel has no way to honour a new limit.
linux_prlimit64:
    mov eax, [ebp + F_EBX]
    test eax, eax
    jz .self
    cmp eax, LINUX_PID
    jne .no_process
.self:
    mov eax, [ebp + F_ECX]
    call rlimit_of
    jc linux_invalid
    cmp dword [ebp + F_EDX], 0
    jne .no_permission
    mov esi, [ebp + F_ESI]
    test esi, esi
    jz .done
    push ecx
    push edx
    mov ecx, 16
    mov edx, 1
    call user_check
    pop edx
    pop ecx
    jc linux_fault
    mov [esi], edx
    mov [esi + 8], ecx
    xor eax, eax
    cmp edx, -1
    jne .soft_high
    dec eax
.soft_high:
    mov [esi + 4], eax
    xor eax, eax
    cmp ecx, -1
    jne .hard_high
    dec eax
.hard_high:
    mov [esi + 12], eax
.done:
    mov dword [ebp + F_EAX], 0
    ret
.no_process:
    mov dword [ebp + F_EAX], -LINUX_ESRCH
    ret
.no_permission:
    mov dword [ebp + F_EAX], -LINUX_EPERM
    ret

; readlink(path, buffer, size): "/proc/self/exe" (or /proc/1/exe) is the program's path as
; the host resolved it; other links are not known here (-ENOENT). No terminating zero, the
; result is cut at size, like Linux.
linux_readlink:
    mov esi, [ebp + F_EBX]
    mov edi, proc_self_exe
    call user_string_equals
    jnc .exe
    mov esi, [ebp + F_EBX]
    mov edi, proc_1_exe
    call user_string_equals
    jnc .exe
    cmp eax, -LINUX_EFAULT
    je .result
    mov eax, -LINUX_ENOENT
    jmp .result
.exe:
    mov ecx, [ebp + F_EDX]
    test ecx, ecx
    jle .invalid
    cmp ecx, [exe_path_size]
    jbe .length
    mov ecx, [exe_path_size]
.length:
    mov esi, [ebp + F_ECX]
    mov edx, 1
    call user_check
    mov eax, -LINUX_EFAULT
    jc .result
    mov edi, esi
    mov esi, [exe_path]
    mov eax, ecx
    rep movsb
.result:
    mov [ebp + F_EAX], eax
    ret
.invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret

; ESI = user string, EDI = kernel string: CF clear when equal. EAX = -EFAULT when the user
; string runs into memory it may not read.
user_string_equals:
    xor eax, eax
.next:
    push edx
    push ecx
    mov ecx, 1
    xor edx, edx
    call user_check
    pop ecx
    pop edx
    jc .fault
    mov al, [esi]
    cmp al, [edi]
    jne .differ
    test al, al
    jz .equal
    inc esi
    inc edi
    jmp .next
.equal:
    clc
    ret
.fault:
    mov eax, -LINUX_EFAULT
.differ:
    stc
    ret

; getrandom(buffer, length, flags): bytes of the boot seed's sequence (random_dword), so a
; run with the same --seed gets the same bytes.
linux_getrandom:
    test dword [ebp + F_EDX], ~LINUX_GRND_ALL
    jnz linux_invalid
    mov ecx, [ebp + F_ECX]
    cmp ecx, 0x01FFFFFF                 ; Linux returns at most 32 MiB - 1 per call
    jbe .length
    mov ecx, 0x01FFFFFF
.length:
    mov esi, [ebp + F_EBX]
    mov edx, 1
    call user_check
    jc linux_fault
    mov [ebp + F_EAX], ecx
    mov edi, esi
.dword:
    cmp ecx, 4
    jb .bytes
    call random_dword
    stosd
    sub ecx, 4
    jmp .dword
.bytes:
    jecxz .done
    call random_dword
.byte:
    stosb
    shr eax, 8
    loop .byte
.done:
    ret

; ioctl(fd, request, argument) on the console fds: TCGETS and TIOCGWINSZ answer when the
; console is a terminal (tty=1: a 24x80 terminal in Linux's default cooked mode), -ENOTTY
; otherwise, which is what a libc sees for a pipe.
linux_ioctl_console:
    cmp dword [ebp + F_EBX], 2
    ja linux_bad_fd
    cmp dword [console_tty], 0
    je .not_tty
    mov eax, [ebp + F_ECX]
    cmp eax, LINUX_TCGETS
    je .tcgets
    cmp eax, LINUX_TIOCGWINSZ
    je .winsize
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret
.tcgets:
    mov esi, default_termios
    mov ecx, LINUX_TERMIOS_SIZE
    jmp .copy
.winsize:
    mov esi, default_winsize
    mov ecx, 8
.copy:
    push esi
    mov esi, [ebp + F_EDX]
    mov edx, 1
    call user_check
    mov edi, esi
    pop esi
    jc linux_fault
    rep movsb
    mov dword [ebp + F_EAX], 0
    ret
.not_tty:
    mov dword [ebp + F_EAX], -LINUX_ENOTTY
    ret

; prctl(option, ...): the thread name (PR_SET_NAME, PR_GET_NAME, 16 bytes); other options
; -EINVAL.
linux_prctl:
    mov eax, [ebp + F_EBX]
    cmp eax, LINUX_PR_SET_NAME
    je .set
    cmp eax, LINUX_PR_GET_NAME
    je .get
    jmp linux_invalid
.set:
    mov esi, [ebp + F_ECX]
    mov edi, comm_name
    mov ecx, LINUX_COMM_SIZE - 1
.set_byte:
    push ecx
    mov ecx, 1
    xor edx, edx
    call user_check
    pop ecx
    jc linux_fault
    lodsb
    stosb
    test al, al
    jz .set_done
    loop .set_byte
    mov byte [edi], 0
.set_done:
    mov dword [ebp + F_EAX], 0
    ret
.get:
    mov esi, [ebp + F_ECX]
    mov ecx, LINUX_COMM_SIZE
    mov edx, 1
    call user_check
    jc linux_fault
    mov edi, esi
    mov esi, comm_name
    rep movsb
    mov dword [ebp + F_EAX], 0
    ret

; rt_sigaction(signal, act, old act, sigset size): struct kernel sigaction is handler,
; flags, restorer, mask (8 bytes). Recorded and read back; no signal is ever delivered.
linux_rt_sigaction:
    cmp dword [ebp + F_ESI], 8
    jne linux_invalid
    mov eax, [ebp + F_EBX]
    call signal_slot                    ; EBX = the record
    jc linux_invalid
    mov esi, [ebp + F_EDX]
    test esi, esi
    jz .new
    mov ecx, 20
    mov edx, 1
    call user_check
    jc linux_fault
.new:
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz .old
    cmp dword [ebp + F_EBX], LINUX_SIGKILL
    je linux_invalid
    cmp dword [ebp + F_EBX], LINUX_SIGSTOP
    je linux_invalid
    mov ecx, 20
    xor edx, edx
    call user_check
    jc linux_fault
    mov edi, sigaction_scratch
    mov ecx, 5
    rep movsd
.old:
    mov edi, [ebp + F_EDX]
    test edi, edi
    jz .store
    mov esi, ebx
    mov ecx, 5
    rep movsd
.store:
    cmp dword [ebp + F_ECX], 0
    je .done
    mov esi, sigaction_scratch
    mov edi, ebx
    mov ecx, 5
    rep movsd
.done:
    mov dword [ebp + F_EAX], 0
    ret

; sigaction(signal, act, old act), the old call: struct old_sigaction is handler, mask
; (4 bytes), flags, restorer.
linux_sigaction:
    mov eax, [ebp + F_EBX]
    call signal_slot
    jc linux_invalid
    mov esi, [ebp + F_EDX]
    test esi, esi
    jz .new
    mov ecx, 16
    mov edx, 1
    call user_check
    jc linux_fault
.new:
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz .old
    cmp dword [ebp + F_EBX], LINUX_SIGKILL
    je linux_invalid
    cmp dword [ebp + F_EBX], LINUX_SIGSTOP
    je linux_invalid
    mov ecx, 16
    xor edx, edx
    call user_check
    jc linux_fault
    mov eax, [esi]
    mov [sigaction_scratch], eax        ; handler
    mov eax, [esi + 8]
    mov [sigaction_scratch + 4], eax    ; flags
    mov eax, [esi + 12]
    mov [sigaction_scratch + 8], eax    ; restorer
    mov eax, [esi + 4]
    mov [sigaction_scratch + 12], eax   ; mask, low half
    mov dword [sigaction_scratch + 16], 0
.old:
    mov edi, [ebp + F_EDX]
    test edi, edi
    jz .store
    mov eax, [ebx]
    mov [edi], eax
    mov eax, [ebx + 12]
    mov [edi + 4], eax
    mov eax, [ebx + 4]
    mov [edi + 8], eax
    mov eax, [ebx + 8]
    mov [edi + 12], eax
.store:
    cmp dword [ebp + F_ECX], 0
    je .done
    mov esi, sigaction_scratch
    mov edi, ebx
    mov ecx, 5
    rep movsd
.done:
    mov dword [ebp + F_EAX], 0
    ret

; EAX = signal number: EBX = its record in signal_actions; CF set outside 1..64.
signal_slot:
    dec eax
    cmp eax, LINUX_NSIG
    jae .bad
    imul ebx, eax, 20
    add ebx, signal_actions
    clc
    ret
.bad:
    stc
    ret

; rt_sigprocmask(how, set, old set, sigset size): the mask is recorded (SIGKILL and SIGSTOP
; cannot be blocked) and read back.
linux_rt_sigprocmask:
    cmp dword [ebp + F_ESI], 8
    jne linux_invalid
    mov ecx, 8
    jmp sigprocmask_common

; sigprocmask(how, set, old set), the old call with a 4-byte set.
linux_sigprocmask:
    mov ecx, 4
sigprocmask_common:
    mov [mask_size], ecx
    mov esi, [ebp + F_EDX]
    test esi, esi
    jz .new
    mov edx, 1
    call user_check
    jc linux_fault
.new:
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz .old
    cmp dword [ebp + F_EBX], LINUX_SIG_SETMASK
    ja linux_invalid
    xor edx, edx
    call user_check
    jc linux_fault
    mov eax, [esi]
    xor edx, edx
    cmp ecx, 8
    jb .read
    mov edx, [esi + 4]
.read:
    ; EDX:EAX = the set. Old values go out before the new mask is applied.
    push eax
    push edx
    call .store_old
    pop edx
    pop eax
    and eax, ~((1 << (LINUX_SIGKILL - 1)) | (1 << (LINUX_SIGSTOP - 1)))
    mov ecx, [ebp + F_EBX]
    cmp ecx, LINUX_SIG_BLOCK
    je .block
    cmp ecx, LINUX_SIG_SETMASK
    je .set
    not eax                             ; SIG_UNBLOCK
    not edx
    and [signal_mask], eax
    and [signal_mask + 4], edx
    jmp .done
.block:
    or [signal_mask], eax
    or [signal_mask + 4], edx
    jmp .done
.set:
    mov [signal_mask], eax
    mov [signal_mask + 4], edx
    jmp .done
.old:
    call .store_old
.done:
    mov dword [ebp + F_EAX], 0
    ret
.store_old:
    mov edi, [ebp + F_EDX]
    test edi, edi
    jz .no_old
    mov eax, [signal_mask]
    stosd
    cmp dword [mask_size], 8
    jb .no_old
    mov eax, [signal_mask + 4]
    stosd
.no_old:
    ret

; kill(pid, signal), tkill(tid, signal), tgkill(tgid, tid, signal) sent to this process:
; signal 0 checks; an ignored signal (SIG_IGN, or one whose default is to be ignored) does
; nothing; with the default action the program ends with status 128 + signal, as a shell
; reports a death by signal. A blocked signal, or one with a handler, cannot be delivered
; here (no signal frames): -ENOSYS, so a libc's abort() goes on to its SIG_DFL path.
linux_kill:
    mov eax, [ebp + F_EBX]
    test eax, eax
    jz .ours
    cmp eax, -1
    je .ours
    cmp eax, LINUX_PID
    jne no_such_process
.ours:
    mov eax, [ebp + F_ECX]
    jmp send_signal

linux_tkill:
    mov eax, [ebp + F_EBX]
    call thread_exists
    jc no_such_process
    mov eax, [ebp + F_ECX]
    jmp send_signal

linux_tgkill:
    cmp dword [ebp + F_EBX], LINUX_PID
    jne no_such_process
    mov eax, [ebp + F_ECX]
    call thread_exists
    jc no_such_process
    mov eax, [ebp + F_EDX]
    ; fall through

; EAX = signal number for this process.
send_signal:
    test eax, eax
    jz .done
    cmp eax, LINUX_NSIG
    ja linux_invalid
    push eax
    call signal_slot
    pop eax
    cmp dword [ebx], 1                  ; SIG_IGN
    je .done
    cmp dword [ebx], 0                  ; a handler: not deliverable here
    jne linux_rseq
    lea ecx, [eax - 1]
    cmp ecx, 32
    jae .unblocked
    bt [signal_mask], ecx
    jc linux_rseq
    jmp .default
.unblocked:
    sub ecx, 32
    bt [signal_mask + 4], ecx
    jc linux_rseq
.default:
    bt dword [default_ignored], eax
    jc .done
    add eax, 128
    jmp program_exit
.done:
    mov dword [ebp + F_EAX], 0
    ret

; EAX = thread id: CF clear when a thread of the program has it.
thread_exists:
    push ebx
    push ecx
    mov ebx, TCB_TABLE
    mov ecx, LIMIT_MAX_THREADS
.each:
    cmp dword [ebx + TCB_STATE], THREAD_FREE
    je .next
    cmp [ebx + TCB_ID], eax
    je .found
.next:
    add ebx, TCB_SIZE
    loop .each
    pop ecx
    pop ebx
    stc
    ret
.found:
    pop ecx
    pop ebx
    clc
    ret

no_such_process:
    mov dword [ebp + F_EAX], -LINUX_ESRCH
    ret

; Signals whose default action is to be ignored: SIGCHLD 17, SIGCONT 18, SIGURG 23,
; SIGWINCH 28 (bit n = signal n).
default_ignored dd (1 << 17) | (1 << 18) | (1 << 23) | (1 << 28)

; Shared endings.
linux_invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret
linux_fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret
linux_bad_fd:
    mov dword [ebp + F_EAX], -LINUX_EBADF
    ret

proc_self_exe db "/proc/self/exe", 0
proc_1_exe    db "/proc/1/exe", 0
; struct termios (kernel, 36 bytes): c_iflag ICRNL|IXON, c_oflag OPOST|ONLCR, c_cflag
; B38400|CS8|CREAD, c_lflag ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN, c_line 0,
; c_cc: the default control characters (include/linux/tty.h INIT_C_CC).
default_termios:
    dd 0x00000500, 0x00000005, 0x000000BF, 0x00008A3B
    db 0
    db 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0
default_winsize:
    dw 24, 80, 0, 0                     ; rows, columns, pixel width and height

section .data
clear_child_tid   dd 0
robust_list       dd 0
console_tty       dd 0                  ; boot option tty=
mask_size         dd 0
signal_mask       dd 0, 0
sigaction_scratch times 5 dd 0
signal_actions    times LINUX_NSIG * 5 dd 0
comm_name         times LINUX_COMM_SIZE db 0
section .text
