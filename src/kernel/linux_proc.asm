; Process calls of the Linux personality that a libc makes at start-up (glibc's and musl's
; static start code) and a few more: ids, limits, the thread pointer bookkeeping, random
; bytes, /proc/self/exe, the console's terminal ioctls, prctl names (signals are in
; linux_signal.asm). Layouts are Linux i386's (include/uapi/asm-generic, arch/x86/include/uapi).

LINUX_RLIM_NLIMITS  equ 16
LINUX_RLIMIT_CORE   equ 4
LINUX_RLIMIT_NOFILE equ 7
LINUX_PR_SET_NAME   equ 15
LINUX_PR_GET_NAME   equ 16
LINUX_COMM_SIZE     equ 16
LINUX_GRND_ALL      equ 7               ; GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE

linux_get_id:
    mov dword [ebp + F_EAX], LINUX_UID
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
    jmp readlink_view               ; linux_misc.asm: any other path is the view's
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
; ESI = user buffer, ECX = count: the call's result is ECX random bytes there (also /dev/urandom).
random_fill:
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
    cmp eax, LINUX_TIOCGPGRP
    je console_pgrp                     ; linux_wait.asm
    cmp eax, LINUX_TIOCSPGRP
    je console_pgrp
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

no_such_process:
    mov dword [ebp + F_EAX], -LINUX_ESRCH
    ret

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
console_tty       dd 0                  ; boot option tty=
comm_name         times LINUX_COMM_SIZE db 0
section .text
