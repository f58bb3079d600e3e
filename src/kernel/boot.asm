; Boot: the Multiboot header and the path from the loader's hand-off to the first user
; instruction. The loader (QEMU's -kernel, or ours) enters kernel_entry in 32-bit protected
; mode, paging off, flat segments, EAX = 0x2BADB002, EBX = the Multiboot information
; (Multiboot Specification 0.6.96, sections 3.1 and 3.2).

align 4
multiboot_header:
    dd MB_HEADER_MAGIC
    dd MB_HEADER_FLAGS
    dd -(MB_HEADER_MAGIC + MB_HEADER_FLAGS)
    ; Address fields (flag bit 16): the image is a flat binary linked at MB_KERNEL_LOAD.
    dd multiboot_header             ; header_addr
    dd image_start                  ; load_addr
    dd image_end                    ; load_end_addr
    dd BSS_END                      ; bss_end_addr
    dd kernel_entry                 ; entry_addr

kernel_entry:
    cli
    cld
    mov esp, KSTACK_TOP
    cmp eax, MB_BOOT_MAGIC
    jne .not_multiboot
    mov esi, ebx
    mov edi, BSS_START
    mov ecx, (BSS_END - BSS_START) / 4
    xor eax, eax
    rep stosd
    mov [multiboot_info], esi
    call hostio_detect

    call gdt_init
    call idt_init
    call read_multiboot_info
    call parse_cmdline
    call detect_cpu
    call fpu_init
    call choose_mechanism
    call pic_init
    call pit_init
    call paging_init
    call program_mechanisms
    call load_program
    jc .no_program
    call kip_init
    call report_boot
    jmp start_first_thread

.not_multiboot:
    mov esi, msg_not_multiboot
    jmp .fail
.no_program:
    mov esi, msg_no_program
.fail:
    call kputs
    mov al, 0xFF
    jmp power_off

; Copies what the kernel needs out of the Multiboot information (the command line, the
; first module's bounds and its string) and computes the first free physical page after everything the
; loader placed in memory.
read_multiboot_info:
    mov ebx, [multiboot_info]
    mov eax, BSS_END
    mov [free_phys_start], eax
    lea eax, [ebx + 0x1000]
    call raise_free_start
    mov dword [memory_end], ADDR_KERNEL_REGION_END
    test dword [ebx + MB_INFO_FLAGS], MB_INFO_FLAG_MEM
    jz .cmdline
    mov eax, [ebx + MB_INFO_MEM_UPPER]      ; KiB above 1 MiB
    shl eax, 10
    add eax, 0x100000
    cmp eax, LINUX_MAX_MEMORY
    jbe .memory
    mov eax, LINUX_MAX_MEMORY
.memory:
    mov [memory_end], eax
.cmdline:
    test dword [ebx + MB_INFO_FLAGS], MB_INFO_FLAG_CMDLINE
    jz .modules
    mov esi, [ebx + MB_INFO_CMDLINE]
    mov edi, cmdline
    mov ecx, CMDLINE_MAX - 1
.copy:
    lodsb
    test al, al
    jz .copied
    stosb
    loop .copy
.copied:
    mov byte [edi], 0
    mov eax, esi
    call raise_free_start
.modules:
    test dword [ebx + MB_INFO_FLAGS], MB_INFO_FLAG_MODS
    jz .done
    mov ecx, [ebx + MB_INFO_MODS_COUNT]
    jecxz .done
    mov esi, [ebx + MB_INFO_MODS_ADDR]
    mov eax, [esi + MB_MOD_START]
    mov [module_start], eax
    mov eax, [esi + MB_MOD_END]
    mov [module_end], eax
    cmp ecx, 2                              ; module 1: the argument block (loader.asm)
    jb .one_module
    mov eax, [esi + 16 + MB_MOD_START]
    mov [args_module_start], eax
    mov eax, [esi + 16 + MB_MOD_END]
    mov [args_module_end], eax
.one_module:
    mov eax, [esi + MB_MOD_STRING]
    test eax, eax
    jz .each_module
    push ecx
    push esi
    mov esi, eax
    mov edi, module_string
    mov ecx, CMDLINE_MAX - 1
.copy_string:
    lodsb
    test al, al
    jz .string_copied
    stosb
    loop .copy_string
.string_copied:
    mov byte [edi], 0
    mov eax, esi
    call raise_free_start
    pop esi
    pop ecx
.each_module:
    mov eax, [esi + MB_MOD_END]
    call raise_free_start
    add esi, 16
    loop .each_module
.done:
    mov eax, [free_phys_start]
    add eax, PAGE - 1
    and eax, ~(PAGE - 1)
    mov [free_phys_start], eax
    ret

; EAX = an address the loader used; the free pages start above it.
raise_free_start:
    cmp eax, [free_phys_start]
    jbe .keep
    mov [free_phys_start], eax
.keep:
    ret

report_boot:
    mov esi, msg_cpu
    call kputs
    mov eax, [cpu_class]
    call kput_dec
    mov esi, msg_vendor
    call kputs
    mov esi, cpu_vendor
    cmp byte [esi], 0
    jne .vendor
    mov esi, msg_none
.vendor:
    call kputs
    mov esi, msg_signature
    call kputs
    mov eax, [cpu_signature]
    call kput_hex
    mov esi, msg_flags
    call kputs
    mov eax, [cpu_flags]
    call kput_hex
    call kput_newline

    mov esi, msg_available
    call kputs
    xor ebx, ebx
.each:
    bt dword [mechanisms_available], ebx
    jnc .next
    mov al, ' '
    call kputc
    mov esi, [mechanism_names + ebx * 4]
    call kputs
.next:
    inc ebx
    cmp ebx, 4
    jb .each
    mov esi, msg_advertised
    call kputs
    mov ebx, [mechanism]
    mov esi, [mechanism_names + ebx * 4]
    call kputs
    mov esi, msg_auto
    cmp dword [forced_mechanism], -1
    je .how
    mov esi, msg_forced
.how:
    call kputs
    call kput_newline

    mov esi, msg_discovery
    call kputs
    mov esi, msg_lock_nop
    cmp dword [discovery], DISCOVERY_LOCK_NOP
    je .mode
    mov esi, msg_shared_page
.mode:
    call kputs
    mov esi, msg_kip_at
    call kputs
    mov eax, [kip_address]
    call kput_hex
    mov esi, msg_entry
    call kputs
    mov eax, [program_entry]
    call kput_hex
    call kput_newline
    ret

section .data
multiboot_info   dd 0
free_phys_start  dd 0
memory_end       dd 0
module_start     dd 0
module_end       dd 0
args_module_start dd 0
args_module_end  dd 0
section .text

msg_not_multiboot db "[kernel] not started by a Multiboot loader", 10, 0
msg_no_program    db "[kernel] no usable program module", 10, 0
msg_cpu           db "[kernel] cpu: class ", 0
msg_vendor        db " vendor ", 0
msg_none          db "none", 0
msg_signature     db " signature ", 0
msg_flags         db " flags ", 0
msg_available     db "[kernel] mechanisms:", 0
msg_advertised    db "; advertised ", 0
msg_auto          db " (auto)", 0
msg_forced        db " (forced)", 0
msg_discovery     db "[kernel] discovery ", 0
msg_lock_nop      db "lock-nop", 0
msg_shared_page   db "shared-page", 0
msg_kip_at        db " kip ", 0
msg_entry         db " entry ", 0
