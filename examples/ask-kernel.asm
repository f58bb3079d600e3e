; ask-kernel: the L4 way. Ask the kernel with `lock nop` where its Kernel Interface Page is,
; then make every system call through the stub the KIP advertises. Boot with
; mechanism=int|callgate|sysenter|syscall to force one mechanism and compare them.
;
; The loop between round_trip_loop and round_trip_done is the measured workload: exactly
; ROUND_TRIPS calls of kernel_info(INFO_TICKS) through the stub.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"
ROUND_TRIPS equ 1000
FLAGS_SET equ 0x0CD5                ; OF DF SF ZF AF PF CF: set around one call

main:
    call ask_kernel
    jc .no_answer
    print "ask-kernel: KIP at "
    mov eax, [kip]
    call print_hex
    print " version "
    mov eax, [api_version]
    call print_hex
    print " flags "
    mov eax, [api_flags]
    call print_hex
    print " kernel id "
    mov eax, [kernel_id]
    call print_hex
    print 10
    mov ebx, [kip]
    cmp dword [ebx + KIP_MAGIC], KIP_MAGIC_VALUE
    jne .bad_magic
    print "ask-kernel: mechanism "
    mov eax, [ebx + KIP_MECHANISM]
    call print_mechanism
    print " stub at "
    mov eax, [syscall_entry]
    call print_hex
    print " cpu class "
    mov eax, [ebx + KIP_CPU_CLASS]
    call print_dec
    print " signature "
    mov eax, [ebx + KIP_SIGNATURE]
    call print_hex
    print 10
    jmp .preserved

.no_answer:
    print "ask-kernel: lock nop got no answer; using int 0x30", 10
    jmp .preserved
.bad_magic:
    print "ask-kernel: the KIP has a bad magic", 10
    mov ebx, 1
    jmp exit

; Every register but EAX must survive a system call, the arithmetic flags and DF too.
.preserved:
    pushfd
    or dword [esp], FLAGS_SET
    popfd
    mov ebx, INFO_TICKS
    mov ecx, 0x11111111
    mov edx, 0x22222222
    mov esi, 0x33333333
    mov edi, 0x44444444
    mov ebp, 0x55555555
    mov eax, SYS_KERNEL_INFO
    call [syscall_entry]
    pushfd
    pop dword [flags_after]
    cld
    and dword [flags_after], FLAGS_SET
    cmp dword [flags_after], FLAGS_SET
    jne .clobbered
    cmp ebx, INFO_TICKS
    jne .clobbered
    cmp ecx, 0x11111111
    jne .clobbered
    cmp edx, 0x22222222
    jne .clobbered
    cmp esi, 0x33333333
    jne .clobbered
    cmp edi, 0x44444444
    jne .clobbered
    cmp ebp, 0x55555555
    jne .clobbered
    print "ask-kernel: registers preserved", 10
    jmp .measure
.clobbered:
    print "ask-kernel: registers clobbered", 10
    mov ebx, 1
    jmp exit

.measure:
    mov ebx, [kip]
    test ebx, ebx
    jz .loop
    test dword [ebx + KIP_CPU_FLAGS], CPU_FLAG_TSC
    jz .loop
    rdtsc
    mov [tsc_start], eax
    mov byte [have_tsc], 1
.loop:
    mov edi, ROUND_TRIPS
round_trip_loop:
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_TICKS
    call [syscall_entry]
    dec edi
    jnz round_trip_loop
round_trip_done:
    cmp byte [have_tsc], 0
    je .report
    rdtsc
    sub eax, [tsc_start]
    xor edx, edx
    mov ecx, ROUND_TRIPS
    div ecx
    mov [tsc_per_call], eax
.report:
    print "ask-kernel: "
    mov eax, ROUND_TRIPS
    call print_dec
    print " round trips"
    cmp byte [have_tsc], 0
    je .done
    print ", "
    mov eax, [tsc_per_call]
    call print_dec
    print " time-stamp ticks each"
.done:
    print 10
    mov eax, SYS_WRITE
    mov ebx, hello
    mov ecx, hello_end - hello
    call [syscall_entry]
    xor ebx, ebx
    jmp exit

hello: db "Hello through the advertised stub", 10
hello_end:
tsc_start    dd 0
flags_after  dd 0
tsc_per_call dd 0
have_tsc     db 0
