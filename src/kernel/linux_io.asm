; The Linux personality's I/O and time calls (docs/HOSTIO.md): standard streams, files of
; the host's sandboxed directory, descriptors, clocks and sleeping. The work is the host I/O
; device's (hostio.asm); these handlers put each call's arguments into the device's order
; (open is openat at the current directory, stat64 is fstatat64 without flags, ...) and
; store its result. Linux's numbers are in abi.inc (LINUX_*), errors come back as -errno.
;
; Without the device (QEMU): fds 1 and 2 are the console, the clocks count the timer ticks
; since boot, and every other call fails as it would for a program with no open files and
; no file system (EBADF, ENOENT).

; EAX = the result of the call without the device. Returns to the handler when the device is
; there; otherwise stores EAX as the call's result and returns from the handler itself.
linux_need_device:
    cmp byte [hostio_present], 0
    je .absent
    ret
.absent:
    mov [ebp + F_EAX], eax
    add esp, 4
    ret

; A handler's prologue when the call needs the device: %1 is its result without the device.
%macro NEED_DEVICE 1
    mov eax, %1
    call linux_need_device
%endmacro

; A call the device performs with the call's own arguments: %1 without the device, %2 the
; operation.
%macro DEVICE_CALL 2
    NEED_DEVICE %1
    mov eax, %2
    jmp linux_forward_args
%endmacro

; A path call at the current directory (open, stat64, access, unlink, mkdir): ENOENT without
; the device, EBX = AT_FDCWD for the device's *at operation.
%macro PATH_AT_CWD 0
    NEED_DEVICE -LINUX_ENOENT
    mov ebx, LINUX_AT_FDCWD
%endmacro

; EAX = operation; the call's EBX, ECX, EDX, ESI, EDI are its arguments 0..4.
linux_forward_args:
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, [ebp + F_EDX]
    mov esi, [ebp + F_ESI]
    mov edi, [ebp + F_EDI]
    ; fall through

; EAX = operation, EBX.. = its arguments: the device's result is the call's.
linux_call_store:
    call hostio_call
    jmp device_result                   ; linux_wait.asm: stored, or the call waits for a pipe

; ---- standard streams and descriptors ----

; write(fd, buffer, count); a write longer than LIMIT_MAX_WRITE is cut short.
linux_write:
    mov ecx, [ebp + F_EDX]
    cmp ecx, LIMIT_MAX_WRITE
    jbe .count
    mov ecx, LIMIT_MAX_WRITE
.count:
    cmp byte [hostio_present], 0
    je .console
    mov ebx, [ebp + F_EBX]
    mov edx, ecx
    mov ecx, [ebp + F_ECX]
    mov eax, HOSTIO_OP_WRITE
    jmp linux_call_store
.console:
    mov edx, [ebp + F_EBX]
    lea eax, [edx - 1]
    cmp eax, 1
    ja .bad_fd
    mov esi, [ebp + F_ECX]
    call stream_write_user
    cmp eax, E_FAULT
    jne .result
    mov eax, -LINUX_EFAULT
.result:
    mov [ebp + F_EAX], eax
    ret
.bad_fd:
    mov dword [ebp + F_EAX], -LINUX_EBADF
    ret

; writev(fd, iovec array, count): each buffer in turn; without the device, fds 1 and 2 only.
linux_writev:
    mov eax, HOSTIO_OP_WRITEV
    cmp byte [hostio_present], 0
    jne linux_forward_args
    mov edx, [ebp + F_EBX]
    lea eax, [edx - 1]
    cmp eax, 1
    ja .bad_fd
    mov esi, [ebp + F_ECX]
    mov ecx, [ebp + F_EDX]
    cmp ecx, 1024                   ; UIO_MAXIOV
    ja .invalid
    shl ecx, 3
    push edx
    xor edx, edx
    call user_check
    pop edx
    jc .fault
    mov edi, esi
    mov ebx, [ebp + F_EDX]
    mov dword [ebp + F_EAX], 0
.next:
    test ebx, ebx
    jz .done
    mov esi, [edi]
    mov ecx, [edi + 4]
    cmp ecx, LIMIT_MAX_WRITE
    ja .invalid_partial
    push edx
    call stream_write_user
    pop edx
    test eax, eax
    js .failed
    add [ebp + F_EAX], eax
    add edi, 8
    dec ebx
    jmp .next
.failed:
    cmp dword [ebp + F_EAX], 0
    jne .done
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
.done:
    ret
.invalid_partial:
    cmp dword [ebp + F_EAX], 0
    jne .done
.invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret
.bad_fd:
    mov dword [ebp + F_EAX], -LINUX_EBADF
    ret

; A read of /dev/random or /dev/urandom is answered FILL_RANDOM: getrandom fills the buffer.
linux_read:
    NEED_DEVICE -LINUX_EBADF
    call prefault_read_buffer
    mov eax, HOSTIO_OP_READ
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, [ebp + F_EDX]
    call hostio_call
    cmp eax, -HOSTIO_FILL_RANDOM
    jne device_result
    mov esi, [ebp + F_ECX]
    mov ecx, [ebp + F_EDX]
    cmp ecx, LIMIT_MAX_WRITE
    jbe random_fill                 ; linux_proc.asm
    mov ecx, LIMIT_MAX_WRITE
    jmp random_fill

; The call's buffer (ECX) and count (EDX, at most LIMIT_MAX_WRITE): its demand-zero pages get
; their frames now, because the device stores only to present pages. A bad buffer is left
; for the device to refuse (-EFAULT). ECX = the count.
prefault_read_buffer:
    mov esi, [ebp + F_ECX]
    mov ecx, [ebp + F_EDX]
    cmp ecx, LIMIT_MAX_WRITE
    jbe .count
    mov ecx, LIMIT_MAX_WRITE
.count:
    mov edx, 1
    jmp user_check

linux_readv:
    NEED_DEVICE -LINUX_EBADF
    call prefault_iovec             ; linux_cow.asm: each buffer present and its own
    mov eax, HOSTIO_OP_READV
    jmp linux_forward_args

; open(path, flags, mode) = openat(AT_FDCWD, path, flags, mode)
; The mode of a file created loses the umask's bits (linux_fs.asm).
linux_open:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    mov edx, [ebp + F_ECX]
    mov esi, [ebp + F_EDX]
    jmp openat_masked

linux_openat:
    NEED_DEVICE -LINUX_ENOENT
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, [ebp + F_EDX]
    mov esi, [ebp + F_ESI]
openat_masked:
    call apply_umask
    mov eax, HOSTIO_OP_OPENAT
    jmp linux_call_store

linux_close:
    DEVICE_CALL -LINUX_EBADF, HOSTIO_OP_CLOSE

; lseek(fd, offset, whence): the 64-bit position must fit the 32-bit result (EOVERFLOW).
linux_lseek:
    NEED_DEVICE -LINUX_EBADF
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, ecx
    sar edx, 31
    mov esi, [ebp + F_EDX]
    mov eax, HOSTIO_OP_LSEEK
    call hostio_call
    test edx, edx
    jz .positive
    cmp edx, -1                     ; an error: -errno in EAX, its sign in EDX
    jne .overflow
    cmp eax, -4095
    jae .result
    jmp .overflow
.positive:
    test eax, eax
    js .overflow
.result:
    mov [ebp + F_EAX], eax
    ret
.overflow:
    mov dword [ebp + F_EAX], -LINUX_EOVERFLOW
    ret

; _llseek(fd, offset high, offset low, loff_t *result, whence)
linux_llseek:
    NEED_DEVICE -LINUX_EBADF
    mov esi, [ebp + F_ESI]
    mov ecx, 8
    mov edx, 1
    call user_check
    jc .fault
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_EDX]
    mov edx, [ebp + F_ECX]
    mov esi, [ebp + F_EDI]
    mov eax, HOSTIO_OP_LSEEK
    call hostio_call
    cmp edx, -1                     ; positions are below 2^63: a high dword of -1 is an error
    je .result
    mov esi, [ebp + F_ESI]
    mov [esi], eax
    mov [esi + 4], edx
    xor eax, eax
.result:
    mov [ebp + F_EAX], eax
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret

linux_fstat64:
    DEVICE_CALL -LINUX_EBADF, HOSTIO_OP_FSTAT64

; stat64(path, buf) = fstatat64(AT_FDCWD, path, buf, 0); lstat64 with AT_SYMLINK_NOFOLLOW.
linux_stat64:
    xor esi, esi
    jmp linux_stat_at_cwd
linux_lstat64:
    mov esi, LINUX_AT_SYMLINK_NOFOLLOW
linux_stat_at_cwd:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    mov edx, [ebp + F_ECX]
    mov eax, HOSTIO_OP_FSTATAT64
    jmp linux_call_store

linux_fstatat64:
    DEVICE_CALL -LINUX_ENOENT, HOSTIO_OP_FSTATAT64

linux_statx:
    DEVICE_CALL -LINUX_ENOENT, HOSTIO_OP_STATX

; access(path, mode) = faccessat(AT_FDCWD, path, mode, 0)
linux_access:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    mov edx, [ebp + F_ECX]
    xor esi, esi
    mov eax, HOSTIO_OP_FACCESSAT
    jmp linux_call_store

; faccessat(dirfd, path, mode): three arguments, no flags.
linux_faccessat:
    NEED_DEVICE -LINUX_ENOENT
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, [ebp + F_EDX]
    xor esi, esi
    mov eax, HOSTIO_OP_FACCESSAT
    jmp linux_call_store

linux_faccessat2:
    DEVICE_CALL -LINUX_ENOENT, HOSTIO_OP_FACCESSAT

; getdents64 (and getdents, linux_fs.asm): the buffer's demand-zero pages get their frames first.
linux_getdents64:
    NEED_DEVICE -LINUX_EBADF
    call prefault_read_buffer
    mov eax, HOSTIO_OP_GETDENTS64
    jmp linux_forward_args

linux_dup:
    DEVICE_CALL -LINUX_EBADF, HOSTIO_OP_DUP

linux_dup2:
    DEVICE_CALL -LINUX_EBADF, HOSTIO_OP_DUP2

linux_dup3:
    DEVICE_CALL -LINUX_EBADF, HOSTIO_OP_DUP3

; fcntl and fcntl64 (the same for the commands the device knows).
linux_fcntl:
    DEVICE_CALL -LINUX_EBADF, HOSTIO_OP_FCNTL

; unlink(path) = unlinkat(AT_FDCWD, path, 0); rmdir(path) with AT_REMOVEDIR.
linux_unlink:
    xor edx, edx
    jmp linux_unlink_at_cwd
linux_rmdir:
    mov edx, LINUX_AT_REMOVEDIR
linux_unlink_at_cwd:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    mov eax, HOSTIO_OP_UNLINKAT
    jmp linux_call_store

linux_unlinkat:
    DEVICE_CALL -LINUX_ENOENT, HOSTIO_OP_UNLINKAT

; mkdir(path, mode) = mkdirat(AT_FDCWD, path, mode)
linux_mkdir:
    PATH_AT_CWD
    mov ecx, [ebp + F_EBX]
    mov esi, [ebp + F_ECX]
    jmp mkdirat_masked

linux_mkdirat:
    NEED_DEVICE -LINUX_ENOENT
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov esi, [ebp + F_EDX]
mkdirat_masked:
    call apply_umask
    mov edx, esi
    mov eax, HOSTIO_OP_MKDIRAT
    jmp linux_call_store

; pread64(fd, buffer, count, offset low, offset high): the device's pread, whose -EACCES for
; a write-only descriptor is Linux's -EBADF here.
linux_pread64:
    NEED_DEVICE -LINUX_EBADF
    call prefault_read_buffer       ; ECX = the count, cut to LIMIT_MAX_WRITE like read's
    mov edx, ecx
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov esi, [ebp + F_ESI]
    mov edi, [ebp + F_EDI]
    mov eax, HOSTIO_OP_PREAD
    call linux_call_store
    cmp dword [ebp + F_EAX], -LINUX_EACCES
    jne .done
    mov dword [ebp + F_EAX], -LINUX_EBADF
.done:
    ret

; chdir(path), fchdir(fd), getcwd(buffer, size): the device keeps the current directory of
; AT_FDCWD paths. Without it there is only "/", which getcwd reports.
linux_chdir:
    DEVICE_CALL -LINUX_ENOENT, HOSTIO_OP_CHDIR

linux_fchdir:
    DEVICE_CALL -LINUX_EBADF, HOSTIO_OP_FCHDIR

linux_getcwd:
    cmp byte [hostio_present], 0
    je .root
    mov eax, HOSTIO_OP_GETCWD
    jmp linux_forward_args
.root:
    cmp dword [ebp + F_ECX], 2
    jb .range
    mov esi, [ebp + F_EBX]
    mov ecx, 2
    mov edx, 1
    call user_check
    jc .fault
    mov word [esi], '/'
    mov dword [ebp + F_EAX], 2
    ret
.range:
    mov dword [ebp + F_EAX], -LINUX_ERANGE
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret

; EAX = address, ECX = length (pages) of a fresh writable mapping for mmap2 of the call's fd
; (EDI) at page offset EBP: every page gets its frame, the file's bytes from there come in
; (zeros after its end), then the protection asked for. CF set with EAX = -errno (the range
; is unmapped then).
fill_file_mapping:
    push eax
    push ecx
    mov esi, eax
    mov edx, 1
    call user_check                 ; gives every lazy page its frame, for the device
    jc .fault
    mov ecx, eax
    mov edx, [esp]
    mov ebx, [ebp + F_EDI]
    mov esi, [ebp + F_EBP]
    mov edi, esi
    shl esi, 12
    shr edi, 20
    mov eax, HOSTIO_OP_PREAD
    call hostio_call
    test eax, eax
    js .failed
    pop ecx
    pop eax
    push eax
    mov eax, [ebp + F_EDX]
    call prot_bits
    pop eax
    call set_protection
    clc
    ret
.fault:
    mov eax, -LINUX_ENOMEM
.failed:
    cmp eax, -LINUX_EISDIR          ; a directory or a stream cannot be mapped
    je .no_device
    cmp eax, -LINUX_ESPIPE
    jne .undo
.no_device:
    mov eax, -LINUX_ENODEV
.undo:
    pop ecx
    xchg eax, [esp]
    call unmap_pages
    pop eax
    stc
    ret

; ---- clocks ----

; EBX = Linux clock id. EAX = seconds, EDX = nanoseconds, or CF set with EAX = -EINVAL for
; an unknown clock. The device's realtime clock is the host's (a fixed fake epoch plus the
; emulated time for a seeded run), its monotonic one the machine's own; without the device
; every clock is the time since boot in timer ticks. Keeps other registers.
clock_read:
    cmp ebx, LINUX_CLOCK_BOOTTIME
    ja .invalid
    cmp ebx, LINUX_CLOCK_PROCESS_CPUTIME_ID
    je cpu_clock_read               ; linux_time.asm
    cmp ebx, LINUX_CLOCK_THREAD_CPUTIME_ID
    je cpu_clock_read
    cmp byte [hostio_present], 0
    je .ticks
    mov eax, HOSTIO_OP_CLOCK
    call hostio_call
    clc
    ret
.ticks:
    push ecx
    mov eax, [ticks]
    xor edx, edx
    mov ecx, LIMIT_TIMER_HZ
    div ecx
    push eax
    mov eax, edx
    mov ecx, 1000000000 / LIMIT_TIMER_HZ
    mul ecx
    mov edx, eax
    pop eax
    pop ecx
    clc
    ret
.invalid:
    mov eax, -LINUX_EINVAL
    stc
    ret

; ESI = user address, ECX = length: CF set unless the kernel may write there. Keeps registers.
user_check_write:
    push edx
    mov edx, 1
    call user_check
    pop edx
    ret

; time(time_t *): the realtime clock's seconds, also stored when the pointer is not null.
linux_time:
    mov ebx, LINUX_CLOCK_REALTIME
    call clock_read
    mov esi, [ebp + F_EBX]
    test esi, esi
    jz .result
    mov ecx, 4
    call user_check_write
    jc .fault
    mov [esi], eax
.result:
    mov [ebp + F_EAX], eax
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret

; gettimeofday(struct timeval *, struct timezone *): microseconds; the zone is UTC.
linux_gettimeofday:
    mov ebx, LINUX_CLOCK_REALTIME
    call clock_read
    mov esi, [ebp + F_EBX]
    test esi, esi
    jz .zone
    mov ecx, 8
    call user_check_write
    jc .fault
    mov [esi], eax
    mov eax, edx
    xor edx, edx
    mov ecx, 1000
    div ecx
    mov [esi + 4], eax
.zone:
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz .done
    mov ecx, 8
    call user_check_write
    jc .fault
    mov dword [esi], 0
    mov dword [esi + 4], 0
.done:
    mov dword [ebp + F_EAX], 0
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret

; clock_gettime(clock, struct timespec *): 32-bit seconds and nanoseconds.
linux_clock_gettime:
    mov ebx, [ebp + F_EBX]
    call clock_read
    jc .result
    mov esi, [ebp + F_ECX]
    mov ecx, 8
    call user_check_write
    jc .fault
    mov [esi], eax
    mov [esi + 4], edx
    xor eax, eax
.result:
    mov [ebp + F_EAX], eax
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret

; clock_gettime64(clock, struct __kernel_timespec *): 64-bit seconds and nanoseconds.
linux_clock_gettime64:
    mov ebx, [ebp + F_EBX]
    call clock_read
    jc .result
    mov esi, [ebp + F_ECX]
    mov ecx, 16
    call user_check_write
    jc .fault
    mov [esi], eax
    mov dword [esi + 4], 0
    mov [esi + 8], edx
    mov dword [esi + 12], 0
    xor eax, eax
.result:
    mov [ebp + F_EAX], eax
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret

; ---- sleeping: the thread sleeps on the timer, so the guest's clocks move on ----

; nanosleep(const struct timespec *request, remainder): a signal ends the sleep with -EINTR
; and the time left in the remainder (linux_signal.asm, sleep_for_signal).
linux_nanosleep:
    mov eax, [ebp + F_ECX]
    mov edx, SLEEP_REM_32
    call sleep_remainder_at
    mov esi, [ebp + F_EBX]
    call read_timespec32
    jc linux_sleep_fault
    jmp linux_sleep

; clock_nanosleep(clock, flags, const struct timespec *request, remainder)
linux_clock_nanosleep:
    mov edx, SLEEP_REM_32
    call clock_sleep_remainder
    mov esi, [ebp + F_EDX]
    call read_timespec32
    jc linux_sleep_fault
    jmp linux_clock_sleep

linux_clock_nanosleep_time64:
    mov edx, SLEEP_REM_64
    call clock_sleep_remainder
    mov esi, [ebp + F_EDX]
    mov ecx, 16
    xor edx, edx
    call user_check
    jc linux_sleep_fault
    mov eax, [esi]
    mov edx, [esi + 8]
    mov ecx, [esi + 4]
    test ecx, ecx
    js linux_sleep_invalid
    jz linux_clock_sleep
    mov eax, 0x7FFFFFFF             ; beyond 2^32 seconds: as long as a sleep can be
    ; fall through

; EAX = seconds, EDX = nanoseconds of the request; TIMER_ABSTIME makes it a deadline on the
; clock named by the call's first argument.
linux_clock_sleep:
    push edx
    push eax
    mov ebx, [ebp + F_EBX]
    mov eax, -LINUX_EINVAL
    cmp ebx, LINUX_CLOCK_THREAD_CPUTIME_ID
    je .invalid                     ; as Linux: a thread cannot sleep on its own CPU time
    call clock_read                 ; EAX:EDX = now (or -EINVAL for an unknown clock)
    jc .invalid
    test dword [ebp + F_ECX], LINUX_TIMER_ABSTIME
    jz .relative
    mov ebx, eax
    mov ecx, edx
    pop eax
    pop edx
    sub edx, ecx
    jns .seconds
    add edx, 1000000000
    dec eax
.seconds:
    sub eax, ebx
    js .past
    jmp linux_sleep
.past:
    mov dword [ebp + F_EAX], 0
    ret
.relative:
    pop eax
    pop edx
    jmp linux_sleep
.invalid:
    add esp, 8
    mov [ebp + F_EAX], eax
    ret

; ESI = user struct timespec (32-bit). EAX = seconds, EDX = nanoseconds, CF set on a bad pointer.
read_timespec32:
    mov ecx, 8
    xor edx, edx
    call user_check
    jc .done
    mov eax, [esi]
    mov edx, [esi + 4]
.done:
    ret

; EAX = seconds, EDX = nanoseconds: sleeps for at least that long, in whole timer ticks
; (one more than the request rounds up to, since the current tick is already under way).
linux_sleep:
    test eax, eax
    js linux_sleep_invalid
    cmp edx, 999999999
    ja linux_sleep_invalid
    cmp eax, 0x7FFFFFFF / LIMIT_TIMER_HZ - 1
    jbe .scale
    mov eax, 0x7FFFFFFF / LIMIT_TIMER_HZ - 1
.scale:
    imul ecx, eax, LIMIT_TIMER_HZ
    lea eax, [edx + 1000000000 / LIMIT_TIMER_HZ - 1]
    xor edx, edx
    mov ebx, 1000000000 / LIMIT_TIMER_HZ
    div ebx
    add eax, ecx
    mov dword [ebp + F_EAX], 0
    test eax, eax
    jz .done
    inc eax
    jmp sleep_for_signal
.done:
    ret

; clock_nanosleep's remainder (fourth argument) in the layout EDX names; none for TIMER_ABSTIME.
clock_sleep_remainder:
    mov eax, [ebp + F_ESI]
    test dword [ebp + F_ECX], LINUX_TIMER_ABSTIME
    jz sleep_remainder_at
    xor eax, eax
    jmp sleep_remainder_at

linux_sleep_invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret

linux_sleep_fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret
