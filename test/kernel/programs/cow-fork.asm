; Copy-on-write fork seen from a static Linux program, on every model: the i386 too, whose
; ring 0 writes through read-only pages (it has no CR0.WP), so the kernel itself must copy a
; page fork shared before it stores there. After fork the child writes one page of a brk area
; itself, has the kernel write another (uname), and checks a third that the parent writes at
; once; the parent checks that all of its pages still hold what it wrote. The host prints the
; same line.

bits 32

PAGES   equ 8
SYS_EXIT equ 1
SYS_FORK equ 2
SYS_WRITE equ 4
SYS_BRK equ 45
SYS_WAIT4 equ 114
SYS_UNAME equ 122
PATTERN equ 0x5A5A0000
CHILD_WORD equ 0x11111111
PARENT_WORD equ 0x22222222

section .text
global _start
_start:
    mov eax, SYS_BRK
    xor ebx, ebx
    int 0x80
    add eax, 0xFFF
    and eax, ~0xFFF
    mov [area], eax
    lea ebx, [eax + PAGES * 4096]
    mov eax, SYS_BRK
    int 0x80
    cmp eax, ebx
    jne fail
    mov edi, [area]
    xor eax, eax
.fill:
    mov edx, eax
    xor edx, PATTERN
    mov [edi + eax * 4], edx
    inc eax
    cmp eax, PAGES * 1024
    jb .fill
    mov eax, SYS_FORK
    int 0x80
    test eax, eax
    jz child
    js fail
    ; The parent writes page 3 at once (before or after the child looks: either way the child
    ; must see the pattern there).
    mov edi, [area]
    mov dword [edi + 3 * 4096 + 16], PARENT_WORD
    mov ebx, eax
    mov eax, SYS_WAIT4
    mov ecx, status
    xor edx, edx
    xor esi, esi
    int 0x80
    cmp dword [status], 0
    jne fail_child
    ; Every dword is the pattern, except the parent's own word.
    mov edi, [area]
    mov dword [edi + 3 * 4096 + 16], (3 * 1024 + 4) ^ PATTERN
    call pattern_intact
    jne fail
    mov ecx, good
    mov edx, good_end - good
    call print
    xor ebx, ebx
    jmp exit

child:
    mov edi, [area]
    mov dword [edi + 4], CHILD_WORD     ; a ring-3 write: #PF, a copy
    mov eax, SYS_UNAME
    lea ebx, [edi + 2 * 4096 + 8]       ; the kernel's stores: user_check copies the page
    int 0x80
    test eax, eax
    jnz .bad
    mov edi, [area]
    cmp dword [edi + 4], CHILD_WORD
    jne .bad
    cmp dword [edi + 2 * 4096 + 8], 'Linu'
    jne .bad
    cmp dword [edi + 3 * 4096 + 16], (3 * 1024 + 4) ^ PATTERN
    jne .bad
    cmp dword [edi + 5 * 4096 + 12], (5 * 1024 + 3) ^ PATTERN
    jne .bad
    xor ebx, ebx
    jmp exit
.bad:
    mov ebx, 1
    jmp exit

; ZF set when every dword of the area is the pattern.
pattern_intact:
    mov edi, [area]
    xor eax, eax
.each:
    mov edx, eax
    xor edx, PATTERN
    cmp [edi + eax * 4], edx
    jne .done
    inc eax
    cmp eax, PAGES * 1024
    jb .each
    cmp eax, eax
.done:
    ret

fail_child:
    mov ecx, bad_child
    mov edx, bad_child_end - bad_child
    call print
    mov ebx, 2
    jmp exit
fail:
    mov ecx, bad
    mov edx, bad_end - bad
    call print
    mov ebx, 1
exit:
    mov eax, SYS_EXIT
    int 0x80

; ECX = text, EDX = length: to stdout.
print:
    mov eax, SYS_WRITE
    mov ebx, 1
    int 0x80
    ret

section .data
good:      db "cow-fork: parent and child each kept their own pages", 10
good_end:
bad:       db "cow-fork: FAIL (the parent's pages changed)", 10
bad_end:
bad_child: db "cow-fork: FAIL (the child saw the wrong bytes)", 10
bad_child_end:
area:      dd 0
status:    dd 0
