; time: a static Linux i386 program (nasm -f elf32, ld -m elf_i386) that reads every clock
; call and sleeps: one line each, numbers in decimal.
;   time T                    time(&t); T is also stored through the pointer ("stored T")
;   gettimeofday S U          seconds and microseconds
;   realtime S N              clock_gettime(CLOCK_REALTIME), 32-bit timespec
;   realtime64 S N            clock_gettime64(CLOCK_REALTIME), 64-bit timespec (high dword 0)
;   slept MS                  CLOCK_MONOTONIC before and after nanosleep(250 ms), in ms
;   slept2 MS                 the same around clock_nanosleep(CLOCK_MONOTONIC, 0, 100 ms)
;   bad clock error N         clock_gettime(99) returns -N
; Exit status 0, or 3 when a call fails that should not.

bits 32
SYS_exit_group      equ 252
SYS_write           equ 4
SYS_time            equ 13
SYS_gettimeofday    equ 78
SYS_nanosleep       equ 162
SYS_clock_gettime   equ 265
SYS_clock_nanosleep equ 267
SYS_clock_gettime64 equ 403
CLOCK_REALTIME      equ 0
CLOCK_MONOTONIC     equ 1

section .text
global _start
_start:
    mov eax, SYS_time
    mov ebx, stored
    int 0x80
    push eax
    mov eax, s_time
    call puts
    pop eax
    call putdec
    mov eax, s_stored
    call puts
    mov eax, [stored]
    call putdec
    call newline

    mov eax, SYS_gettimeofday
    mov ebx, tv
    xor ecx, ecx
    int 0x80
    call must
    mov eax, s_gettimeofday
    call puts
    mov eax, [tv]
    call putdec
    call space
    mov eax, [tv + 4]
    call putdec
    call newline

    mov eax, SYS_clock_gettime
    mov ebx, CLOCK_REALTIME
    mov ecx, ts
    int 0x80
    call must
    mov eax, s_realtime
    call puts
    mov eax, [ts]
    call putdec
    call space
    mov eax, [ts + 4]
    call putdec
    call newline

    mov dword [ts64 + 4], 0xDEADBEEF
    mov dword [ts64 + 12], 0xDEADBEEF
    mov eax, SYS_clock_gettime64
    mov ebx, CLOCK_REALTIME
    mov ecx, ts64
    int 0x80
    call must
    cmp dword [ts64 + 4], 0
    jne fail
    cmp dword [ts64 + 12], 0
    jne fail
    mov eax, s_realtime64
    call puts
    mov eax, [ts64]
    call putdec
    call space
    mov eax, [ts64 + 8]
    call putdec
    call newline

    call monotonic_start
    mov eax, SYS_nanosleep
    mov ebx, quarter
    xor ecx, ecx
    int 0x80
    call must
    mov eax, s_slept
    call monotonic_report

    call monotonic_start
    mov eax, SYS_clock_nanosleep
    mov ebx, CLOCK_MONOTONIC
    xor ecx, ecx
    mov edx, tenth
    xor esi, esi
    int 0x80
    call must
    mov eax, s_slept2
    call monotonic_report

    mov eax, SYS_clock_gettime
    mov ebx, 99
    mov ecx, ts
    int 0x80
    neg eax
    push eax
    mov eax, s_bad
    call puts
    pop eax
    call putdec
    call newline

    mov eax, SYS_exit_group
    xor ebx, ebx
    int 0x80

must:
    test eax, eax
    jnz fail
    ret
fail:
    mov eax, SYS_exit_group
    mov ebx, 3
    int 0x80

monotonic_start:
    mov eax, SYS_clock_gettime
    mov ebx, CLOCK_MONOTONIC
    mov ecx, before
    int 0x80
    jmp must

; EAX = the label: prints it and the milliseconds since monotonic_start.
monotonic_report:
    push eax
    mov eax, SYS_clock_gettime
    mov ebx, CLOCK_MONOTONIC
    mov ecx, after
    int 0x80
    call must
    pop eax
    call puts
    mov eax, [after]
    sub eax, [before]
    imul ecx, eax, 1000
    mov eax, [after + 4]
    sub eax, [before + 4]
    cdq
    mov ebx, 1000000
    idiv ebx
    add eax, ecx
    call putdec
    jmp newline

; EAX = zero-terminated string, to stdout.
puts:
    mov ecx, eax
    mov edx, eax
.len:
    cmp byte [edx], 0
    je .write
    inc edx
    jmp .len
.write:
    sub edx, ecx
    mov eax, SYS_write
    mov ebx, 1
    int 0x80
    ret

newline:
    mov eax, nl
    jmp puts

space:
    mov eax, sp_
    jmp puts

; EAX = unsigned number, in decimal.
putdec:
    mov edi, number_end
    mov byte [edi], 0
    mov ebx, 10
.digit:
    xor edx, edx
    div ebx
    add dl, '0'
    dec edi
    mov [edi], dl
    test eax, eax
    jnz .digit
    mov eax, edi
    jmp puts

section .data
quarter       dd 0, 250000000
tenth         dd 0, 100000000
s_time        db "time ", 0
s_stored      db " stored ", 0
s_gettimeofday db "gettimeofday ", 0
s_realtime    db "realtime ", 0
s_realtime64  db "realtime64 ", 0
s_slept       db "slept ", 0
s_slept2      db "slept2 ", 0
s_bad         db "bad clock error ", 0
nl            db 10, 0
sp_           db " ", 0

section .bss
stored  resd 1
tv      resd 2
ts      resd 2
ts64    resd 4
before  resd 2
after   resd 2
number  resb 16
number_end resb 1
