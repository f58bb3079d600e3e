; The interval timers of the Linux personality: `alarm`, `setitimer` and `getitimer` with
; ITIMER_REAL (SIGALRM, on the emulated clock), ITIMER_VIRTUAL (SIGVTALRM, on the process's
; user time) and ITIMER_PROF (SIGPROF, on its user and system time). One set per process, as
; Linux keeps them in signal_struct. The CPU time they count down is linux_time.asm's.

; The CPU clock's rate (linux_time.asm, cpu_clock): PIT input clocks.
CPU_CLOCKS_PER_SEC equ LIMIT_PIT_DIVISOR * LIMIT_TIMER_HZ

; ---- ITIMER_REAL -------------------------------------------------------------------------
; Timer ticks, LIMIT_TIMER_HZ a second: alarm_deadline is the tick it fires at (0:
; disarmed), alarm_interval its reload.

; The timer interrupt: SIGALRM when the deadline has come (SI_KERNEL, as Linux's it_real_fn).
alarm_check:
    mov eax, [alarm_deadline]
    test eax, eax
    jz .done
    mov ecx, [ticks]
    sub ecx, eax
    js .done
    mov eax, [alarm_interval]
    test eax, eax
    jz .once
    add eax, [ticks]
.once:
    mov [alarm_deadline], eax
    mov eax, LINUX_SIG_SIGALRM
    mov ecx, LINUX_SIG_SI_KERNEL
    xor edx, edx
    jmp signal_process
.done:
    ret

; alarm(seconds): returns the seconds that were left (rounded, at least 1 if any were).
linux_alarm:
    call alarm_remaining                ; EAX = ticks left
    xor edx, edx
    mov ecx, LIMIT_TIMER_HZ
    add eax, LIMIT_TIMER_HZ / 2
    div ecx
    test eax, eax
    jnz .old
    cmp dword [alarm_deadline], 0
    je .old
    inc eax
.old:
    mov [ebp + F_EAX], eax
    mov dword [alarm_interval], 0
    mov eax, [ebp + F_EBX]
    xor edx, edx
    jmp arm_alarm

; EAX = seconds, EDX = ticks to add: the deadline from now (0 seconds and ticks: disarmed).
arm_alarm:
    cmp eax, 0x7FFFFFFF / LIMIT_TIMER_HZ / 2
    jbe .scale
    mov eax, 0x7FFFFFFF / LIMIT_TIMER_HZ / 2
.scale:
    imul eax, eax, LIMIT_TIMER_HZ
    add eax, edx
    jz .store
    add eax, [ticks]
    inc eax                             ; the current tick is already under way
    jnz .store
    inc eax
.store:
    mov [alarm_deadline], eax
    ret

; EAX = whole ticks until the deadline (0 when disarmed or due): the tick under way does not
; count, so a timer just armed for N ticks has N left, never more.
alarm_remaining:
    mov eax, [alarm_deadline]
    test eax, eax
    jz .done
    sub eax, [ticks]
    dec eax
    jns .done
    xor eax, eax
.done:
    ret

; ---- the calls ---------------------------------------------------------------------------

; setitimer(which, new struct itimerval, old): it_interval then it_value, each tv_sec and
; tv_usec.
linux_setitimer:
    call itimer_which
    jc .done
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
    jz .old                             ; Linux takes NULL as a zero value
    mov ecx, 16
    xor edx, edx
    call user_check
    jc linux_fault
    cmp dword [esi + 4], 999999         ; Linux's timeval_valid: 0 <= tv_usec < 10^6
    ja linux_invalid
    cmp dword [esi + 12], 999999
    ja linux_invalid
    cmp dword [esi], 0                  ; and tv_sec >= 0
    jl linux_invalid
    cmp dword [esi + 8], 0
    jl linux_invalid
.old:
    mov edi, [ebp + F_EDX]
    test edi, edi
    jz .set
    call write_itimer
.set:
    mov dword [ebp + F_EAX], 0
    mov esi, [ebp + F_ECX]
    cmp dword [ebp + F_EBX], LINUX_SIG_ITIMER_REAL
    jne set_cpu_itimer
    xor eax, eax
    xor edx, edx
    test esi, esi
    jz .arm
    mov eax, [esi]
    mov edx, [esi + 4]
    call timeval_ticks
    mov [alarm_interval], eax
    mov eax, [esi + 8]
    mov edx, [esi + 12]
    call timeval_ticks
    mov edx, eax
    xor eax, eax
.arm:
    call arm_alarm
    cmp dword [alarm_deadline], 0
    jne .done
    mov dword [alarm_interval], 0
.done:
    ret

; getitimer(which, struct itimerval *)
linux_getitimer:
    call itimer_which
    jc .done
    mov esi, [ebp + F_ECX]
    mov ecx, 16
    mov edx, 1
    call user_check
    jc linux_fault
    mov edi, esi
    call write_itimer
    mov dword [ebp + F_EAX], 0
.done:
    ret

; The call's `which`: CF set (and -EINVAL the result) unless it names one of the three.
itimer_which:
    cmp dword [ebp + F_EBX], LINUX_SIG_ITIMER_PROF
    jbe .known
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    stc
    ret
.known:
    clc
    ret

; EAX = seconds, EDX = microseconds: EAX = timer ticks, rounded up (capped).
timeval_ticks:
    cmp eax, 0x7FFFFFFF / LIMIT_TIMER_HZ / 2
    jbe .scale
    mov eax, 0x7FFFFFFF / LIMIT_TIMER_HZ / 2
.scale:
    imul ecx, eax, LIMIT_TIMER_HZ
    lea eax, [edx + 1000000 / LIMIT_TIMER_HZ - 1]
    xor edx, edx
    push ebx
    mov ebx, 1000000 / LIMIT_TIMER_HZ
    div ebx
    pop ebx
    add eax, ecx
    ret

; EDI = a checked struct itimerval: the call's timer's interval and what is left of it.
write_itimer:
    cmp dword [ebp + F_EBX], LINUX_SIG_ITIMER_REAL
    jne write_cpu_itimer
    mov eax, [alarm_interval]
    call .timeval
    call alarm_remaining
    test eax, eax
    jnz .timeval
    cmp dword [alarm_deadline], 0
    je .timeval
    xor eax, eax                        ; armed and due within this tick: 1 us (as Linux says)
    stosd
    inc eax
    stosd
    ret
.timeval:
    xor edx, edx
    mov ecx, LIMIT_TIMER_HZ
    div ecx
    stosd
    imul eax, edx, 1000000 / LIMIT_TIMER_HZ
    stosd
    ret

; ---- ITIMER_VIRTUAL and ITIMER_PROF ------------------------------------------------------
; Counted in CPU clocks (linux_time.asm: PIT input clocks, CPU_CLOCKS_PER_SEC a second). Per
; timer (cpu_itimers, VIRTUAL then PROF): what is left (0: disarmed), the reload, and the
; interval as the program gave it, which getitimer returns unchanged (Linux keeps it in
; nanoseconds, so it reads back exactly).
ITV_LEFT     equ 0                      ; qword
ITV_RELOAD   equ 8                      ; qword
ITV_INTERVAL equ 16                     ; struct timeval
ITV_SIZE     equ 24

; EBX = the call's CPU timer.
cpu_itimer_of_call:
    mov ebx, [ebp + F_EBX]
    dec ebx
    imul ebx, ebx, ITV_SIZE
    add ebx, cpu_itimers
    ret

; ESI = the checked new struct itimerval, or 0 (a zero value). The result is already 0.
set_cpu_itimer:
    call cpu_itimer_of_call
    mov edi, ebx
    xor eax, eax
    mov ecx, ITV_SIZE / 4
    rep stosd
    test esi, esi
    jz .done
    mov eax, [esi]
    mov [ebx + ITV_INTERVAL], eax
    mov edx, [esi + 4]
    mov [ebx + ITV_INTERVAL + 4], edx
    call timeval_clocks
    mov [ebx + ITV_RELOAD], eax
    mov [ebx + ITV_RELOAD + 4], edx
    mov eax, [esi + 8]
    mov edx, [esi + 12]
    call timeval_clocks
    mov ecx, eax
    or ecx, edx
    jz .value
    add eax, LIMIT_PIT_DIVISOR          ; a tick more, as Linux's set_cpu_itimer (never early)
    adc edx, 0
.value:
    mov [ebx + ITV_LEFT], eax
    mov [ebx + ITV_LEFT + 4], edx
    mov dword [cpu_timers_armed], 1     ; linux_time.asm counts the CPU timers down from now
.done:
    ret

; EDI = a checked struct itimerval: the interval as given, and the time left rounded up to
; a microsecond (0 when disarmed).
write_cpu_itimer:
    call cpu_itimer_of_call
    mov eax, [ebx + ITV_INTERVAL]
    stosd
    mov eax, [ebx + ITV_INTERVAL + 4]
    stosd
    mov eax, [ebx + ITV_LEFT]
    mov edx, [ebx + ITV_LEFT + 4]
    call clocks_split                   ; EAX = seconds, ECX = clocks left over
    push eax
    mov eax, ecx
    mov ecx, 1000000
    mul ecx
    add eax, CPU_CLOCKS_PER_SEC - 1
    adc edx, 0
    mov ecx, CPU_CLOCKS_PER_SEC
    div ecx
    pop ecx
    cmp eax, 1000000
    jb .store
    inc ecx
    xor eax, eax
.store:
    mov [edi], ecx
    mov [edi + 4], eax
    ret

; EAX = seconds, EDX = microseconds: EDX:EAX = CPU clocks, the microseconds rounded up.
timeval_clocks:
    push ebx
    push ecx
    mov ecx, edx
    mov ebx, CPU_CLOCKS_PER_SEC
    mul ebx
    push edx
    push eax
    mov eax, ecx
    mul ebx
    add eax, 1000000 - 1
    adc edx, 0
    mov ecx, 1000000
    div ecx
    pop ecx
    pop edx
    add eax, ecx
    adc edx, 0
    pop ecx
    pop ebx
    ret

; EBX = a CPU timer, ECX = CPU clocks just spent: counts it down. CF set when it expired; it
; is then reloaded (the time overrun counts against the next period, as Linux's
; expiry + interval does) or disarmed.
itimer_count:
    mov eax, [ebx + ITV_LEFT]
    or eax, [ebx + ITV_LEFT + 4]
    jz .quiet
    sub [ebx + ITV_LEFT], ecx
    sbb dword [ebx + ITV_LEFT + 4], 0
    jc .expired
    mov eax, [ebx + ITV_LEFT]
    or eax, [ebx + ITV_LEFT + 4]
    jz .expired
.quiet:
    clc
    ret
.expired:
    mov eax, [ebx + ITV_RELOAD]
    mov edx, [ebx + ITV_RELOAD + 4]
    add [ebx + ITV_LEFT], eax
    adc [ebx + ITV_LEFT + 4], edx
    js .reload
    mov ecx, [ebx + ITV_LEFT]
    or ecx, [ebx + ITV_LEFT + 4]
    jnz .fired
.reload:
    mov [ebx + ITV_LEFT], eax           ; more than a period overrun (or none): one period
    mov [ebx + ITV_LEFT + 4], edx
.fired:
    stc
    ret

section .data
alarm_deadline  dd 0
alarm_interval  dd 0
cpu_itimers     times 2 * ITV_SIZE db 0
cpu_timers_armed dd 0                   ; a CPU timer was ever set: charges count them down
section .text
