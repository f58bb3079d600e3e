; More calls of the Linux personality that real programs (Debian's busybox) make: `readlink`
; of a path in the file view, `getgroups` (`poll` is in linux_wait.asm).

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
