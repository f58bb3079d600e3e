; CPU time of the Linux personality: user and system time per thread and per process on the
; emulated clock, and the calls that read it: `times`, `getrusage`, `clock_gettime` with
; CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID (through clock_read, linux_io.asm),
; `clock_getres`. linux_itimer.asm's ITIMER_VIRTUAL and ITIMER_PROF count down this time.
;
; How time is attributed. The kernel runs with interrupts off, so a timer tick can never land
; in it: sampling the mode at each tick (classic tick accounting) would call all time user
; time. Instead every switch between ring 3 and the kernel is stamped with the CPU clock: the
; PIT's input clock (cpu_clock: timer ticks times LIMIT_PIT_DIVISOR plus what channel 0 has
; counted of the tick under way; on our machine the PIT counts retired instructions, so the
; same run gives the same times). At each entry from ring 3 the time since the last stamp is
; the current thread's user time (acct_entry, and the timer interrupt after counting its
; tick); at each return to ring 3 the time since the entry is its system time (acct_exit),
; and so is the kernel's time before a thread switch (schedule calls acct_exit_switch). Time
; the kernel idles because every thread sleeps is nobody's (acct_idle). A thread's times
; live in its slot of acct_threads, tagged with its thread id (a slot reused by a new thread
; starts from zero); the process's are the sums, kept as they are charged, so the times of
; threads that ended stay in them, as in Linux's signal_struct. Faults: ru_minflt counts the
; demand-zero pages filled (fill_lazy_page); ru_maxrss is the peak of the frames taken
; since before the program was loaded (its image, stack, heap, maps and page tables), sampled
; at every charge.

ACCT_ID     equ 0                       ; the thread id the slot's times belong to
ACCT_UTIME  equ 4                       ; qword, CPU clocks
ACCT_STIME  equ 12                      ; qword
ACCT_MINFLT equ 20
ACCT_SIZE   equ 24
%if LINUX_TIME_USER_HZ != LIMIT_TIMER_HZ
%error "times() converts CPU clocks to clock_t with one timer tick per USER_HZ unit"
%endif

; EDX:EAX = the CPU clock: timer ticks * LIMIT_PIT_DIVISOR plus the PIT input clocks of the
; tick under way (channel 0 counts down from LIMIT_PIT_DIVISOR in mode 2). A tick whose
; interrupt is still pending (the kernel runs with interrupts off) is counted from the
; master PIC's IRR, unless the count wrapped after it was latched. Never goes backwards.
; Keeps other registers. Called with interrupts off.
; The IRR is what a read of the PIC's command port returns from its initialization on (ICW1
; selects it; only an OCW3 could select the ISR, and the kernel writes none), so no OCW3 is
; written here: this runs up to three times per timer tick, and every OUT to the PIC ends the
; emulator's run slice (docs/ENGINE.md, "Kernel work per timer tick").
cpu_clock:
    push ecx
    xor al, al                          ; counter latch command, channel 0
    out PIT_COMMAND, al
    in al, PIT_CHANNEL0
    mov cl, al
    in al, PIT_CHANNEL0
    mov ch, al
    movzx ecx, cx
    mov eax, LIMIT_PIT_DIVISOR
    sub eax, ecx
    jae .counted
    xor eax, eax
.counted:
    mov ecx, eax                        ; clocks into the tick under way
    in al, PIC1_COMMAND                 ; the IRR (selected since pic_init's ICW1)
    test al, 1
    jz .whole
    cmp ecx, LIMIT_PIT_DIVISOR / 2
    jae .whole
    add ecx, LIMIT_PIT_DIVISOR
.whole:
    mov eax, [ticks]
    mov edx, LIMIT_PIT_DIVISOR
    mul edx
    add eax, ecx
    adc edx, 0
    cmp edx, [clock_last + 4]
    jb .old
    ja .new
    cmp eax, [clock_last]
    jb .old
.new:
    mov [clock_last], eax
    mov [clock_last + 4], edx
    pop ecx
    ret
.old:
    mov eax, [clock_last]
    mov edx, [clock_last + 4]
    pop ecx
    ret

; ---- charging ----------------------------------------------------------------------------

; Every kernel entry (the frame at EBP): from ring 3, the time since the last stamp is user
; time. The timer interrupt charges after counting its tick instead. Keeps registers.
acct_entry:
    test dword [ebp + F_CS], 3
    jz .kernel
    cmp dword [ebp + F_VECTOR], VEC_IRQ_BASE
    je .kernel
    jmp acct_user
.kernel:
    ret

; Every return through the frame at EBP: back to ring 3, the time since the entry was the
; kernel's work for the thread. Keeps registers.
acct_exit:
    test dword [ebp + F_CS], 3
    jnz acct_exit_switch
    ret
acct_exit_switch:
    pushad
    mov edi, ACCT_STIME
    jmp acct_charge

acct_user:
    pushad
    mov edi, ACCT_UTIME
    ; fall through

; With PUSHAD done and EDI = ACCT_UTIME or ACCT_STIME: charges the CPU clocks since the last
; stamp to the current thread, its process and the CPU timers, then POPAD and return. Only a
; Linux program's time is kept (the native calls have no way to read it).
acct_charge:
    cmp dword [linux_personality], 0
    je .done
    call cpu_clock
    mov esi, eax
    mov ebx, edx
    cmp dword [acct_started], 0
    jne .started
    mov dword [acct_started], 1         ; the program's first entry: nothing to charge yet
    mov ecx, [free_pages]
    mov [rss_low_free], ecx
    jmp .stamp
.started:
    sub eax, [acct_stamp]
    sbb edx, [acct_stamp + 4]
    mov [acct_stamp], esi               ; the kernel's own time from here on is charged next time
    mov [acct_stamp + 4], ebx
    mov ecx, eax
    test edx, edx
    jz .charge
    mov ecx, 0xFFFFFFFF
.charge:
    add [proc_times + edi - ACCT_UTIME], ecx
    adc dword [proc_times + edi - ACCT_UTIME + 4], 0
    call acct_slot
    add [eax + edi], ecx
    adc dword [eax + edi + 4], 0
    mov eax, [free_pages]
    cmp eax, [rss_low_free]
    jae .timers
    mov [rss_low_free], eax
.timers:
    cmp dword [cpu_timers_armed], 0
    je .done
    push edi
    push ecx
    mov ebx, cpu_itimers + ITV_SIZE     ; ITIMER_PROF: user and system time
    call itimer_count
    jnc .virtual
    mov eax, LINUX_SIG_SIGPROF
    call acct_signal
.virtual:
    pop ecx
    pop edi
    cmp edi, ACCT_UTIME
    jne .done
    mov ebx, cpu_itimers                ; ITIMER_VIRTUAL: user time only
    call itimer_count
    jnc .done
    mov eax, LINUX_SIG_SIGVTALRM
    call acct_signal
.done:
    popad
    ret
.stamp:
    mov [acct_stamp], esi
    mov [acct_stamp + 4], ebx
    popad
    ret

; EAX = the signal a CPU timer sends the process (SI_KERNEL, as Linux's posix-cpu-timers).
acct_signal:
    mov ecx, LINUX_SIG_SI_KERNEL
    xor edx, edx
    jmp signal_process

; EAX = the current thread's slot of acct_threads, zeroed first if it held another thread's
; times. Keeps other registers.
acct_slot:
    push ebx
    push edx
    call current_tcb
    mov edx, [ebx + TCB_ID]
    mov eax, [current_thread]
    imul eax, eax, ACCT_SIZE
    add eax, acct_threads
    cmp [eax + ACCT_ID], edx
    je .done
    push edi
    push ecx
    mov edi, eax
    push eax
    xor eax, eax
    mov ecx, ACCT_SIZE / 4
    rep stosd
    pop eax
    pop ecx
    pop edi
    mov [eax + ACCT_ID], edx
.done:
    pop edx
    pop ebx
    ret

; The kernel idled (every thread asleep) and now resumes a thread: the idle time is nobody's.
acct_idle:
    push eax
    push edx
    call cpu_clock
    mov [acct_stamp], eax
    mov [acct_stamp + 4], edx
    pop edx
    pop eax
    ret

; fill_lazy_page gave a demand-zero page a frame: a minor fault of the current thread.
acct_fault:
    push eax
    inc dword [proc_minflt]
    call acct_slot
    inc dword [eax + ACCT_MINFLT]
    pop eax
    ret

; ---- reading -----------------------------------------------------------------------------

; EDX:EAX = CPU clocks: EAX = whole seconds, ECX = the clocks left over (saturated past
; 2^32 seconds).
clocks_split:
    cmp edx, CPU_CLOCKS_PER_SEC
    jb .divide
    mov eax, 0xFFFFFFFF
    xor ecx, ecx
    ret
.divide:
    mov ecx, CPU_CLOCKS_PER_SEC
    div ecx
    mov ecx, edx
    ret

; EDX:EAX = CPU clocks, ECX = the unit (1000000 or 1000000000 a second): EAX = seconds,
; EDX = the fraction in that unit (rounded down).
clocks_to_time:
    push ebx
    mov ebx, ecx
    call clocks_split
    push eax
    mov eax, ecx
    mul ebx
    mov ecx, CPU_CLOCKS_PER_SEC
    div ecx
    mov edx, eax
    pop eax
    pop ebx
    ret

; EBX = LINUX_CLOCK_PROCESS_CPUTIME_ID or LINUX_CLOCK_THREAD_CPUTIME_ID (clock_read): EAX =
; seconds, EDX = nanoseconds of that CPU time, up to now (the call's own kernel time so far
; is charged first). CF clear. Keeps other registers.
cpu_clock_read:
    push ecx
    call acct_exit_switch
    cmp ebx, LINUX_CLOCK_THREAD_CPUTIME_ID
    je .thread
    mov eax, [proc_times]
    mov edx, [proc_times + 4]
    add eax, [proc_times + 8]
    adc edx, [proc_times + 12]
    jmp .convert
.thread:
    call acct_slot
    mov ecx, eax
    mov eax, [ecx + ACCT_UTIME]
    mov edx, [ecx + ACCT_UTIME + 4]
    add eax, [ecx + ACCT_STIME]
    adc edx, [ecx + ACCT_STIME + 4]
.convert:
    mov ecx, 1000000000
    call clocks_to_time
    pop ecx
    clc
    ret

; EDX:EAX = CPU clocks: EAX = clock_t (USER_HZ units, one per timer tick).
clocks_to_clock_t:
    cmp edx, LIMIT_PIT_DIVISOR
    jb .divide
    mov eax, 0x7FFFFFFF
    ret
.divide:
    push ecx
    mov ecx, LIMIT_PIT_DIVISOR
    div ecx
    pop ecx
    ret

; times(struct tms *): the process's user and system time and its waited-for children's, in
; clock_t; returns the timer ticks since boot (Linux: jiffies as clock_t, any fixed origin).
linux_times:
    call acct_exit_switch
    mov esi, [ebp + F_EBX]
    test esi, esi
    jz .result
    mov ecx, LINUX_TIME_TMS_SIZE
    call user_check_write
    jc linux_fault
    mov edi, esi
    mov ebx, proc_times
    mov ecx, 4                          ; utime, stime, then the children's two
.field:
    mov eax, [ebx]
    mov edx, [ebx + 4]
    call clocks_to_clock_t
    stosd
    add ebx, 8
    loop .field
.result:
    mov eax, [ticks]
    mov [ebp + F_EAX], eax
    ret

; getrusage(who, struct rusage *): RUSAGE_SELF (the process), RUSAGE_THREAD (the calling
; thread) or RUSAGE_CHILDREN (the waited-for children). ru_utime, ru_stime, ru_maxrss (KiB,
; the process's peak) and ru_minflt; the other counters are not kept and read 0.
linux_getrusage:
    call acct_exit_switch
    mov eax, [ebp + F_EBX]
    mov ebx, proc_times
    mov edx, [proc_minflt]
    cmp eax, LINUX_TIME_RUSAGE_SELF
    je .who
    mov ebx, proc_times + 16
    mov edx, [child_minflt]
    cmp eax, LINUX_TIME_RUSAGE_CHILDREN
    je .who
    cmp eax, LINUX_TIME_RUSAGE_THREAD
    jne linux_invalid
    call acct_slot
    lea ebx, [eax + ACCT_UTIME]
    mov edx, [eax + ACCT_MINFLT]
.who:
    push edx
    mov esi, [ebp + F_ECX]
    mov ecx, LINUX_TIME_RU_SIZE
    call user_check_write
    pop edx
    jc linux_fault
    mov edi, esi
    push edx
    xor eax, eax
    rep stosb
    mov edi, esi
    mov eax, [ebx]
    mov edx, [ebx + 4]
    mov ecx, 1000000
    call clocks_to_time
    mov [edi + LINUX_TIME_RU_UTIME], eax
    mov [edi + LINUX_TIME_RU_UTIME + 4], edx
    mov eax, [ebx + 8]
    mov edx, [ebx + 12]
    mov ecx, 1000000
    call clocks_to_time
    mov [edi + LINUX_TIME_RU_STIME], eax
    mov [edi + LINUX_TIME_RU_STIME + 4], edx
    pop edx
    mov [edi + LINUX_TIME_RU_MINFLT], edx
    xor eax, eax
    cmp dword [ebp + F_EBX], LINUX_TIME_RUSAGE_CHILDREN
    je .rss
    mov eax, [rss_start_free]
    sub eax, [rss_low_free]
    shl eax, 2                          ; pages of 4 KiB
.rss:
    mov [edi + LINUX_TIME_RU_MAXRSS], eax
    mov dword [ebp + F_EAX], 0
    ret

; clock_getres(clock, struct timespec *) and clock_getres_time64: 1 ns for every clock but
; the coarse ones, whose resolution is a timer tick (as Linux reports with high-resolution
; timers). A null pointer only validates the clock.
linux_clock_getres:
    mov edi, 8
    jmp clock_getres
linux_clock_getres_time64:
    mov edi, 16
clock_getres:
    mov ebx, [ebp + F_EBX]
    cmp ebx, LINUX_CLOCK_BOOTTIME
    ja linux_invalid
    mov edx, 1
    cmp ebx, LINUX_CLOCK_REALTIME_COARSE
    je .coarse
    cmp ebx, LINUX_CLOCK_MONOTONIC_COARSE
    jne .resolution
.coarse:
    mov edx, 1000000000 / LIMIT_TIMER_HZ
.resolution:
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz .done
    mov ecx, edi
    call user_check_write
    jc linux_fault
    mov dword [esi], 0                  ; tv_sec
    mov [esi + 4], edx                  ; tv_nsec (32-bit), or tv_sec's high half
    cmp edi, 8
    je .done
    mov dword [esi + 4], 0
    mov [esi + 8], edx                  ; tv_nsec (64-bit)
    mov dword [esi + 12], 0
.done:
    mov dword [ebp + F_EAX], 0
    ret

section .data
clock_last      dd 0, 0                 ; cpu_clock's last answer
acct_started    dd 0
acct_stamp      dd 0, 0                 ; the CPU clock at the last charge
proc_times      dd 0, 0, 0, 0           ; the process's user and system time (CPU clocks)
child_times     dd 0, 0, 0, 0           ; its waited-for children's (none yet: no fork)
proc_minflt     dd 0
child_minflt    dd 0
rss_start_free  dd 0                    ; free frames before the program was loaded (mm.asm)
rss_low_free    dd 0                    ; the fewest seen since
acct_threads    times LIMIT_MAX_THREADS * ACCT_SIZE db 0
section .text
