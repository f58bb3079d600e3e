; Thread-local storage for the Linux personality: set_thread_area / get_thread_area over the
; GDT's TLS entries (LINUX_TLS_ENTRY_MIN .. +LINUX_TLS_ENTRIES-1, selectors 0x33, 0x3B, 0x43
; as on Linux i386), modify_ldt over the process's LDT, and the per-thread copy of the TLS
; entries and of FS/GS that the scheduler swaps.
;
; A descriptor built from a program's `struct user_desc` is always a code/data descriptor
; (S = 1) with DPL 3, so it can never be a gate, a TSS or a ring 0 segment; its base and
; limit may be anything, as on Linux, because paging keeps the kernel's pages supervisor-only
; (SDM Vol.3 5.1: segment and page checks both apply). The checks are Linux's:
; set_thread_area takes only present 32-bit data segments (or an empty/zero one, which clears
; the entry); modify_ldt takes a conforming code segment (contents 3) only when not present.
;
; struct user_desc: entry_number, base_addr, limit, then flag bits: 0 seg_32bit,
; 1-2 contents, 3 read_exec_only, 4 limit_in_pages, 5 seg_not_present, 6 useable.

UD_ENTRY    equ 0
UD_BASE     equ 4
UD_LIMIT    equ 8
UD_FLAGS    equ 12
UDF_32BIT       equ 1
UDF_CONTENTS    equ 6
UDF_READ_EXEC_ONLY equ 8
UDF_LIMIT_PAGES equ 0x10
UDF_NOT_PRESENT equ 0x20
UDF_USEABLE     equ 0x40
UDF_ALL         equ 0x7F

; set_thread_area(struct user_desc *): entry_number -1 takes the first free TLS entry and
; writes its number back.
linux_set_thread_area:
    mov esi, [ebp + F_EBX]
    call copy_user_desc
    jc .fault
    mov eax, [udesc + UD_ENTRY]
    cmp eax, -1
    jne .numbered
    xor ecx, ecx
.free:
    mov eax, [gdt_tls + ecx * 8]
    or eax, [gdt_tls + ecx * 8 + 4]
    jz .found
    inc ecx
    cmp ecx, LINUX_TLS_ENTRIES
    jb .free
    mov dword [ebp + F_EAX], -LINUX_ESRCH
    ret
.found:
    lea eax, [ecx + LINUX_TLS_ENTRY_MIN]
    mov esi, [ebp + F_EBX]
    mov [esi + UD_ENTRY], eax           ; copy_user_desc checked it writable
.numbered:
    sub eax, LINUX_TLS_ENTRY_MIN
    cmp eax, LINUX_TLS_ENTRIES
    jae .invalid
    mov ebx, eax
    call user_desc_empty
    jnc .store_empty
    mov eax, [udesc + UD_FLAGS]
    test eax, UDF_32BIT
    jz .invalid
    test eax, UDF_CONTENTS & ~2         ; contents > 1: code
    jnz .invalid
    test eax, UDF_NOT_PRESENT
    jnz .invalid
    call build_descriptor
    jmp .store
.store_empty:
    xor eax, eax
    xor edx, edx
.store:
    mov [gdt_tls + ebx * 8], eax
    mov [gdt_tls + ebx * 8 + 4], edx
    call reload_user_segments
    mov dword [ebp + F_EAX], 0
    ret
.invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret

; get_thread_area(struct user_desc *): the entry named by entry_number, decoded as Linux's
; fill_user_desc does (an empty entry reads as read_exec_only + seg_not_present).
linux_get_thread_area:
    mov esi, [ebp + F_EBX]
    call copy_user_desc
    jc .fault
    mov eax, [udesc + UD_ENTRY]
    sub eax, LINUX_TLS_ENTRY_MIN
    cmp eax, LINUX_TLS_ENTRIES
    jae .invalid
    mov edi, [ebp + F_EBX]
    mov ebx, [gdt_tls + eax * 8]
    mov edx, [gdt_tls + eax * 8 + 4]
    call decode_descriptor
    mov dword [ebp + F_EAX], 0
    ret
.invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret

; modify_ldt(func, ptr, bytecount): 0 reads the LDT, 1 writes an entry the old way, 0x11 the
; new way, 2 reads the default LDT (zeros).
linux_modify_ldt:
    mov eax, [ebp + F_EBX]
    test eax, eax
    jz .read
    cmp eax, 1
    je .write
    cmp eax, 0x11
    je .write
    cmp eax, 2
    je .read_default
    mov dword [ebp + F_EAX], -LINUX_ENOSYS
    ret

.read:
    mov ecx, [ebp + F_EDX]
    cmp dword [ldt_used], 0
    je .zero_result
    cmp ecx, LINUX_LDT_ENTRIES * 8
    jbe .read_count
    mov ecx, LINUX_LDT_ENTRIES * 8
.read_count:
    mov esi, [ebp + F_ECX]
    mov edx, 1
    call user_check
    jc .fault
    push ecx
    mov edi, esi
    mov esi, linux_ldt
    mov edx, [ldt_used]
    shl edx, 3                          ; bytes of entries in use
    cmp edx, ecx
    jbe .copy_used
    mov edx, ecx
.copy_used:
    sub ecx, edx                        ; the rest reads as zeros
    xchg ecx, edx
    rep movsb
    mov ecx, edx
    xor eax, eax
    rep stosb
    pop eax
    mov [ebp + F_EAX], eax
    ret

.read_default:
    mov ecx, [ebp + F_EDX]
    cmp ecx, 5 * 8
    jbe .default_count
    mov ecx, 5 * 8
.default_count:
    mov esi, [ebp + F_ECX]
    mov edx, 1
    call user_check
    jc .fault
    mov edi, esi
    mov [ebp + F_EAX], ecx
    xor eax, eax
    rep stosb
    ret

.write:
    cmp dword [ebp + F_EDX], LINUX_USER_DESC_SIZE
    jne .invalid
    mov esi, [ebp + F_ECX]
    call copy_user_desc
    jc .fault
    mov edi, [ebp + F_EBX]              ; EDI = func (1: old mode)
    mov ebx, [udesc + UD_ENTRY]
    cmp ebx, LINUX_LDT_ENTRIES
    jae .invalid
    mov eax, [udesc + UD_FLAGS]
    and eax, UDF_CONTENTS
    cmp eax, 6                          ; contents 3: conforming code
    jne .contents_ok
    cmp edi, 1
    je .invalid
    test dword [udesc + UD_FLAGS], UDF_NOT_PRESENT
    jz .invalid
.contents_ok:
    call user_desc_empty
    jc .not_empty
    cmp eax, 1                          ; LDT_empty clears the entry
    je .clear
    cmp edi, 1                          ; so does an all-zero one in the old mode
    je .clear
.not_empty:
    cmp edi, 1
    jne .build
    and dword [udesc + UD_FLAGS], ~UDF_USEABLE
.build:
    call build_descriptor
    jmp .write_entry
.clear:
    xor eax, eax
    xor edx, edx
.write_entry:
    mov [linux_ldt + ebx * 8], eax
    mov [linux_ldt + ebx * 8 + 4], edx
    inc ebx
    cmp ebx, [ldt_used]
    jbe .written
    mov [ldt_used], ebx
.written:
    call reload_user_segments
.zero_result:
    mov dword [ebp + F_EAX], 0
    ret
.invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret

; Copies the user_desc at ESI into udesc. CF set when it is not readable and writable user
; memory.
copy_user_desc:
    mov ecx, LINUX_USER_DESC_SIZE
    mov edx, 1
    call user_check
    jc .done
    mov edi, udesc
    mov ecx, LINUX_USER_DESC_SIZE / 4
    rep movsd
    clc
.done:
    ret

; CF clear when udesc is Linux's LDT_empty (base, limit, contents, useable 0 with
; read_exec_only and seg_not_present set; EAX = 1) or LDT_zero (all zero; EAX = 2).
user_desc_empty:
    mov eax, [udesc + UD_BASE]
    or eax, [udesc + UD_LIMIT]
    jnz .no
    mov eax, [udesc + UD_FLAGS]
    and eax, UDF_ALL
    jz .zero
    and eax, UDF_CONTENTS | UDF_READ_EXEC_ONLY | UDF_NOT_PRESENT | UDF_USEABLE
    cmp eax, UDF_READ_EXEC_ONLY | UDF_NOT_PRESENT
    jne .no
    mov eax, 1
    clc
    ret
.zero:
    mov eax, 2
    clc
    ret
.no:
    stc
    ret

; EDX:EAX = the descriptor for udesc, as Linux's fill_ldt builds it (SDM Vol.3 3.4.5):
; type = accessed | writable (unless read_exec_only) | contents << 2, S = 1, DPL = 3,
; P = !seg_not_present, AVL = useable, D = seg_32bit, G = limit_in_pages.
build_descriptor:
    push ecx
    mov ecx, [udesc + UD_FLAGS]
    mov eax, [udesc + UD_BASE]
    shl eax, 16
    mov ax, [udesc + UD_LIMIT]          ; base 15:0 | limit 15:0
    mov edx, [udesc + UD_BASE]
    and edx, 0xFF000000
    push ecx
    mov ecx, [udesc + UD_BASE]
    shr ecx, 16
    and ecx, 0xFF
    or edx, ecx                         ; base 23:16 and 31:24
    mov ecx, [udesc + UD_LIMIT]
    and ecx, 0x000F0000
    or edx, ecx                         ; limit 19:16
    pop ecx
    or edx, 0x00007100                  ; S = 1, DPL = 3, accessed
    test ecx, UDF_READ_EXEC_ONLY
    jnz .read_only
    or edx, 0x200
.read_only:
    push ecx
    and ecx, UDF_CONTENTS
    shl ecx, 9                          ; contents << 2 of the type, at bit 8
    or edx, ecx
    pop ecx
    test ecx, UDF_NOT_PRESENT
    jnz .not_present
    or edx, 0x8000
.not_present:
    test ecx, UDF_USEABLE
    jz .no_avl
    or edx, 0x00100000
.no_avl:
    test ecx, UDF_32BIT
    jz .16bit
    or edx, 0x00400000
.16bit:
    test ecx, UDF_LIMIT_PAGES
    jz .bytes
    or edx, 0x00800000
.bytes:
    pop ecx
    ret

; Writes the user_desc for descriptor EDX:EBX at EDI (entry_number already there).
decode_descriptor:
    mov eax, ebx
    shr eax, 16
    mov ecx, edx
    shl ecx, 16
    and ecx, 0x00FF0000
    or eax, ecx
    mov ecx, edx
    and ecx, 0xFF000000
    or eax, ecx
    mov [edi + UD_BASE], eax
    mov eax, ebx
    and eax, 0xFFFF
    mov ecx, edx
    and ecx, 0x000F0000
    or eax, ecx
    mov [edi + UD_LIMIT], eax
    xor eax, eax
    test edx, 0x00400000
    jz .d
    or eax, UDF_32BIT
.d:
    mov ecx, edx
    shr ecx, 9
    and ecx, UDF_CONTENTS
    or eax, ecx
    test edx, 0x200
    jnz .w
    or eax, UDF_READ_EXEC_ONLY
.w:
    test edx, 0x00800000
    jz .g
    or eax, UDF_LIMIT_PAGES
.g:
    test edx, 0x8000
    jnz .p
    or eax, UDF_NOT_PRESENT
.p:
    test edx, 0x00100000
    jz .avl
    or eax, UDF_USEABLE
.avl:
    mov [edi + UD_FLAGS], eax
    ret

; CF clear when AX is a selector ring 3 may hold in a data segment register: null, or a
; present code/data descriptor of DPL 3 that is data or readable code (SDM Vol.3 5.10.1;
; LAR checks the table limit and the privilege, SDM Vol.2A LAR). Keeps other registers.
user_selector_ok:
    push ecx
    test ax, ~3
    jz .ok
    lar ecx, ax
    jnz .bad
    and ecx, 0xFF00                     ; the access byte: P, DPL, S, type
    test ecx, 0x8000                    ; P
    jz .bad
    test ecx, 0x1000                    ; S: code or data
    jz .bad
    push ecx
    and ecx, 0x6000
    cmp ecx, 0x6000                     ; DPL 3
    pop ecx
    jne .bad
    test ecx, 0x0800                    ; code must be readable
    jz .ok
    test ecx, 0x0200
    jz .bad
.ok:
    pop ecx
    clc
    ret
.bad:
    pop ecx
    stc
    ret

; After a descriptor changed: FS and GS are reloaded (the CPU keeps a copy of the old
; descriptor), or nulled when they no longer name a usable one; the frame's DS and ES, which
; the way back pops, are nulled likewise, so a program cannot make the kernel fault there.
reload_user_segments:
    mov ax, fs
    call user_selector_ok
    jnc .fs
    xor eax, eax
.fs:
    mov fs, ax
    mov ax, gs
    call user_selector_ok
    jnc .gs
    xor eax, eax
.gs:
    mov gs, ax
    ; fall through
; The frame at USER_FRAME: DS and ES that cannot be loaded become null.
sanitize_frame_segments:
    mov eax, [USER_FRAME + F_DS]
    call user_selector_ok
    jnc .ds
    mov dword [USER_FRAME + F_DS], 0
.ds:
    mov eax, [USER_FRAME + F_ES]
    call user_selector_ok
    jnc .es
    mov dword [USER_FRAME + F_ES], 0
.es:
    ret

; The scheduler installs thread slot EDX: the running thread's FS, GS and TLS entries go to
; its control block, the new thread's come into the GDT and the CPU. Keeps EDX.
tls_switch:
    cmp edx, [tls_owner]
    je .done
    push ebx
    push ecx
    mov ebx, [tls_owner]
    cmp ebx, -1
    je .install
    imul ebx, ebx, TCB_SIZE
    add ebx, TCB_TABLE
    xor eax, eax
    mov ax, fs
    mov [ebx + TCB_FS], eax
    mov ax, gs
    mov [ebx + TCB_GS], eax
    xor ecx, ecx
.save:
    mov eax, [gdt_tls + ecx * 4]
    mov [ebx + TCB_TLS + ecx * 4], eax
    inc ecx
    cmp ecx, LINUX_TLS_ENTRIES * 2
    jb .save
.install:
    mov [tls_owner], edx
    mov ebx, edx
    imul ebx, ebx, TCB_SIZE
    add ebx, TCB_TABLE
    xor ecx, ecx
.load:
    mov eax, [ebx + TCB_TLS + ecx * 4]
    mov [gdt_tls + ecx * 4], eax
    inc ecx
    cmp ecx, LINUX_TLS_ENTRIES * 2
    jb .load
    xor ecx, ecx                        ; null first: nothing stale stays loaded
    mov fs, cx
    mov gs, cx
    mov eax, [ebx + TCB_FS]
    call user_selector_ok
    jc .fs_null
    mov fs, ax
.fs_null:
    mov eax, [ebx + TCB_GS]
    call user_selector_ok
    jc .gs_null
    mov gs, ax
.gs_null:
    pop ecx
    pop ebx
.done:
    ret

; A new thread (control block EDI) inherits the running thread's FS, GS and TLS entries, as
; a Linux thread made without CLONE_SETTLS does.
tls_inherit:
    push ecx
    xor eax, eax
    mov ax, fs
    mov [edi + TCB_FS], eax
    mov ax, gs
    mov [edi + TCB_GS], eax
    xor ecx, ecx
.copy:
    mov eax, [gdt_tls + ecx * 4]
    mov [edi + TCB_TLS + ecx * 4], eax
    inc ecx
    cmp ecx, LINUX_TLS_ENTRIES * 2
    jb .copy
    pop ecx
    ret

section .data
align 8
linux_ldt   times LINUX_LDT_ENTRIES dq 0
ldt_used    dd 0                        ; entries up to the highest one written
tls_owner   dd -1                       ; the thread slot whose FS/GS/TLS the CPU holds
udesc       times LINUX_USER_DESC_SIZE db 0
section .text
