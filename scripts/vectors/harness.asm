; Native harness for the golden vectors: reads case records from stdin, runs each case's one
; instruction on the host CPU and writes one result record per case to stdout.
; Layout constants must match scripts/vectors/layout.ts.
;
; Every case ends in a signal: after the instruction, execution lands either on the HLT (F4)
; filling the exec area (#GP(0) at CPL 3) or on an unmapped address (#PF on fetch). A fault or
; trap of the instruction itself ends the case the same way. The handler copies the register
; state, trap number and error code from the i386 sigcontext and the memory windows into the
; result record, then resumes the harness through rt_sigreturn.

BITS 32

%define REC_SIZE      256
%define EXEC_BASE     0x00400000
%define EXEC_SIZE     0x10000
%define EXEC_ENTRY    0x00408000
%define DATA32_PAGE   0x00200000
%define DATA32_WIN    0x00200800
%define DATA16_PAGE   0x00008000
%define DATA16_WIN    0x00008800
%define STACK_PAGE    0x00300000
%define STACK_WIN     0x00300800
%define WIN_SIZE      64

; input record
%define IN_REGS       0
%define IN_EFLAGS     32
%define IN_LENGTH     36
%define IN_BYTES      40
%define IN_DATA32     56
%define IN_DATA16     120
%define IN_STACK      184

; result record
%define OUT_REGS      0
%define OUT_EFLAGS    32
%define OUT_EIP       36
%define OUT_TRAPNO    40
%define OUT_ERR       44
%define OUT_SIGNAL    48
%define OUT_CR2       52
%define OUT_DATA32    56
%define OUT_DATA16    120
%define OUT_STACK     184

; i386 struct sigcontext offsets (inside ucontext at +20)
%define UC_MCONTEXT   20
%define SC_EDI        16
%define SC_ESI        20
%define SC_EBP        24
%define SC_ESP        28
%define SC_EBX        32
%define SC_EDX        36
%define SC_ECX        40
%define SC_EAX        44
%define SC_TRAPNO     48
%define SC_ERR        52
%define SC_EIP        56
%define SC_EFLAGS     64
%define SC_CR2        84

%define SYS_EXIT          1
%define SYS_READ          3
%define SYS_WRITE         4
%define SYS_SIGRETURN_RT  173
%define SYS_RT_SIGACTION  174
%define SYS_SIGALTSTACK   186
%define SYS_MMAP2         192
%define SYS_SET_THREAD_AREA 243

%define ALTSTACK_SIZE 65536

%define SA_SIGINFO    0x00000004
%define SA_ONSTACK    0x08000000
%define SA_RESTORER   0x04000000
%define SS_AUTODISARM 0x80000000

section .text
global _start

; eax = address, ecx = size, edx = prot; returns eax (negative errno on failure)
map_fixed:
    push ebx
    push esi
    push edi
    push ebp
    mov ebx, eax
    mov esi, 0x32                  ; MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS
    mov edi, -1
    xor ebp, ebp
    mov eax, SYS_MMAP2
    int 0x80
    pop ebp
    pop edi
    pop esi
    pop ebx
    ret

; ecx = signal number
install_handler:
    mov ebx, ecx
    mov eax, SYS_RT_SIGACTION
    mov ecx, sigaction_struct
    xor edx, edx
    mov esi, 8
    int 0x80
    test eax, eax
    jnz fail
    ret

fail:
    mov eax, SYS_EXIT
    mov ebx, 2
    int 0x80

_start:
    cld
    mov eax, EXEC_BASE
    mov ecx, EXEC_SIZE
    mov edx, 7                     ; read, write, execute
    call map_fixed
    cmp eax, EXEC_BASE
    jne fail
    mov edi, EXEC_BASE
    mov ecx, EXEC_SIZE
    mov al, 0xF4
    rep stosb

    mov eax, DATA32_PAGE
    mov ecx, 0x1000
    mov edx, 3
    call map_fixed
    cmp eax, DATA32_PAGE
    jne fail
    mov eax, STACK_PAGE
    mov ecx, 0x1000
    mov edx, 3
    call map_fixed
    cmp eax, STACK_PAGE
    jne fail
    ; The low page serves 16-bit addressing; vm.mmap_min_addr may forbid it.
    mov eax, DATA16_PAGE
    mov ecx, 0x1000
    mov edx, 3
    call map_fixed
    cmp eax, DATA16_PAGE
    sete byte [header]

    ; FS and GS: a flat TLS descriptor, so segment overrides behave as in the flat emulator.
    mov eax, SYS_SET_THREAD_AREA
    mov ebx, tls_desc
    int 0x80
    test eax, eax
    jnz fail
    mov eax, [tls_desc]
    shl eax, 3
    or eax, 3
    mov fs, ax
    mov gs, ax

    mov eax, SYS_SIGALTSTACK
    mov ebx, altstack_struct
    xor ecx, ecx
    int 0x80
    test eax, eax
    jnz fail

    mov ecx, 4                     ; SIGILL
    call install_handler
    mov ecx, 5                     ; SIGTRAP
    call install_handler
    mov ecx, 7                     ; SIGBUS
    call install_handler
    mov ecx, 8                     ; SIGFPE
    call install_handler
    mov ecx, 11                    ; SIGSEGV
    call install_handler

    mov eax, SYS_WRITE
    mov ebx, 1
    mov ecx, header
    mov edx, 4
    int 0x80

next_case:
    ; read one full record (pipes may deliver it in pieces)
    xor esi, esi
.read_more:
    mov eax, SYS_READ
    xor ebx, ebx
    lea ecx, [in_record + esi]
    mov edx, REC_SIZE
    sub edx, esi
    int 0x80
    test eax, eax
    jz .end_of_input
    js fail
    add esi, eax
    cmp esi, REC_SIZE
    jb .read_more
    jmp .run
.end_of_input:
    test esi, esi
    jnz fail
    mov eax, SYS_EXIT
    xor ebx, ebx
    int 0x80

.run:
    cld
    mov edi, EXEC_ENTRY
    mov ecx, 16
    mov al, 0xF4
    rep stosb
    mov edi, EXEC_ENTRY
    mov esi, in_record + IN_BYTES
    mov ecx, [in_record + IN_LENGTH]
    rep movsb
    mov edi, DATA32_WIN
    mov esi, in_record + IN_DATA32
    mov ecx, WIN_SIZE
    rep movsb
    mov edi, STACK_WIN
    mov esi, in_record + IN_STACK
    mov ecx, WIN_SIZE
    rep movsb
    cmp byte [header], 0
    je .no_low
    mov edi, DATA16_WIN
    mov esi, in_record + IN_DATA16
    mov ecx, WIN_SIZE
    rep movsb
.no_low:
    mov [harness_esp], esp
    push dword [in_record + IN_EFLAGS]
    popfd
    mov eax, [in_record + IN_REGS + 0]
    mov ecx, [in_record + IN_REGS + 4]
    mov edx, [in_record + IN_REGS + 8]
    mov ebx, [in_record + IN_REGS + 12]
    mov esp, [in_record + IN_REGS + 16]
    mov ebp, [in_record + IN_REGS + 20]
    mov esi, [in_record + IN_REGS + 24]
    mov edi, [in_record + IN_REGS + 28]
    jmp [entry_pointer]

resume:
    mov eax, SYS_WRITE
    mov ebx, 1
    mov ecx, out_record
    mov edx, REC_SIZE
    int 0x80
    cmp eax, REC_SIZE
    jne fail
    jmp next_case

; void handler(int signal, siginfo_t *info, ucontext_t *uc), on the alternate stack
signal_handler:
    cld
    mov ebx, [esp + 12]
    lea ebx, [ebx + UC_MCONTEXT]
    mov eax, [ebx + SC_EAX]
    mov [out_record + OUT_REGS + 0], eax
    mov eax, [ebx + SC_ECX]
    mov [out_record + OUT_REGS + 4], eax
    mov eax, [ebx + SC_EDX]
    mov [out_record + OUT_REGS + 8], eax
    mov eax, [ebx + SC_EBX]
    mov [out_record + OUT_REGS + 12], eax
    mov eax, [ebx + SC_ESP]
    mov [out_record + OUT_REGS + 16], eax
    mov eax, [ebx + SC_EBP]
    mov [out_record + OUT_REGS + 20], eax
    mov eax, [ebx + SC_ESI]
    mov [out_record + OUT_REGS + 24], eax
    mov eax, [ebx + SC_EDI]
    mov [out_record + OUT_REGS + 28], eax
    mov eax, [ebx + SC_EFLAGS]
    mov [out_record + OUT_EFLAGS], eax
    mov eax, [ebx + SC_EIP]
    mov [out_record + OUT_EIP], eax
    mov eax, [ebx + SC_TRAPNO]
    mov [out_record + OUT_TRAPNO], eax
    mov eax, [ebx + SC_ERR]
    mov [out_record + OUT_ERR], eax
    mov eax, [esp + 4]
    mov [out_record + OUT_SIGNAL], eax
    mov eax, [ebx + SC_CR2]
    mov [out_record + OUT_CR2], eax

    mov esi, DATA32_WIN
    mov edi, out_record + OUT_DATA32
    mov ecx, WIN_SIZE
    rep movsb
    mov esi, STACK_WIN
    mov edi, out_record + OUT_STACK
    mov ecx, WIN_SIZE
    rep movsb
    cmp byte [header], 0
    je .no_low
    mov esi, DATA16_WIN
    mov edi, out_record + OUT_DATA16
    mov ecx, WIN_SIZE
    rep movsb
.no_low:
    mov dword [ebx + SC_EIP], resume
    mov eax, [harness_esp]
    mov [ebx + SC_ESP], eax
    mov dword [ebx + SC_EFLAGS], 0x202
    ret

signal_restorer:
    mov eax, SYS_SIGRETURN_RT
    int 0x80

section .data
align 4
entry_pointer:  dd EXEC_ENTRY
sigaction_struct:
    dd signal_handler
    dd SA_SIGINFO | SA_ONSTACK | SA_RESTORER
    dd signal_restorer
    dd 0, 0                        ; sa_mask: nothing blocked
; SS_AUTODISARM: the kernel always builds the signal frame at the top of this stack, even when
; the instruction under test left ESP pointing into it (it would otherwise extend the frame
; below that ESP, over the harness).
altstack_struct:
    dd altstack                    ; ss_sp
    dd SS_AUTODISARM               ; ss_flags
    dd ALTSTACK_SIZE               ; ss_size
tls_desc:
    dd -1                          ; entry_number: let the kernel choose
    dd 0                           ; base
    dd 0xFFFFF                     ; limit (in pages)
    dd 0x51                        ; seg_32bit | limit_in_pages | useable
; header word: byte 0 = 1 when the low page for 16-bit addressing is mapped
header:         dd 0

section .bss
alignb 16
altstack:       resb ALTSTACK_SIZE
harness_esp:    resd 1
in_record:      resb REC_SIZE
out_record:     resb REC_SIZE

; No executable stack: without this note a 32-bit process gets READ_IMPLIES_EXEC and a branch
; into a data page would execute data instead of faulting on the fetch.
section .note.GNU-stack noalloc noexec nowrite progbits
