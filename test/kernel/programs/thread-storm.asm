; Hostile: 10,000 thread creations in a row, then a thread-create bomb (every bomb thread
; starts two more until 3,000 attempts were made). The kernel refuses what does not fit
; (E_LIMIT) and stays alive; the program ends by itself.
;
; The threads use no user stack (int 0x30 directly), so they can share one.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

REQUESTS equ 10000
BOMB_ATTEMPTS equ 3000

main:
    mov eax, SYS_MAP
    mov ebx, 0x1000
    int VEC_SYSCALL_INT
    add eax, 0x1000
    mov [shared_stack], eax

    mov edi, REQUESTS
.request:
    mov eax, SYS_THREAD_CREATE
    mov ebx, hold
    mov ecx, [shared_stack]
    xor edx, edx
    int VEC_SYSCALL_INT
    test eax, eax
    jns .created
    cmp eax, E_LIMIT
    jne .odd
    inc dword [refused]
    jmp .counted
.created:
    inc dword [created]
.counted:
    dec edi
    jnz .request
    mov dword [released], 1
    call wait_alone
    print "thread-storm: "
    mov eax, [created]
    call print_dec
    print " created, "
    mov eax, [refused]
    call print_dec
    print " refused", 10

    mov eax, SYS_THREAD_CREATE
    mov ebx, bomb
    mov ecx, [shared_stack]
    int VEC_SYSCALL_INT
.defusing:
    mov eax, SYS_SLEEP
    mov ebx, 1
    int VEC_SYSCALL_INT
    cmp dword [attempts], BOMB_ATTEMPTS
    jb .defusing
    call wait_alone
    print "thread-storm: bomb made "
    mov eax, [attempts]
    call print_dec
    print " attempts, "
    mov eax, [bomb_refused]
    call print_dec
    print " refused; survived", 10
    xor ebx, ebx
    jmp exit
.odd:
    print "thread-storm: unexpected error ", 10
    mov ebx, 1
    jmp exit

; Sleeps until the main thread is the only one left.
wait_alone:
    mov eax, SYS_SLEEP
    mov ebx, 1
    int VEC_SYSCALL_INT
    mov eax, SYS_KERNEL_INFO
    mov ebx, INFO_THREAD_COUNT
    int VEC_SYSCALL_INT
    cmp eax, 1
    jne wait_alone
    ret

; The first wave's threads stay until all 10,000 requests were made, so the thread table
; fills however the timer interleaves them (each creation costs more or fewer ticks on
; different models and kernel versions).
hold:
    cmp dword [released], 0
    jne quit
    mov eax, SYS_THREAD_YIELD
    int VEC_SYSCALL_INT
    jmp hold

quit:
    mov eax, SYS_THREAD_EXIT
    int VEC_SYSCALL_INT

bomb:
    mov esi, 2
.child:
    cmp dword [attempts], BOMB_ATTEMPTS
    jae quit
    lock inc dword [attempts]
    mov eax, SYS_THREAD_CREATE
    mov ebx, bomb
    mov ecx, [shared_stack]
    int VEC_SYSCALL_INT
    test eax, eax
    jns .again
    lock inc dword [bomb_refused]
.again:
    dec esi
    jnz .child
    jmp quit

shared_stack dd 0
created      dd 0
refused      dd 0
attempts     dd 0
bomb_refused dd 0
released     dd 0
