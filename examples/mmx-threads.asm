; mmx-threads: two threads keep values in MM0 across thread switches (MMX models: pentium-ii,
; k6-2, athlon). MM0-MM7 are the x87 registers, so the kernel's lazy FPU switch (#NM,
; FSAVE/FXSAVE) must keep them apart like the x87 stack. A: bytes 1 + 1 + ... (5 times) = 6
; in every byte lane (0x06060606 = 101058054); B: words 10 doubled 5 times = 320 in every word
; lane (0x01400140 = 20971840). Each thread prints the low and high doublewords of its MM0.

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
    movq mm0, [ones]
    mov edi, ROUNDS
.round:
    paddb mm0, [ones]
    mov eax, SYS_THREAD_YIELD
    call [syscall_entry]
    dec edi
    jnz .round
    movd [result_a], mm0
    psrlq mm0, 32
    movd [result_a + 4], mm0
    emms
    mov eax, SYS_THREAD_YIELD
    call [syscall_entry]
    mov eax, SYS_THREAD_YIELD
    call [syscall_entry]
    print "mmx-threads: A "
    mov eax, [result_a]
    call print_dec
    print " "
    mov eax, [result_a + 4]
    call print_dec
    print " B "
    mov eax, [result_b]
    call print_dec
    print " "
    mov eax, [result_b + 4]
    call print_dec
    print 10
    xor ebx, ebx
    jmp exit
.failed:
    print "mmx-threads: could not start the thread", 10
    mov ebx, 1
    jmp exit

thread_b:
    movq mm0, [tens]
    mov edi, ROUNDS
.round:
    psllw mm0, 1
    mov eax, SYS_THREAD_YIELD
    call [syscall_entry]
    dec edi
    jnz .round
    movq [result_b], mm0
    emms
    mov eax, SYS_THREAD_EXIT
    call [syscall_entry]

align 8
ones:      dq 0x0101010101010101
tens:      dq 0x000a000a000a000a
result_a:  dq 0
result_b:  dq 0
