; fpu-threads: two threads keep values on the x87 stack across thread switches. Each thread
; loads its own start value and control word, then repeatedly yields to the other and
; continues the computation; the kernel's lazy FPU switch (#NM, FSAVE/FXSAVE) must keep the
; two register stacks apart. A: 1 + 1 + ... (5 times) = 6, rounding to nearest; B: 10 * 2 ...
; (5 times) = 320, with the rounding control set to chop, and 2.75 stored as an integer then
; is 2 (chop) in B and 3 (nearest) in A.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

ROUNDS equ 5
STACK_BYTES equ 0x2000

main:
    call ask_kernel
    mov eax, SYS_MAP
    mov ebx, STACK_BYTES
    call [syscall_entry]
    test eax, eax
    js .failed
    mov esi, eax
    mov eax, SYS_THREAD_CREATE
    mov ebx, thread_b
    lea ecx, [esi + STACK_BYTES]
    call [syscall_entry]
    test eax, eax
    js .failed
    fninit
    fld dword [one]
    mov edi, ROUNDS
.round:
    fadd dword [one]
    mov eax, SYS_THREAD_YIELD
    call [syscall_entry]
    dec edi
    jnz .round
    fistp dword [result_a]
    fld dword [two_75]
    fistp dword [rounded_a]
    mov eax, SYS_THREAD_YIELD
    call [syscall_entry]
    mov eax, SYS_THREAD_YIELD
    call [syscall_entry]
    print "fpu-threads: A "
    mov eax, [result_a]
    call print_dec
    print " "
    mov eax, [rounded_a]
    call print_dec
    print " B "
    mov eax, [result_b]
    call print_dec
    print " "
    mov eax, [rounded_b]
    call print_dec
    print 10
    xor ebx, ebx
    jmp exit
.failed:
    print "fpu-threads: could not start the thread", 10
    mov ebx, 1
    jmp exit

thread_b:
    fninit
    fldcw [chop]
    fld dword [ten]
    mov edi, ROUNDS
.round:
    fmul dword [two]
    mov eax, SYS_THREAD_YIELD
    call [syscall_entry]
    dec edi
    jnz .round
    fistp dword [result_b]
    fld dword [two_75]
    fistp dword [rounded_b]
    mov eax, SYS_THREAD_EXIT
    call [syscall_entry]

one:       dd 0x3f800000          ; 1.0
two:       dd 0x40000000          ; 2.0
ten:       dd 0x41200000          ; 10.0
two_75:    dd 0x40300000          ; 2.75
chop:      dw 0x0f7f
result_a:  dd 0
result_b:  dd 0
rounded_a: dd 0
rounded_b: dd 0
