; More calls of the Linux personality that real programs (Debian's busybox) make: `poll`,
; `readlink` of a path in the file view, `getgroups`.

; poll(struct pollfd *fds, nfds, timeout ms): each open descriptor is ready for what its
; access mode allows (POLLIN/POLLRDNORM when readable, POLLOUT/POLLWRNORM when writable: a
; read or write that follows blocks as it must, so nothing is lost, but poll itself never
; waits for data); one that is not open is POLLNVAL, a negative fd is skipped. With nothing
; ready it sleeps for the timeout (a signal ends it with -EINTR), or, with a negative
; timeout, until a signal. Returns the number of entries with events.
linux_poll:
    mov ecx, [ebp + F_ECX]
    cmp ecx, POLL_MAX_FDS
    ja linux_invalid
    mov esi, [ebp + F_EBX]
    shl ecx, 3
    call user_check_write
    jc linux_fault
    shr ecx, 3
    xor edi, edi                        ; entries with events
    jecxz .counted
.entry:
    mov word [esi + 6], 0
    mov ebx, [esi]
    test ebx, ebx
    js .next
    call fd_access_mode
    jc .closed
    xor edx, edx
    cmp eax, LINUX_FILE_O_WRONLY
    je .writable
    or edx, LINUX_FILE_POLLIN | LINUX_FILE_POLLRDNORM
.writable:
    cmp eax, LINUX_FILE_O_RDONLY
    je .events
    or edx, LINUX_FILE_POLLOUT | LINUX_FILE_POLLWRNORM
.events:
    and dx, [esi + 4]
    jz .next
    mov [esi + 6], dx
    inc edi
    jmp .next
.closed:
    mov word [esi + 6], LINUX_FILE_POLLNVAL
    inc edi
.next:
    add esi, 8
    loop .entry
.counted:
    mov [ebp + F_EAX], edi
    test edi, edi
    jnz .done
    mov eax, [ebp + F_EDX]
    test eax, eax
    jz .done
    js linux_pause                      ; nothing to wait for but a signal
    xor edx, edx
    mov ecx, 1000
    div ecx
    imul edx, edx, 1000000              ; EAX = seconds, EDX = nanoseconds
    push eax
    push edx
    xor eax, eax                        ; no remainder to report
    mov edx, SLEEP_REM_32
    call sleep_remainder_at
    pop edx
    pop eax
    jmp linux_sleep
.done:
    ret

POLL_MAX_FDS equ 4096

; EBX = fd: EAX = its access mode (O_RDONLY, O_WRONLY, O_RDWR), CF set when it is not open.
; Without the device only the console's 1 and 2 are open. Keeps other registers but EDX.
fd_access_mode:
    cmp byte [hostio_present], 0
    je .console
    push ecx
    mov eax, HOSTIO_OP_FCNTL
    mov ecx, LINUX_FILE_F_GETFL
    call hostio_call
    pop ecx
    test eax, eax
    js .closed
    and eax, LINUX_FILE_O_ACCMODE
    clc
    ret
.console:
    mov eax, LINUX_FILE_O_WRONLY
    cmp ebx, 1
    je .open
    cmp ebx, 2
    je .open
.closed:
    stc
    ret
.open:
    clc
    ret

; readlink(path, buffer, size) for every path but /proc/self/exe (linux_proc.asm): the view's
; link text (EINVAL for what is not a link), through the device; ENOENT without it.
readlink_view:
    NEED_DEVICE -LINUX_ENOENT
    mov eax, HOSTIO_OP_READLINKAT
    mov ebx, LINUX_AT_FDCWD
    mov ecx, [ebp + F_EBX]
    mov edx, [ebp + F_ECX]
    mov esi, [ebp + F_EDX]
    jmp linux_call_store

; getgroups(size, list) and getgroups32: the process has no supplementary groups (its only
; group is its gid, 0), so the count is 0 whatever the size; a negative size is -EINVAL.
linux_getgroups:
    cmp dword [ebp + F_EBX], 0
    jl linux_invalid
    mov dword [ebp + F_EAX], 0
    ret
