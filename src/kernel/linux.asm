; The Linux i386 personality on `int 0x80`: enough of the system-call interface for static
; programs built with `nasm -f elf32` and `ld -m elf_i386` (numbers and errno values from
; Linux's syscall_32.tbl and errno-base.h, collected in abi.inc). EAX = number, arguments
; in EBX, ECX, EDX, ESI, EDI, EBP; errors come back as -errno.

linux_syscall:
    mov eax, [ebp + F_EAX]
    mov esi, linux_syscall_table
.find:
    cmp esi, linux_syscall_table_end
    je .unknown
    cmp eax, [esi]
    je .found
    add esi, 8
    jmp .find
.found:
    jmp [esi + 4]
.unknown:
    mov dword [ebp + F_EAX], -LINUX_ENOSYS
    ret

linux_syscall_table:
    dd LINUX_SYS_EXIT, linux_exit
    dd LINUX_SYS_EXIT_GROUP, linux_exit_group
    dd LINUX_SYS_WRITE, linux_write
    dd LINUX_SYS_GETPID, linux_getpid
    dd LINUX_SYS_GETTID, linux_gettid
    dd LINUX_SYS_BRK, linux_brk
    dd LINUX_SYS_MMAP2, linux_mmap2
    dd LINUX_SYS_MUNMAP, linux_munmap
    dd LINUX_SYS_UNAME, linux_uname
    dd LINUX_SYS_CLOCK_GETTIME, linux_clock_gettime
    ; The host I/O calls (linux_io.asm).
    dd LINUX_SYS_READ, linux_read
    dd LINUX_SYS_READV, linux_readv
    dd LINUX_SYS_WRITEV, linux_writev
    dd LINUX_SYS_OPEN, linux_open
    dd LINUX_SYS_OPENAT, linux_openat
    dd LINUX_SYS_CLOSE, linux_close
    dd LINUX_SYS_LSEEK, linux_lseek
    dd LINUX_SYS_LLSEEK, linux_llseek
    dd LINUX_SYS_FSTAT64, linux_fstat64
    dd LINUX_SYS_STAT64, linux_stat64
    dd LINUX_SYS_LSTAT64, linux_lstat64
    dd LINUX_SYS_FSTATAT64, linux_fstatat64
    dd LINUX_SYS_STATX, linux_statx
    dd LINUX_SYS_ACCESS, linux_access
    dd LINUX_SYS_FACCESSAT, linux_faccessat
    dd LINUX_SYS_FACCESSAT2, linux_faccessat2
    dd LINUX_SYS_GETDENTS64, linux_getdents64
    dd LINUX_SYS_DUP, linux_dup
    dd LINUX_SYS_DUP2, linux_dup2
    dd LINUX_SYS_DUP3, linux_dup3
    dd LINUX_SYS_FCNTL, linux_fcntl
    dd LINUX_SYS_FCNTL64, linux_fcntl
    dd LINUX_SYS_UNLINK, linux_unlink
    dd LINUX_SYS_UNLINKAT, linux_unlinkat
    dd LINUX_SYS_RMDIR, linux_rmdir
    dd LINUX_SYS_MKDIR, linux_mkdir
    dd LINUX_SYS_MKDIRAT, linux_mkdirat
    dd LINUX_SYS_TIME, linux_time
    dd LINUX_SYS_GETTIMEOFDAY, linux_gettimeofday
    dd LINUX_SYS_CLOCK_GETTIME64, linux_clock_gettime64
    dd LINUX_SYS_NANOSLEEP, linux_nanosleep
    dd LINUX_SYS_CLOCK_NANOSLEEP, linux_clock_nanosleep
    dd LINUX_SYS_CLOCK_NANOSLEEP_TIME64, linux_clock_nanosleep_time64
linux_syscall_table_end:

; exit(status) ends the calling thread; the last one's status is the program's.
linux_exit:
    movzx eax, byte [ebp + F_EBX]
    mov [exit_status], eax
    jmp end_current_thread

linux_exit_group:
    mov eax, [ebp + F_EBX]
    jmp program_exit

; write, writev and the other host I/O calls are in linux_io.asm.

linux_getpid:
    mov dword [ebp + F_EAX], LINUX_PID
    ret

linux_gettid:
    call current_tcb
    mov eax, [ebx + TCB_ID]
    mov [ebp + F_EAX], eax
    ret

; brk(address): moves the program break within [brk_start, ADDR_MAP_BASE); returns the
; break after the call (the old one when the request cannot be met), like Linux.
linux_brk:
    mov ebx, [ebp + F_EBX]
    cmp ebx, [brk_start]
    jb .current
    cmp ebx, ADDR_MAP_BASE
    ja .current
    mov esi, [brk_current]
    add esi, PAGE - 1
    and esi, ~(PAGE - 1)            ; ESI = first page above the old break
    lea edi, [ebx + PAGE - 1]
    and edi, ~(PAGE - 1)            ; EDI = first page above the new break
    cmp edi, esi
    jb .shrink
    mov ecx, esi
.grow:
    cmp ecx, edi
    je .moved
    mov eax, ecx
    mov edx, PTE_W
    call map_user_page
    jc .rollback
    add ecx, PAGE
    jmp .grow
.rollback:
    cmp ecx, esi
    je .current
    sub ecx, PAGE
    mov eax, ecx
    call unmap_user_page
    jmp .rollback
.shrink:
    mov eax, edi
.unmap:
    call unmap_user_page
    add eax, PAGE
    cmp eax, esi
    jb .unmap
    call flush_tlb
.moved:
    mov [brk_current], ebx
.current:
    mov eax, [brk_current]
    mov [ebp + F_EAX], eax
    ret

; mmap2(address, length, protection, flags, fd, page offset): anonymous private memory
; only, placed by the kernel.
LINUX_MAP_FIXED     equ 0x10
LINUX_MAP_ANONYMOUS equ 0x20
linux_mmap2:
    mov eax, [ebp + F_ESI]
    test eax, LINUX_MAP_ANONYMOUS
    jz .invalid
    test eax, LINUX_MAP_FIXED
    jnz .invalid
    mov ebx, [ebp + F_ECX]
    call map_anonymous
    jnc .result
    cmp eax, E_NOMEM
    jne .invalid
    mov eax, -LINUX_ENOMEM
    jmp .result
.invalid:
    mov eax, -LINUX_EINVAL
.result:
    mov [ebp + F_EAX], eax
    ret

linux_munmap:
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    call unmap_range
    jnc .result
    mov eax, -LINUX_EINVAL
.result:
    mov [ebp + F_EAX], eax
    ret

; uname(struct new_utsname *): six fields of LINUX_UTS_FIELD bytes.
linux_uname:
    mov esi, [ebp + F_EBX]
    mov ecx, 6 * LINUX_UTS_FIELD
    mov edx, 1
    call user_check
    jc .fault
    mov edi, esi
    xor eax, eax
    rep stosb
    mov edi, [ebp + F_EBX]
    mov esi, uts_fields
.field:
    lodsd
    test eax, eax
    jz .done
    push esi
    push edi
    mov esi, eax
.copy:
    lodsb
    stosb
    test al, al
    jnz .copy
    pop edi
    pop esi
    add edi, LINUX_UTS_FIELD
    jmp .field
.done:
    mov dword [ebp + F_EAX], 0
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret

; clock_gettime and the other clocks are in linux_io.asm.

uts_fields dd uts_sysname, uts_nodename, uts_release, uts_version, uts_machine, uts_domain, 0
uts_sysname  db "i386-lab", 0
uts_nodename db "guest", 0
uts_release  db "0.1.0", 0
uts_version  db "#1", 0
uts_machine  db "i386", 0
uts_domain   db "(none)", 0

section .data
brk_start   dd 0
brk_current dd 0
section .text
