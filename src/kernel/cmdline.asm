; Boot options from the Multiboot command line: words separated by spaces; a word without
; '=' (QEMU puts the kernel's file name first) is ignored. The options and what they mean
; are listed once, in abi.ts (BOOT_OPTION); their names come from abi.inc.
;   discovery=lock-nop|shared-page, mechanism=auto|int|callgate|sysenter|syscall,
;   kip=ADDRESS, seed=NUMBER

CMDLINE_MAX equ 256

parse_cmdline:
    mov dword [discovery], DISCOVERY_LOCK_NOP
    mov dword [forced_mechanism], -1
    mov dword [kip_requested], 0
    mov dword [boot_seed], 0
    mov esi, cmdline
.word:
    cmp byte [esi], ' '
    jne .not_space
    inc esi
    jmp .word
.not_space:
    cmp byte [esi], 0
    je .done
    mov [word_start], esi
    mov edi, opt_discovery
    call match_prefix
    jnc .discovery
    mov edi, opt_mechanism
    call match_prefix
    jnc .mechanism
    mov edi, opt_kip
    call match_prefix
    jnc .kip
    mov edi, opt_seed
    call match_prefix
    jnc .seed
    mov edi, opt_tty
    call match_prefix
    jnc .tty
    mov edi, opt_stack
    call match_prefix
    jnc .stack
    call word_has_equals
    jnc .unknown
.skip:
    call skip_word
    jmp .word

.discovery:
    mov edi, val_lock_nop
    call match_word
    jnc .word
    mov edi, val_shared_page
    call match_word
    jc .unknown_value
    mov dword [discovery], DISCOVERY_SHARED_PAGE
    jmp .word

.mechanism:
    mov edi, val_auto
    call match_word
    jnc .word
    xor ebx, ebx
.each_mechanism:
    mov edi, [mechanism_names + ebx * 4]
    call match_word
    jnc .forced
    inc ebx
    cmp ebx, 4
    jb .each_mechanism
    jmp .unknown_value
.forced:
    mov [forced_mechanism], ebx
    jmp .word

.kip:
    call parse_number
    jc .unknown_value
    test eax, PAGE - 1
    jnz .bad_kip
    cmp eax, ADDR_MAP_END               ; above everything brk, map and munmap can touch
    jb .bad_kip
    cmp eax, ADDR_USER_END - PAGE
    ja .bad_kip
    mov [kip_requested], eax
    jmp .word
.bad_kip:
    push esi
    mov esi, msg_bad_kip
    call kputs
    pop esi
    jmp .word

.seed:
    call parse_number
    jc .unknown_value
    mov [boot_seed], eax
    jmp .word

.tty:
    call parse_number
    jc .unknown_value
    cmp eax, 1
    ja .unknown_value
    mov [console_tty], eax
    jmp .word

.stack:
    call parse_number
    jc .unknown_value
    test eax, PAGE - 1
    jnz .unknown_value
    cmp eax, 0x10000
    jb .unknown_value
    cmp eax, LINUX_STACK_MAX
    ja .unknown_value
    mov [stack_size], eax
    jmp .word

; The whole word is reported, however far the parse got into it.
.unknown_value:
.unknown:
    push esi
    mov esi, msg_unknown_option
    call kputs
    mov esi, [word_start]
    call print_word
    call kput_newline
    pop esi
    jmp .skip
.done:
    ret

; ESI = word, EDI = zero-terminated prefix. CF clear and ESI past the prefix on a match;
; otherwise CF set and ESI unchanged.
match_prefix:
    push esi
    push edi
.compare:
    mov al, [edi]
    test al, al
    jz .matched
    cmp al, [esi]
    jne .differ
    inc esi
    inc edi
    jmp .compare
.matched:
    pop edi
    add esp, 4
    clc
    ret
.differ:
    pop edi
    pop esi
    stc
    ret

; Like match_prefix, but the value must end at a space or the end of the line.
match_word:
    push esi
    call match_prefix
    jc .no
    cmp byte [esi], ' '
    je .yes
    cmp byte [esi], 0
    je .yes
.no:
    pop esi
    stc
    ret
.yes:
    add esp, 4
    clc
    ret

; CF clear when the word at ESI contains '='.
word_has_equals:
    push esi
.scan:
    mov al, [esi]
    cmp al, '='
    je .yes
    cmp al, ' '
    je .no
    test al, al
    jz .no
    inc esi
    jmp .scan
.yes:
    pop esi
    clc
    ret
.no:
    pop esi
    stc
    ret

skip_word:
    cmp byte [esi], ' '
    je .done
    cmp byte [esi], 0
    je .done
    inc esi
    jmp skip_word
.done:
    ret

; Prints the word at ESI (without moving ESI).
print_word:
    push esi
.each:
    mov al, [esi]
    cmp al, ' '
    je .done
    test al, al
    jz .done
    call kputc
    inc esi
    jmp .each
.done:
    pop esi
    ret

; ESI = number (0x hex or decimal) ending at a space or the line's end.
; EAX = value, ESI past it, CF clear; CF set on a malformed number.
parse_number:
    xor eax, eax
    mov ecx, 10
    cmp word [esi], '0x'
    jne .digits
    add esi, 2
    mov ecx, 16
.digits:
    movzx edx, byte [esi]
    cmp dl, ' '
    je .end
    test dl, dl
    jz .end
    sub dl, '0'
    cmp dl, 9
    jbe .have_digit
    or dl, 0x20                 ; 'A'-'0' | 0x20 = 'a'-'0'
    sub dl, 'a' - '0'
    cmp dl, 5
    ja .bad
    add dl, 10
.have_digit:
    cmp edx, ecx
    jae .bad
    push edx
    mul ecx
    pop edx
    jc .bad_overflow
    add eax, edx
    jc .bad
    inc esi
    jmp .digits
.end:
    clc
    ret
.bad_overflow:
.bad:
    call skip_word
    stc
    ret

section .data
cmdline          times CMDLINE_MAX db 0
discovery        dd DISCOVERY_LOCK_NOP
forced_mechanism dd -1
kip_requested    dd 0
boot_seed        dd 0                   ; seed=, the loader's entropy for this boot
word_start       dd 0
section .text

opt_discovery    db BOOT_OPTION_DISCOVERY, 0
opt_mechanism    db BOOT_OPTION_MECHANISM, 0
opt_kip          db BOOT_OPTION_KIP, 0
opt_seed         db BOOT_OPTION_SEED, 0
opt_tty          db BOOT_OPTION_TTY, 0
opt_stack        db BOOT_OPTION_STACK, 0
val_lock_nop     db "lock-nop", 0
val_shared_page  db "shared-page", 0
val_auto         db "auto", 0
msg_unknown_option db "[kernel] ignoring boot option ", 0
msg_bad_kip      db "[kernel] kip= must be a page-aligned address from 0x70000000 below 0x80000000; using the default", 10, 0
