; Loading the program (Multiboot module 0) into user space: a flat binary at
; ADDR_FLAT_LOAD, or a static ELF32 i386 executable by its program headers (System V ABI,
; i386 supplement): ET_EXEC where it is linked, a static PIE (ET_DYN without PT_INTERP) at
; LINUX_PIE_BASE as Linux and qemu-i386 place it. An ELF program runs with the Linux
; personality (linux_personality = 1): every fast entry dispatches Linux calls, and it gets
; Linux's process image: a LINUX_STACK_DEFAULT (boot option stack=) stack whose pages come
; at the first touch, argv and the environment from the argument block (module 1), and the
; auxiliary vector with the vDSO (linux_vdso.asm). Then the main thread in slot 0.

ELF_MAGIC   equ 0x464C457F              ; 7F 'E' 'L' 'F'
EI_CLASS    equ 4
ELF_TYPE    equ 16
ELF_MACHINE equ 18
ELF_ENTRY   equ 24
ELF_PHOFF   equ 28
ELF_PHENTSIZE equ 42
ELF_PHNUM   equ 44
ELF_HEADER_SIZE equ 52
PH_TYPE     equ 0
PH_OFFSET   equ 4
PH_VADDR    equ 8
PH_FILESZ   equ 16
PH_MEMSZ    equ 20
PH_FLAGS    equ 24
PH_SIZE     equ 32
PT_LOAD     equ 1
PT_INTERP   equ 3
PF_W        equ 2
ET_EXEC     equ 2
ET_DYN      equ 3
EM_386      equ 3
PLATFORM_MAX equ 8                      ; bytes of an AT_PLATFORM name

; CF set when there is no loadable program (the caller reports it). An ELF file that cannot
; run here is reported on the console and ends the boot with status LINUX_EXEC_FAILED.
load_program:
    mov esi, [module_start]
    mov ecx, [module_end]
    sub ecx, esi
    jbe .none
    mov [program_size], ecx
    add esi, LINUX_PHYS_WINDOW
    mov [module_base], esi
    cmp ecx, 4
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
    ; The native stack: ADDR_STACK_SIZE, mapped now.
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
    jmp .image

.elf:
    call load_elf
    jc .cannot_run
    mov dword [linux_personality], 1
    ; The Linux stack: stack_size bytes below ADDR_STACK_TOP, filled in at the first touch.
    mov eax, ADDR_STACK_TOP
    sub eax, [stack_size]
    mov ecx, [stack_size]
    mov edx, PTE_W
    call map_lazy_range
    jc .none
    call vdso_init
    jc .none

.image:
    mov eax, [brk_start]
    add eax, PAGE - 1
    and eax, ~(PAGE - 1)
    mov [brk_start], eax
    mov [brk_current], eax
    call build_initial_stack
    jc .none
    mov ebx, [program_entry]
    mov ecx, edi
    xor edx, edx
    call create_thread
    ret
.none:
    stc
    ret
.cannot_run:
    push esi
    mov esi, msg_cannot_run
    call kputs
    pop esi
    call kputs
    call kput_newline
    mov eax, LINUX_EXEC_FAILED
    jmp program_exit

; The ELF image at module_base: checked, its PT_LOAD segments loaded. Sets program_entry,
; brk_start, the phdr facts for the auxiliary vector. CF set with ESI = why not.
load_elf:
    mov ebx, [module_base]
    mov esi, msg_elf_truncated
    cmp dword [program_size], ELF_HEADER_SIZE
    jb .refuse
    mov esi, msg_elf_class
    cmp byte [ebx + EI_CLASS], 1
    jne .refuse
    cmp byte [ebx + EI_CLASS + 1], 1    ; ELFDATA2LSB
    jne .refuse
    mov esi, msg_elf_machine
    cmp word [ebx + ELF_MACHINE], EM_386
    jne .refuse
    mov esi, msg_elf_type
    xor eax, eax
    cmp word [ebx + ELF_TYPE], ET_EXEC
    je .typed
    cmp word [ebx + ELF_TYPE], ET_DYN
    jne .refuse
    mov eax, LINUX_PIE_BASE
.typed:
    mov [load_bias], eax
    add eax, [ebx + ELF_ENTRY]
    mov [program_entry], eax
    mov esi, msg_elf_truncated
    movzx eax, word [ebx + ELF_PHENTSIZE]
    mov [phdr_entry_size], eax
    cmp eax, PH_SIZE
    jb .refuse
    movzx ecx, word [ebx + ELF_PHNUM]
    mov [phdr_count], ecx
    imul eax, ecx
    add eax, [ebx + ELF_PHOFF]
    jc .refuse
    cmp eax, [program_size]
    ja .refuse
    mov dword [phdr_address], 0
    mov dword [brk_start], 0

    ; First pass: PT_INTERP means a dynamic program; find where the headers are loaded.
    mov edx, [ebx + ELF_PHOFF]
    add edx, ebx
    push ecx
.scan:
    test ecx, ecx
    jz .scanned
    mov esi, msg_elf_interp
    cmp dword [edx + PH_TYPE], PT_INTERP
    je .refuse_popped
    cmp dword [edx + PH_TYPE], PT_LOAD
    jne .scan_next
    mov eax, [ebx + ELF_PHOFF]
    sub eax, [edx + PH_OFFSET]
    jb .scan_next
    cmp eax, [edx + PH_FILESZ]
    jae .scan_next
    add eax, [edx + PH_VADDR]
    add eax, [load_bias]
    mov [phdr_address], eax
.scan_next:
    add edx, [phdr_entry_size]
    dec ecx
    jmp .scan
.scanned:
    pop ecx

    ; Second pass: load.
    mov edx, [ebx + ELF_PHOFF]
    add edx, ebx
.header:
    test ecx, ecx
    jz .loaded
    cmp dword [edx + PH_TYPE], PT_LOAD
    jne .next_header
    pushad
    mov edi, [edx + PH_VADDR]
    add edi, [load_bias]
    mov ecx, [edx + PH_FILESZ]
    mov eax, [edx + PH_MEMSZ]
    cmp ecx, eax
    ja .bad_segment
    mov ebx, [edx + PH_OFFSET]
    add ebx, ecx
    jc .bad_segment
    cmp ebx, [program_size]
    ja .bad_segment
    cmp edi, ADDR_USER_START
    jb .bad_segment
    mov ebx, edi
    add ebx, eax
    jc .bad_segment
    cmp ebx, ADDR_MAP_END
    ja .bad_segment
    cmp ebx, [brk_start]
    jbe .brk_kept
    mov [brk_start], ebx
.brk_kept:
    mov ebx, [edx + PH_FLAGS]
    and ebx, PF_W                       ; PF_W = PTE_W = 2
    mov esi, [edx + PH_OFFSET]
    add esi, [module_base]
    mov edx, eax
    call load_segment
    jc .no_memory
    popad
.next_header:
    add edx, [phdr_entry_size]
    dec ecx
    jmp .header
.loaded:
    mov esi, msg_elf_segment
    cmp dword [brk_start], 0
    je .refuse
    clc
    ret
.bad_segment:
    popad
    mov esi, msg_elf_segment
    stc
    ret
.no_memory:
    popad
    mov esi, msg_elf_memory
    stc
    ret
.refuse_popped:
    pop ecx
.refuse:
    stc
    ret

; Linux's initial stack (System V ABI, i386 supplement, figure 3-31; Linux's
; create_elf_tables): argc, argv[], 0, envp[], 0, the auxiliary vector, with the strings,
; the platform name and AT_RANDOM's 16 bytes above. The arguments come from the argument
; block (module 1: LINUX_ARGS_MAGIC, argc, envc, then argc + envc zero-terminated strings),
; or else from the words of module 0's string (QEMU: -initrd "program arg ..."), or
; "program". EDI = the initial ESP, 16-byte aligned. CF set when it does not fit.
build_initial_stack:
    call find_argument_block            ; ESI = block, ECX = its string bytes
    jc build_stack_from.fail
; The same from ESI = strings (argv, envp; args_argc, args_envc set), ECX = their bytes (execve).
build_stack_from:
    mov [args_strings], esi
    mov [args_strings_size], ecx
    ; The string area: the strings, the execfn (argv[0] again), the platform, 16 bytes.
    mov eax, [args_argc]
    mov edx, eax
    test eax, eax
    jz .no_execfn
    push esi
    push ecx
    mov edi, esi
    mov ecx, -1
    xor eax, eax
    repne scasb
    not ecx                             ; length of argv[0] with its zero
    mov [execfn_size], ecx
    pop ecx
    pop esi
.no_execfn:
    mov eax, ADDR_STACK_TOP - 4         ; a zero dword at the very top, as Linux leaves
    sub eax, [args_strings_size]
    sub eax, [execfn_size]
    sub eax, PLATFORM_MAX
    sub eax, 16
    and eax, ~15
    mov [strings_at], eax
    ; The vector: argc, argv, 0, envp, 0, auxv.
    mov ecx, [args_argc]
    add ecx, [args_envc]
    add ecx, 3
    shl ecx, 2
    add ecx, AUXV_PAIRS * 8
    sub eax, ecx
    and eax, ~15
    mov edi, eax
    mov [stack_pointer], eax
    ; Everything from there to the top must be mapped (the stack's pages come on touch).
    mov esi, edi
    mov ecx, ADDR_STACK_TOP
    sub ecx, esi
    mov edx, 1
    call user_check
    jc .fail
    ; The strings.
    mov edi, [strings_at]
    mov esi, [args_strings]
    mov ecx, [args_strings_size]
    rep movsb
    mov [execfn_at], edi
    mov esi, [args_strings]
    mov ecx, [execfn_size]
    rep movsb
    mov [platform_at], edi
    call platform_name
    mov ecx, PLATFORM_MAX
    rep movsb
    mov [random_at], edi
    mov ecx, 4
.random:
    call random_dword
    stosd
    loop .random
    ; The vector.
    mov edi, [stack_pointer]
    mov eax, [args_argc]
    stosd
    mov esi, [strings_at]
    mov ecx, [args_argc]
    call .pointers
    mov ecx, [args_envc]
    call .pointers
    mov esi, auxv_template
.aux:
    lodsd
    stosd
    mov ebx, eax
    lodsd
    test eax, eax
    jz .aux_value
    mov eax, [eax]                      ; the value's variable
.aux_value:
    stosd
    test ebx, ebx
    jnz .aux
    call set_comm_name
    mov edi, [stack_pointer]
    clc
    ret
.fail:
    stc
    ret
; ECX pointers to consecutive strings from ESI, then a null pointer, stored at EDI.
.pointers:
    jecxz .end_pointers
    mov [edi], esi
    add edi, 4
    push ecx
    push edi
    mov edi, esi
    mov ecx, -1
    xor eax, eax
    repne scasb
    mov esi, edi
    pop edi
    pop ecx
    loop .pointers
.end_pointers:
    xor eax, eax
    stosd
    ret

; The thread name (prctl PR_GET_NAME): the last component of the file name, at most
; LINUX_COMM_SIZE - 1 bytes, as Linux sets it at exec. The name is on the new stack
; (execfn_at, execfn_size bytes with the zero).
set_comm_name:
    mov esi, [execfn_at]
    mov ecx, [execfn_size]
    jecxz .done
    mov edx, esi                        ; EDX = after the last '/'
.scan:
    lodsb
    cmp al, '/'
    jne .next
    mov edx, esi
.next:
    loop .scan
    mov esi, edx
    mov edi, comm_name
    mov ecx, LINUX_COMM_SIZE - 1
.copy:
    lodsb
    stosb
    test al, al
    jz .done
    loop .copy
    mov byte [edi], 0
.done:
    ret

; ESI = the AT_PLATFORM name for this CPU, as Linux derives it from the family (the KIP's
; CPU class, capped at 6): "i386", "i486", "i586", "i686", in PLATFORM_MAX bytes.
platform_name:
    mov eax, [cpu_class]
    cmp eax, 6
    jbe .class
    mov eax, 6
.class:
    sub eax, 3
    lea esi, [platform_names + eax * 8]      ; PLATFORM_MAX bytes each
    ret

; ESI = the argument block's strings (a kernel address), ECX = the size of the argv and envp
; strings; sets args_argc, args_envc and exe_path/exe_path_size (the block's last string,
; the program's absolute path, for readlink("/proc/self/exe")). CF set when the block is
; malformed.
find_argument_block:
    mov esi, [args_module_start]
    mov ecx, [args_module_end]
    sub ecx, esi
    jbe .from_string
    add esi, LINUX_PHYS_WINDOW
    cmp ecx, 12
    jb .bad
    cmp dword [esi], LINUX_ARGS_MAGIC
    jne .bad
    mov eax, [esi + 4]
    mov [args_argc], eax
    mov edx, [esi + 8]
    mov [args_envc], edx
    add eax, edx
    cmp eax, LINUX_ARGS_MAX / 2
    ja .bad
    add esi, 12
    sub ecx, 12
    cmp ecx, LINUX_ARGS_MAX
    ja .bad
    ; Exactly argc + envc + 1 zero-terminated strings.
    push esi
    push ecx
    mov edi, esi
    mov edx, eax
    xor eax, eax
.count:
    test edx, edx
    jz .counted
    jecxz .short
    repne scasb
    jne .short
    dec edx
    jmp .count
.counted:
    mov [exe_path], edi
    mov [exe_path_size], ecx
    jecxz .short
    repne scasb
    jne .short
    test ecx, ecx
    jnz .short
    pop ecx
    pop esi
    sub ecx, [exe_path_size]
    dec dword [exe_path_size]           ; without its zero
    clc
    ret
.short:
    pop ecx
    pop esi
.bad:
    stc
    ret
; The words of module 0's string (or "program") into args_scratch.
.from_string:
    mov esi, module_string
    cmp byte [esi], 0
    jne .words
    mov esi, program_name
.words:
    mov edi, args_scratch
    xor edx, edx                        ; argc
.skip_spaces:
    lodsb
    cmp al, ' '
    je .skip_spaces
    test al, al
    jz .done
    inc edx
.copy:
    stosb
    lodsb
    cmp al, ' '
    je .end_word
    test al, al
    jnz .copy
    dec esi
.end_word:
    mov byte [edi], 0
    inc edi
    jmp .skip_spaces
.done:
    mov [args_argc], edx
    mov dword [args_envc], 0
    mov ecx, edi
    mov esi, args_scratch
    sub ecx, esi
    mov [exe_path], esi
    push ecx
    push edi
    mov edi, esi
    mov ecx, -1
    xor eax, eax
    repne scasb
    not ecx
    dec ecx
    mov [exe_path_size], ecx
    pop edi
    pop ecx
    clc
    ret

; EAX = 32 bits from the boot seed's sequence (AT_RANDOM, getrandom): a counter stepped by
; the golden ratio and mixed by the same xor-shift-multiply rounds as the KIP placement. The
; same seed= gives the same bytes. Keeps other registers.
random_dword:
    push ecx
    mov eax, [random_state]
    add eax, 0x9E3779B9
    mov [random_state], eax
    xor eax, [boot_seed]
    mov ecx, eax
    shr ecx, 16
    xor eax, ecx
    imul eax, eax, 0x7FEB352D
    mov ecx, eax
    shr ecx, 15
    xor eax, ecx
    imul eax, eax, 0x846CA68B
    mov ecx, eax
    shr ecx, 16
    xor eax, ecx
    pop ecx
    ret

; Maps [EAX, EAX+ECX) (page aligned) as PTE_LAZY pages with EDX = PTE_W or 0 (and PTE_NONE
; for PROT_NONE), each committing a free frame (mm.asm). CF set when memory runs out or a
; page is in use; what was mapped stays mapped (the caller unmaps it).
map_lazy_range:
    pushad
    add ecx, eax                        ; ECX = the end
    or edx, PTE_LAZY | PTE_U            ; EDX = each page's entry
.table:
    cmp eax, ecx
    jae .done
    push eax
    call pte_for
    jc .fail_pop
    mov edi, eax                        ; EDI = the page's PTE; the next ones follow it in its table
    pop eax
.page:
    cmp dword [edi], 0
    jne .fail
    mov ebx, [free_pages]
    sub ebx, [committed_pages]
    jbe .fail
    inc dword [committed_pages]
    mov [edi], edx
    add edi, 4
    add eax, PAGE
    cmp eax, ecx
    jae .done
    test eax, 0x3FF000                  ; a 4 MiB boundary: the next page table (pte_for)
    jnz .page
    jmp .table
.done:
    popad
    clc
    ret
.fail_pop:
    pop eax
.fail:
    popad
    stc
    ret

; EAX = user linear address: EAX = the kernel address of its PTE, making the page table if
; there is none. CF set when out of memory. Keeps other registers.
pte_for:
    push ebx
    mov ebx, eax
    shr ebx, 22
    lea ebx, [PAGE_DIRECTORY + ebx * 4]
    test dword [ebx], PTE_P
    jnz .have_table
    push eax
    call alloc_page
    jc .none
    or eax, PTE_P | PTE_W | PTE_U
    mov [ebx], eax
    pop eax
.have_table:
    pop ebx
    jmp pte_address
.none:
    pop eax
    pop ebx
    stc
    ret

; Maps [EDI, EDI+EDX) in user space (EBX = PTE_W for writable pages) and copies ECX bytes
; from ESI (a kernel address) to EDI; the rest stays zero. A page shared with an earlier
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
    lea eax, [PHYS(eax) + edx]          ; EAX = the destination through the window
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

; The auxiliary vector, in Linux's order (create_elf_tables: the architecture's entries
; first): type, then 0 for the value 0 or the address of the dword holding the value.
AUXV_PAIRS equ (auxv_template_end - auxv_template) / 8
auxv_template:
    dd AT_SYSINFO, vdso_entry
    dd AT_SYSINFO_EHDR, vdso_address
    dd AT_HWCAP, cpu_features
    dd AT_PAGESZ, aux_page_size
    dd AT_CLKTCK, aux_clock_ticks
    dd AT_PHDR, phdr_address
    dd AT_PHENT, phdr_entry_size
    dd AT_PHNUM, phdr_count
    dd AT_BASE, 0
    dd AT_FLAGS, 0
    dd AT_ENTRY, program_entry
    dd AT_UID, aux_id
    dd AT_EUID, aux_id
    dd AT_GID, aux_id
    dd AT_EGID, aux_id
    dd AT_SECURE, 0
    dd AT_RANDOM, random_at
    dd AT_EXECFN, execfn_at
    dd AT_PLATFORM, platform_at
    dd AT_NULL, 0
auxv_template_end:
aux_page_size   dd PAGE
aux_clock_ticks dd LIMIT_TIMER_HZ
aux_id          dd LINUX_UID

platform_names  db "i386", 0, 0, 0, 0, "i486", 0, 0, 0, 0, "i586", 0, 0, 0, 0, "i686", 0, 0, 0, 0
program_name    db "program", 0
msg_cannot_run    db "[kernel] cannot run the program: ", 0
msg_elf_truncated db "truncated ELF file", 0
msg_elf_class     db "not a 32-bit little-endian ELF file (an x86-64 program?); only i386 programs run here", 0
msg_elf_machine   db "not an i386 (EM_386) ELF file", 0
msg_elf_type      db "not an executable ELF file (ET_EXEC or static-PIE ET_DYN)", 0
msg_elf_interp    db "dynamically linked (PT_INTERP): only static programs run here (link with -static)", 0
msg_elf_segment   db "a PT_LOAD segment lies outside the file or outside user space", 0
msg_elf_memory    db "out of memory loading the program", 0

section .data
program_size    dd 0
program_entry   dd 0
module_base     dd 0
load_bias       dd 0
phdr_address    dd 0
phdr_entry_size dd 0
phdr_count      dd 0
linux_personality dd 0                  ; 1: an ELF program; fast entries take Linux calls
stack_size      dd LINUX_STACK_DEFAULT  ; boot option stack=
random_state    dd 0
args_argc       dd 0
args_envc       dd 0
args_strings    dd 0
args_strings_size dd 0
execfn_size     dd 0
strings_at      dd 0
stack_pointer   dd 0
execfn_at       dd 0
platform_at     dd 0
random_at       dd 0
exe_path        dd 0
exe_path_size   dd 0
module_string   times CMDLINE_MAX db 0      ; module 0's string (boot.asm copies it)
args_scratch    times CMDLINE_MAX db 0      ; its words, zero-terminated
section .text
