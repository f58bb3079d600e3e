; The Linux personality's calls that change files or describe them (docs/HOSTIO.md): umask,
; creat, rename, links, modes, owners, times, pwrite64, sync, truncate, statfs, flock,
; sendfile, the old getdents, fadvise, mknod; and the process-information calls beside them
; (sysinfo, priorities, sched_get*, personality). A file call is one request to the host I/O
; device (the macros and linux_call_store are in linux_io.asm), in the device's order: the
; old forms become their *at forms at the current directory, a descriptor call is its *at
; form with a null path. Without the device a path call is ENOENT, a descriptor call EBADF.

; ---- the file-creation mask ----

; umask(mask): the old mask; the new one keeps the permission bits (Linux: S_IRWXUGO).
linux_umask:
    mov eax, [ebp + F_EBX]
    and eax, 0x1FF
    xchg eax, [file_umask]
    mov [ebp + F_EAX], eax
    ret

; ESI = a mode: the mode without the bits of the process's umask. Keeps other registers.
apply_umask:
    push eax
    mov eax, [file_umask]
    not eax
    and esi, eax
    pop eax
    ret

; creat(path, mode) = open(path, O_CREAT | O_WRONLY | O_TRUNC, mode)
linux_creat:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    mov edx, LINUX_FILE_O_CREAT | LINUX_FILE_O_WRONLY | LINUX_FILE_O_TRUNC
    mov esi, [ebp + F_ECX]
    call apply_umask
    mov eax, HOSTIO_OP_OPENAT
    jmp linux_call_store

; mknod(path, mode, dev) = mknodat(AT_FDCWD, path, mode, dev)
linux_mknod:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    mov esi, [ebp + F_ECX]
    mov edi, [ebp + F_EDX]
    jmp mknod_common
linux_mknodat:
    NEED_DEVICE -LINUX_ENOENT
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov esi, [ebp + F_EDX]
    mov edi, [ebp + F_ESI]
mknod_common:
    call apply_umask
    mov edx, esi
    mov esi, edi
    mov eax, HOSTIO_OP_MKNODAT
    jmp linux_call_store

; ---- names: rename, link, symlink ----

; EBX = old path, ECX = new path of an old-style call: the *at operation EAX at the current
; directory with flags EDI.
two_paths_at_cwd:
    mov ecx, [ebp + F_EBX]
    mov esi, [ebp + F_ECX]
    mov ebx, LINUX_AT_FDCWD
    mov edx, ebx
    jmp linux_call_store

linux_rename:
    NEED_DEVICE -LINUX_ENOENT
    xor edi, edi
    mov eax, HOSTIO_OP_RENAMEAT2
    jmp two_paths_at_cwd

; renameat(old dirfd, old, new dirfd, new) = renameat2 without flags
linux_renameat:
    NEED_DEVICE -LINUX_ENOENT
    mov eax, HOSTIO_OP_RENAMEAT2
    jmp forward_four_args

linux_renameat2:
    DEVICE_CALL -LINUX_ENOENT, HOSTIO_OP_RENAMEAT2

linux_link:
    NEED_DEVICE -LINUX_ENOENT
    xor edi, edi
    mov eax, HOSTIO_OP_LINKAT
    jmp two_paths_at_cwd

linux_linkat:
    DEVICE_CALL -LINUX_ENOENT, HOSTIO_OP_LINKAT

; symlink(target, path) = symlinkat(target, AT_FDCWD, path)
linux_symlink:
    NEED_DEVICE -LINUX_ENOENT
    mov ebx, [ebp + F_EBX]
    mov ecx, LINUX_AT_FDCWD
    mov edx, [ebp + F_ECX]
    mov eax, HOSTIO_OP_SYMLINKAT
    jmp linux_call_store

linux_symlinkat:
    DEVICE_CALL -LINUX_ENOENT, HOSTIO_OP_SYMLINKAT

linux_readlinkat:
    DEVICE_CALL -LINUX_ENOENT, HOSTIO_OP_READLINKAT

; EAX = operation: the call's first four arguments, the fifth 0.
forward_four_args:
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, [ebp + F_EDX]
    mov esi, [ebp + F_ESI]
    xor edi, edi
    jmp linux_call_store

; ---- modes and owners ----

; chmod(path, mode) = fchmodat(AT_FDCWD, path, mode)
linux_chmod:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    mov edx, [ebp + F_ECX]
    xor esi, esi
    mov eax, HOSTIO_OP_FCHMODAT
    jmp linux_call_store

; fchmod(fd, mode): the descriptor itself (a null path).
linux_fchmod:
    NEED_DEVICE -LINUX_EBADF
    mov ebx, [ebp + F_EBX]
    xor ecx, ecx
    mov edx, [ebp + F_ECX]
    xor esi, esi
    mov eax, HOSTIO_OP_FCHMODAT
    jmp linux_call_store

; fchmodat(dirfd, path, mode): three arguments, no flags.
linux_fchmodat:
    NEED_DEVICE -LINUX_ENOENT
    mov eax, HOSTIO_OP_FCHMODAT
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, [ebp + F_EDX]
    xor esi, esi
    jmp linux_call_store

; The 16-bit forms (lchown, fchown, chown: old_uid_t) widen 0xFFFF to -1, "unchanged".
linux_chown16:
    xor edi, edi
    jmp chown16
linux_lchown16:
    mov edi, LINUX_AT_SYMLINK_NOFOLLOW
chown16:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
chown16_ids:
    movzx edx, word [ebp + F_ECX]
    movzx esi, word [ebp + F_EDX]
    cmp edx, 0xFFFF
    jne .gid
    or edx, -1
.gid:
    cmp esi, 0xFFFF
    jne .call
    or esi, -1
.call:
    mov eax, HOSTIO_OP_FCHOWNAT
    jmp linux_call_store

linux_fchown16:
    NEED_DEVICE -LINUX_EBADF
    mov ebx, [ebp + F_EBX]
    xor ecx, ecx
    xor edi, edi
    jmp chown16_ids

; chown32(path, uid, gid) and lchown32 = fchownat(AT_FDCWD, path, uid, gid, flags)
linux_chown32:
    xor edi, edi
    jmp chown32
linux_lchown32:
    mov edi, LINUX_AT_SYMLINK_NOFOLLOW
chown32:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    mov edx, [ebp + F_ECX]
    mov esi, [ebp + F_EDX]
    mov eax, HOSTIO_OP_FCHOWNAT
    jmp linux_call_store

linux_fchown32:
    NEED_DEVICE -LINUX_EBADF
    mov ebx, [ebp + F_EBX]
    xor ecx, ecx
    mov edx, [ebp + F_ECX]
    mov esi, [ebp + F_EDX]
    xor edi, edi
    mov eax, HOSTIO_OP_FCHOWNAT
    jmp linux_call_store

linux_fchownat:
    DEVICE_CALL -LINUX_ENOENT, HOSTIO_OP_FCHOWNAT

; ---- times: every form is the device's utimensat with the layout of its times ----

; utime(path, struct utimbuf *) and utimes(path, struct timeval[2]): at the current directory.
linux_utime:
    mov edi, LINUX_FS_TIMES_UTIMBUF
    jmp utimes_at_cwd
linux_utimes:
    mov edi, LINUX_FS_TIMES_TIMEVAL
utimes_at_cwd:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    mov edx, [ebp + F_ECX]
    xor esi, esi
    mov eax, HOSTIO_OP_UTIMENSAT
    jmp linux_call_store

; futimesat(dirfd, path, struct timeval[2])
linux_futimesat:
    NEED_DEVICE -LINUX_ENOENT
    xor esi, esi
    mov edi, LINUX_FS_TIMES_TIMEVAL
    jmp utimensat_common

; utimensat(dirfd, path, times, flags) with 32-bit or 64-bit struct timespec.
linux_utimensat:
    NEED_DEVICE -LINUX_ENOENT
    mov edi, LINUX_FS_TIMES_TIMESPEC32
    mov esi, [ebp + F_ESI]
    jmp utimensat_common
linux_utimensat_time64:
    NEED_DEVICE -LINUX_ENOENT
    mov edi, LINUX_FS_TIMES_TIMESPEC64
    mov esi, [ebp + F_ESI]
utimensat_common:
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, [ebp + F_EDX]
    mov eax, HOSTIO_OP_UTIMENSAT
    jmp linux_call_store

; ---- data: pwrite64, sync, truncate ----

; pwrite64(fd, buffer, count, offset low, offset high): the position stays.
linux_pwrite64:
    DEVICE_CALL -LINUX_EBADF, HOSTIO_OP_PWRITE

; preadv and pwritev(fd, iovec array, count, offset low, offset high)
linux_preadv:
    DEVICE_CALL -LINUX_EBADF, HOSTIO_OP_PREADV
linux_pwritev:
    DEVICE_CALL -LINUX_EBADF, HOSTIO_OP_PWRITEV

; fsync(fd), fdatasync(fd): that file; syncfs(fd): every open file, once fd is checked.
linux_fsync:
    NEED_DEVICE -LINUX_EBADF
    mov ebx, [ebp + F_EBX]
    xor ecx, ecx
    mov eax, HOSTIO_OP_FSYNC
    jmp linux_call_store
linux_syncfs:
    NEED_DEVICE -LINUX_EBADF
    mov ebx, [ebp + F_EBX]
    mov ecx, 1
    mov eax, HOSTIO_OP_FSYNC
    jmp linux_call_store

; sync(): every open file; always succeeds.
linux_sync:
    NEED_DEVICE 0
    or ebx, -1
    mov ecx, 1
    mov eax, HOSTIO_OP_FSYNC
    call hostio_call
    mov dword [ebp + F_EAX], 0
    ret

; truncate(path, length): the length sign-extended; truncate64(path, low, high).
linux_truncate:
    NEED_DEVICE -LINUX_ENOENT
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, ecx
    sar edx, 31
    mov eax, HOSTIO_OP_TRUNCATE
    jmp linux_call_store
linux_truncate64:
    DEVICE_CALL -LINUX_ENOENT, HOSTIO_OP_TRUNCATE

; ---- statfs ----

; statfs(path, struct statfs *), fstatfs(fd, struct statfs *)
linux_statfs:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    mov edx, [ebp + F_ECX]
    jmp statfs_small
linux_fstatfs:
    NEED_DEVICE -LINUX_EBADF
    mov ebx, [ebp + F_EBX]
    xor ecx, ecx
    mov edx, [ebp + F_ECX]
statfs_small:
    mov esi, LINUX_FS_STATFS_SIZE
    mov eax, HOSTIO_OP_STATFS
    jmp linux_call_store

; statfs64(path, size, struct statfs64 *), fstatfs64(fd, size, ...): the size must be i386's.
linux_statfs64:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    jmp statfs_large
linux_fstatfs64:
    NEED_DEVICE -LINUX_EBADF
    mov ebx, [ebp + F_EBX]
    xor ecx, ecx
statfs_large:
    cmp dword [ebp + F_ECX], LINUX_FS_STATFS64_SIZE
    jne linux_invalid
    mov edx, [ebp + F_EDX]
    mov esi, LINUX_FS_STATFS64_SIZE
    mov eax, HOSTIO_OP_STATFS
    jmp linux_call_store

; ---- descriptors: flock, sendfile, getdents, fadvise ----

; flock(fd, operation): a lock another open file holds makes the call wait (the device
; answers BLOCK and the call is made again), or EWOULDBLOCK with LOCK_NB.
linux_flock:
    DEVICE_CALL -LINUX_EBADF, HOSTIO_OP_FLOCK

; sendfile(out, in, off_t *offset, count) and sendfile64 (loff_t *): the offset's page gets
; its frame first (the device stores only to present pages).
linux_sendfile:
    mov edi, 4
    jmp sendfile_common
linux_sendfile64:
    mov edi, 8
sendfile_common:
    NEED_DEVICE -LINUX_EBADF
    mov esi, [ebp + F_EDX]
    test esi, esi
    jz .call
    mov ecx, edi
    call user_check_write
    jc linux_fault
.call:
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, [ebp + F_EDX]
    mov esi, [ebp + F_ESI]
    mov eax, HOSTIO_OP_SENDFILE
    jmp linux_call_store

; getdents(fd, struct linux_dirent *, count): the old records (32-bit inode numbers).
linux_getdents:
    NEED_DEVICE -LINUX_EBADF
    call prefault_read_buffer
    mov eax, HOSTIO_OP_GETDENTS
    jmp linux_forward_args

; fadvise64(fd, offset low, offset high, len, advice) and fadvise64_64(fd, offset low,
; offset high, len low, len high, advice): advice only; the device checks the descriptor and
; the advice as Linux does (EBADF, ESPIPE for a pipe, EINVAL).
linux_fadvise64:
    mov ecx, [ebp + F_EDI]
    jmp fadvise_common
linux_fadvise64_64:
    mov ecx, [ebp + F_EBP]
fadvise_common:
    NEED_DEVICE -LINUX_EBADF
    mov ebx, [ebp + F_EBX]
    mov eax, HOSTIO_OP_FADVISE
    jmp linux_call_store

; ---- process information ----

; sysinfo(struct sysinfo *): uptime from the machine's monotonic clock (rounded up, as Linux),
; the RAM the machine has and what is free (reserved demand-zero pages count as used), the
; number of processes. No load averages (0), no swap, mem_unit 1.
linux_sysinfo:
    mov esi, [ebp + F_EBX]
    mov ecx, LINUX_FS_SYSINFO_SIZE
    call user_check_write
    jc linux_fault
    mov edi, esi
    xor eax, eax
    rep stosb
    mov ebx, LINUX_CLOCK_MONOTONIC
    push esi
    call clock_read
    pop esi
    test edx, edx
    jz .seconds
    inc eax
.seconds:
    mov [esi + LINUX_FS_SYSINFO_UPTIME], eax
    mov eax, [memory_end]
    mov [esi + LINUX_FS_SYSINFO_TOTALRAM], eax
    mov eax, [free_pages]
    sub eax, [committed_pages]
    shl eax, 12
    mov [esi + LINUX_FS_SYSINFO_FREERAM], eax
    xor eax, eax
    mov ebx, PROC_TABLE
    mov ecx, LINUX_MAX_PROCESSES
.count:
    cmp dword [ebx + P_STATE], PROC_FREE
    je .next
    inc eax
.next:
    add ebx, P_SIZE
    loop .count
    mov [esi + LINUX_FS_SYSINFO_PROCS], ax
    mov dword [esi + LINUX_FS_SYSINFO_MEM_UNIT], 1
    mov dword [ebp + F_EAX], 0
    ret

; personality(persona): the old persona; 0xffffffff only asks.
linux_set_personality:
    mov eax, [ebp + F_EBX]
    mov edx, [persona]
    cmp eax, LINUX_FS_PERSONALITY_QUERY
    je .result
    mov [persona], eax
.result:
    mov [ebp + F_EAX], edx
    ret

; sched_getscheduler(pid): SCHED_OTHER for every process; sched_getparam(pid, param *):
; priority 0. A negative pid is EINVAL, one that does not exist ESRCH.
linux_sched_getscheduler:
    mov eax, [ebp + F_EBX]
    test eax, eax
    js linux_invalid
    call process_argument
    jc no_such_process
    mov dword [ebp + F_EAX], LINUX_FS_SCHED_OTHER
    ret

linux_sched_getparam:
    mov eax, [ebp + F_EBX]
    test eax, eax
    js linux_invalid
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz linux_invalid
    call process_argument
    jc no_such_process
    mov esi, [ebp + F_ECX]
    mov ecx, 4
    call user_check_write
    jc linux_fault
    mov dword [esi], 0
    mov dword [ebp + F_EAX], 0
    ret

; The nice value is a per-process variable; another process's copy is in its variables page
; (P_VARS) at NICE_OFFSET, process_vars listing file_umask first and nice_value second.
NICE_OFFSET equ 4

; ESI = a process table entry: EDI = the address of its nice value. Keeps other registers.
nice_address:
    mov edi, nice_value
    push ebx
    call current_proc
    cmp esi, ebx
    pop ebx
    je .done
    mov edi, [esi + P_VARS]
    add edi, LINUX_PHYS_WINDOW + NICE_OFFSET
.done:
    ret

; EBX = which, ECX = who, ESI = a process table entry: CF clear when it is a live process of
; those named (who 0: the caller's pid or group, or uid). Keeps registers.
priority_match:
    cmp dword [esi + P_STATE], PROC_ALIVE
    jne .no
    pushad
    cmp ebx, LINUX_FS_PRIO_USER
    je .user
    mov edi, P_PID
    cmp ebx, LINUX_FS_PRIO_PGRP
    jne .field
    mov edi, P_PGID
.field:
    test ecx, ecx
    jnz .compare
    call current_proc
    mov ecx, [ebx + edi]
.compare:
    cmp [esi + edi], ecx
    jmp .answer
.user:
    test ecx, ecx                   ; every process runs as LINUX_UID
    jz .answer
    cmp ecx, LINUX_UID
.answer:
    popad                           ; keeps the flags of the comparison
    je .yes
.no:
    stc
    ret
.yes:
    clc
    ret

; getpriority(which, who): 20 - the lowest nice value of the processes named, as Linux's
; system call returns it (glibc turns it back); ESRCH when none, EINVAL for another which.
linux_getpriority:
    mov ebx, [ebp + F_EBX]
    cmp ebx, LINUX_FS_PRIO_USER
    ja linux_invalid
    mov ecx, [ebp + F_ECX]
    mov eax, LINUX_FS_NICE_MAX + 1  ; none found yet
    mov esi, PROC_TABLE
.each:
    call priority_match
    jc .next
    call nice_address
    cmp [edi], eax
    jge .next
    mov eax, [edi]
.next:
    add esi, P_SIZE
    cmp esi, PROC_TABLE + LINUX_MAX_PROCESSES * P_SIZE
    jb .each
    cmp eax, LINUX_FS_NICE_MAX + 1
    je no_such_process
    neg eax
    add eax, 20
    mov [ebp + F_EAX], eax
    ret

; setpriority(which, who, nice): every process named gets nice, kept in [-20, 19].
linux_setpriority:
    mov ebx, [ebp + F_EBX]
    cmp ebx, LINUX_FS_PRIO_USER
    ja linux_invalid
    mov ecx, [ebp + F_ECX]
    mov eax, [ebp + F_EDX]
    call clamp_nice
    xor edx, edx                    ; found one
    mov esi, PROC_TABLE
.each:
    push edx
    call priority_match
    pop edx
    jc .next
    call nice_address
    mov [edi], eax
    inc edx
.next:
    add esi, P_SIZE
    cmp esi, PROC_TABLE + LINUX_MAX_PROCESSES * P_SIZE
    jb .each
    test edx, edx
    jz no_such_process
    mov dword [ebp + F_EAX], 0
    ret

; EAX = a nice value, kept in [NICE_MIN, NICE_MAX].
clamp_nice:
    cmp eax, LINUX_FS_NICE_MIN
    jge .high
    mov eax, LINUX_FS_NICE_MIN
.high:
    cmp eax, LINUX_FS_NICE_MAX
    jle .done
    mov eax, LINUX_FS_NICE_MAX
.done:
    ret

; nice(increment): the caller's nice value moves by it, kept in range; returns 0.
linux_nice:
    mov eax, [ebp + F_EBX]
    cmp eax, 40                     ; Linux clamps the increment to the range's width first
    jle .low
    mov eax, 40
.low:
    cmp eax, -40
    jge .add
    mov eax, -40
.add:
    add eax, [nice_value]
    call clamp_nice
    mov [nice_value], eax
    mov dword [ebp + F_EAX], 0
    ret

section .data
file_umask  dd LINUX_FS_UMASK_DEFAULT
nice_value  dd 0
persona     dd 0
section .text
