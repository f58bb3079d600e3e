; Loading the program (Multiboot module 0) into user space: a flat binary at
; ADDR_FLAT_LOAD, or an ELF32 executable by its program headers (System V ABI, i386
; supplement: ET_EXEC, EM_386, PT_LOAD segments). Then the main thread's stack, laid out
; like Linux's (argc, argv, envp, auxv), and the main thread itself in slot 0.

ELF_MAGIC   equ 0x464C457F              ; 7F 'E' 'L' 'F'
ELF_TYPE    equ 16
ELF_MACHINE equ 18
ELF_ENTRY   equ 24
ELF_PHOFF   equ 28
ELF_PHENTSIZE equ 42
ELF_PHNUM   equ 44
PH_TYPE     equ 0
PH_OFFSET   equ 4
PH_VADDR    equ 8
PH_FILESZ   equ 16
PH_MEMSZ    equ 20
PH_FLAGS    equ 24
PT_LOAD     equ 1
PF_W        equ 2
ET_EXEC     equ 2
EM_386      equ 3

; CF set when there is no loadable program.
load_program:
    mov esi, [module_start]
    mov ecx, [module_end]
    sub ecx, esi
    jbe .none
    mov [program_size], ecx
    cmp ecx, 52
    jb .flat
    cmp dword [esi], ELF_MAGIC
    je .elf
.flat:
    mov edi, ADDR_FLAT_LOAD
    mov edx, ecx
    cmp ecx, ADDR_MAP_BASE - ADDR_FLAT_LOAD
    ja .none
    mov ebx, PTE_W
    call load_segment
    jc .none
    mov eax, ADDR_FLAT_LOAD
    mov [program_entry], eax
    add eax, [program_size]
    mov [brk_start], eax
    jmp .stack

.elf:
    cmp word [esi + 4], 0x0101          ; ELFCLASS32, ELFDATA2LSB
    jne .none
    cmp word [esi + ELF_TYPE], ET_EXEC
    jne .none
    cmp word [esi + ELF_MACHINE], EM_386
    jne .none
    mov eax, [esi + ELF_ENTRY]
    mov [program_entry], eax
    mov eax, ADDR_USER_START
    mov [brk_start], eax
    movzx ecx, word [esi + ELF_PHNUM]
    mov ebx, [esi + ELF_PHOFF]
.header:
    test ecx, ecx
    jz .stack
    push ecx
    push ebx
    mov eax, ebx
    add eax, 32
    cmp eax, [program_size]
    ja .bad_header
    add ebx, [module_start]
    cmp dword [ebx + PH_TYPE], PT_LOAD
    jne .next_header
    mov edi, [ebx + PH_VADDR]
    mov ecx, [ebx + PH_FILESZ]
    mov edx, [ebx + PH_MEMSZ]
    cmp ecx, edx
    ja .bad_header
    mov esi, [ebx + PH_OFFSET]
    mov eax, esi
    add eax, ecx
    jc .bad_header
    cmp eax, [program_size]
    ja .bad_header
    add esi, [module_start]
    cmp edi, ADDR_USER_START
    jb .bad_header
    mov eax, edi
    add eax, edx
    jc .bad_header
    cmp eax, ADDR_MAP_BASE
    ja .bad_header
    cmp eax, [brk_start]
    jbe .brk_kept
    mov [brk_start], eax
.brk_kept:
    mov eax, [ebx + PH_FLAGS]
    and eax, PF_W                       ; PF_W = PTE_W = 2
    mov ebx, eax
    call load_segment
    jc .bad_header
.next_header:
    pop ebx
    pop ecx
    mov esi, [module_start]
    movzx eax, word [esi + ELF_PHENTSIZE]
    add ebx, eax
    dec ecx
    jmp .header
.bad_header:
    add esp, 8
.none:
    stc
    ret

.stack:
    mov eax, [brk_start]
    mov [brk_current], eax
    mov eax, ADDR_STACK_TOP - ADDR_STACK_SIZE
.stack_page:
    push eax
    mov edx, PTE_W
    call map_user_page
    pop eax
    jc .none
    add eax, PAGE
    cmp eax, ADDR_STACK_TOP
    jb .stack_page
    call build_initial_stack
    mov ebx, [program_entry]
    mov ecx, edi
    xor edx, edx
    call create_thread
    ret

; Linux's initial stack (System V ABI, i386 supplement, figure 3-31): argc, argv[], 0,
; envp[] = 0, auxv = AT_NULL, with the argument strings above. The arguments are the words
; of module 0's string (QEMU: the file name and what follows it), or "program" when there
; is none. EDI = the initial ESP, 16-byte aligned.
ARGV_MAX    equ 32
ARGS_AREA   equ ADDR_STACK_TOP - CMDLINE_MAX - 16
build_initial_stack:
    mov esi, module_string
    cmp byte [esi], 0
    jne .strings
    mov esi, program_name
.strings:
    mov edi, ARGS_AREA
    xor ebx, ebx                        ; argc
.skip_spaces:
    lodsb
    cmp al, ' '
    je .skip_spaces
    test al, al
    jz .vector
    cmp ebx, ARGV_MAX
    je .vector
    mov [argv_scratch + ebx * 4], edi
    inc ebx
.copy:
    stosb
    lodsb
    cmp al, ' '
    je .end_word
    test al, al
    jnz .copy
    dec esi                             ; let .skip_spaces see the terminator
.end_word:
    mov byte [edi], 0
    inc edi
    jmp .skip_spaces
.vector:
    ; argc, argc pointers, NULL, envp NULL, AT_NULL (2 dwords)
    lea eax, [ebx * 4 + 5 * 4]
    mov edi, ARGS_AREA
    sub edi, eax
    and edi, ~15
    mov [edi], ebx
    xor ecx, ecx
.pointer:
    cmp ecx, ebx
    je .terminators
    mov eax, [argv_scratch + ecx * 4]
    mov [edi + 4 + ecx * 4], eax
    inc ecx
    jmp .pointer
.terminators:
    lea eax, [edi + 4 + ebx * 4]
    mov dword [eax], 0                  ; end of argv
    mov dword [eax + 4], 0              ; end of envp
    mov dword [eax + 8], 0              ; AT_NULL
    mov dword [eax + 12], 0
    ret

; Maps [EDI, EDI+EDX) in user space (EBX = PTE_W for writable pages) and copies ECX bytes
; from ESI (a physical address) to EDI; the rest stays zero. A page shared with an earlier
; segment is reused and made writable if either segment is. CF set when out of memory.
load_segment:
    pushad
    mov eax, edi
    and eax, ~(PAGE - 1)
    add edx, edi
    add edx, PAGE - 1
    and edx, ~(PAGE - 1)
.page:
    cmp eax, edx
    jae .copy
    push eax
    call pte_address
    jc .fresh
    test dword [eax], PTE_P
    jz .fresh
    or [eax], ebx
    pop eax
    jmp .next
.fresh:
    pop eax
    push eax
    push edx
    mov edx, ebx
    call map_user_page
    pop edx
    pop eax
    jc .fail
.next:
    add eax, PAGE
    jmp .page
.copy:
    jecxz .done
    mov eax, edi
    call pte_address
    mov eax, [eax]
    and eax, ~(PAGE - 1)
    mov edx, edi
    and edx, PAGE - 1
    add eax, edx                        ; EAX = physical destination
    mov ebx, PAGE
    sub ebx, edx                        ; EBX = room left in this page
    cmp ebx, ecx
    jbe .chunk
    mov ebx, ecx
.chunk:
    push edi
    push ecx
    mov edi, eax
    mov ecx, ebx
    rep movsb
    pop ecx
    pop edi
    add edi, ebx
    sub ecx, ebx
    jmp .copy
.done:
    popad
    clc
    ret
.fail:
    popad
    stc
    ret

section .data
program_size    dd 0
program_entry   dd 0
argv_scratch    times ARGV_MAX dd 0
module_string   times CMDLINE_MAX db 0      ; module 0's string (boot.asm copies it)
section .text
program_name    db "program", 0
