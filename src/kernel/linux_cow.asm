; Shared frames and copy-on-write (what Linux's fork does in copy_page_range and a write
; fault in do_wp_page): fork gives the child the parent's frames instead of copies. A
; private writable page becomes read-only in both with PTE_COW (abi.ts PTE_SOFTWARE: the
; LAZY bit on a PTE that has a frame); the first write to it (the CPU's #PF from ring 3, or
; user_check when the kernel is about to write there, which also covers the i386, whose
; ring 0 ignores read-only pages: it has no CR0.WP) copies the frame, or takes it over when
; nobody else maps it any more. A MAP_SHARED page (PTE_SHARED) keeps its frame in both.
;
; Every frame has a reference count: frame_refs holds a word per physical frame, the
; mappings beyond the first (0: one owner, the state of every frame alloc_page hands out).
; Accounting stays strict (no overcommit): each extra mapping of a private frame holds one
; reservation in committed_pages, the copy a write may need one day. fork therefore fails
; with ENOMEM exactly when an eager copy would not have fit; a write never finds memory gone.
; A copy uses its mapping's reservation; dropping a mapping of a frame still mapped elsewhere
; gives one back.

; At boot, paging still off: the reference counts go on pages of their own above the physical
; window's tables, zeroed.
frame_refs_init:
    mov eax, [memory_end]
    shr eax, 12
    add eax, eax                        ; a word per frame
    add eax, PAGE - 1
    and eax, ~(PAGE - 1)
    mov edi, [next_free_page]
    add [next_free_page], eax
    lea edx, [edi + LINUX_PHYS_WINDOW]
    mov [frame_refs], edx
    mov ecx, eax
    shr ecx, 2
    xor eax, eax
    rep stosd
    ret

; EAX = a frame (physical, page aligned): EAX = the kernel address of its count.
frame_count:
    shr eax, 12
    add eax, eax
    add eax, [frame_refs]
    ret

; EAX = a frame: one mapping more. Keeps registers.
frame_share:
    push eax
    call frame_count
    inc word [eax]
    pop eax
    ret

; EAX = a PTE that goes (its entry is already cleared or being replaced): what it held goes
; back. A frame mapped elsewhere too loses one count (a private one gives a reservation back);
; the last mapping frees it. A lazy page's reservation goes. Keeps registers.
put_user_frame:
    push eax
    push ecx
    mov ecx, eax
    and eax, ~(PAGE - 1)
    jz .no_frame
    push eax
    call frame_count
    cmp word [eax], 0
    je .last
    dec word [eax]
    pop eax
    test ecx, PTE_SHARED
    jnz .done
    dec dword [committed_pages]         ; the copy it might have needed
    jmp .done
.last:
    pop eax
    test ecx, PTE_SHARED
    jz .free
    call page_cache_forget              ; linux_shmcache.asm
.free:
    call free_page
    jmp .done
.no_frame:
    test ecx, PTE_LAZY
    jz .done
    dec dword [committed_pages]         ; a demand-zero page never touched
.done:
    pop ecx
    pop eax
    ret

; EBX = a PTE: EBX = its protection as mprotect set it (PTE_W, PTE_NONE; a copy-on-write page
; counts as writable). Keeps other registers.
pte_protection:
    test ebx, ~(PAGE - 1)
    jz .plain
    test ebx, PTE_COW
    jz .plain
    mov ebx, PTE_W
    ret
.plain:
    and ebx, PTE_W | PTE_NONE
    ret

; EAX = the kernel address of a present PTE_COW entry (of any address space), EDX = its
; linear address in the running process (0: another process's, nothing cached): the page
; gets a frame of its own (a copy, or the same one when no other mapping is left) and
; becomes writable. CF set when no frame can be had (only if the accounting is broken).
; Keeps registers.
cow_break:
    pushad
    mov ebx, eax
    mov esi, [ebx]
    and esi, ~(PAGE - 1)                ; ESI = the shared frame
    mov eax, esi
    call frame_count
    cmp word [eax], 0
    je .own
    mov edi, eax
    dec dword [committed_pages]         ; the reservation fork made for this copy
    call alloc_page
    jc .none
    dec word [edi]
    push eax
    lea edi, [PHYS(eax)]
    add esi, LINUX_PHYS_WINDOW
    mov ecx, PAGE / 4
    rep movsd
    pop eax
    mov ecx, [ebx]
    and ecx, PAGE - 1
    or eax, ecx
    mov [ebx], eax
.own:
    and dword [ebx], ~PTE_COW
    or dword [ebx], PTE_W
    call acct_fault                     ; linux_time.asm: a minor fault, as Linux counts it
    mov edx, [esp + 20]                 ; the caller's EDX
    test edx, edx
    jz .flushed
    call flush_user_page
.flushed:
    popad
    clc
    ret
.none:
    inc dword [committed_pages]
    popad
    stc
    ret

; EDX = a user linear address of the running process: its TLB entry goes. INVLPG on the 486
; and later (SDM Vol.3 4.10.4.1); the 386 has none, so CR3 is reloaded. Keeps registers.
flush_user_page:
    test dword [cpu_flags], CPU_FLAG_AC_TOGGLES
    jz flush_tlb
    invlpg [edx]
    ret

; A #PF from ring 3 (the frame at EBP): CF clear when it was a write to a present
; copy-on-write page, which now has its own frame (the instruction runs again).
cow_fault:
    mov eax, [ebp + F_ERROR]
    and eax, PTE_P | PTE_W              ; #PF error code: P = 1 (protection), W/R = 1 (a write)
    cmp eax, PTE_P | PTE_W
    jne .no
    mov eax, cr2
    cmp eax, ADDR_USER_START
    jb .no
    cmp eax, ADDR_USER_END
    jae .no
    call pte_address
    jc .no
    mov ecx, [eax]
    test ecx, PTE_P
    jz .no
    test ecx, PTE_COW
    jz .no
    test ecx, ~(PAGE - 1)
    jz .no
    mov edx, cr2
    jmp cow_break
.no:
    stc
    ret

; EAX = the kernel address of a PTE of the running (parent) process, for fork: EAX = the
; child's PTE. A private frame is shared with a reservation for its copy, and a writable one
; becomes PTE_COW in the parent too; a shared frame is shared (a MAP_SHARED page not touched
; yet gets its frame first, so that both see the same one); a demand-zero page gets a
; reservation of its own. CF set when memory runs out (nothing taken for this PTE). Keeps
; other registers.
fork_pte:
    push ebx
    push ecx
    mov ebx, eax
    mov eax, [ebx]
    test eax, ~(PAGE - 1)
    jnz .frame
    test eax, PTE_LAZY
    jz .done                            ; free (0)
    test eax, PTE_SHARED
    jnz .fill_shared
    call count_free_pages
    test eax, eax
    jz .no_memory
    inc dword [committed_pages]
    mov eax, [ebx]
    jmp .done
.fill_shared:
    dec dword [committed_pages]         ; the page's reservation pays for its frame
    call alloc_page
    jc .fill_failed
    mov ecx, [ebx]
    and ecx, PTE_W | PTE_SHARED | PTE_NONE
    or eax, ecx
    or eax, PTE_U
    test ecx, PTE_NONE
    jnz .filled
    or eax, PTE_P
.filled:
    mov [ebx], eax
.frame:
    test eax, PTE_SHARED
    jnz .share
    call count_free_pages
    test eax, eax
    jz .no_memory
    inc dword [committed_pages]
    mov eax, [ebx]
    test eax, PTE_W
    jz .share
    and eax, ~PTE_W
    or eax, PTE_COW
    mov [ebx], eax
.share:
    push eax
    and eax, ~(PAGE - 1)
    call frame_share
    pop eax
.done:
    pop ecx
    pop ebx
    clc
    ret
.fill_failed:
    inc dword [committed_pages]
.no_memory:
    pop ecx
    pop ebx
    stc
    ret

; ESI = the kernel address of a page table of the running (parent) process, EDX = the child's
; (zeroed): each PTE forked as fork_pte does, the common case (a present private page) done
; here without a call. CF set when memory runs out. Keeps registers.
fork_table:
    pushad
    mov ebx, [frame_refs]
    xor ecx, ecx
.pte:
    mov eax, [esi + ecx * 4]
    test eax, eax
    jz .next
    test eax, PTE_SHARED
    jnz .other
    test eax, ~(PAGE - 1)
    jz .other
    mov edi, [free_pages]
    sub edi, [committed_pages]
    jbe .fail                           ; nothing left for the copy it may need
    inc dword [committed_pages]
    test eax, PTE_W
    jz .share
    and eax, ~PTE_W
    or eax, PTE_COW
    mov [esi + ecx * 4], eax
.share:
    mov edi, eax
    shr edi, 12
    inc word [ebx + edi * 2]
    mov [edx + ecx * 4], eax
.next:
    inc ecx
    cmp ecx, PAGE / 4
    jb .pte
    popad
    clc
    ret
.other:
    lea eax, [esi + ecx * 4]
    call fork_pte
    jc .fail
    mov [edx + ecx * 4], eax
    jmp .next
.fail:
    popad
    stc
    ret

; EDI = the kernel address of a page table, ECX = the index of a PTE to keep (-1: none):
; every other PTE lets its page go as put_user_frame does and becomes 0, the common case (a
; private frame) done here without a call. Keeps registers.
put_table:
    pushad
    mov ebx, [frame_refs]
    mov edx, ecx
    xor ecx, ecx
.pte:
    cmp ecx, edx
    je .next
    mov eax, [edi + ecx * 4]
    test eax, eax
    jz .next
    mov dword [edi + ecx * 4], 0
    mov ebp, eax
    test eax, PTE_SHARED
    jnz .other
    and eax, ~(PAGE - 1)
    jz .other
    mov esi, eax
    shr esi, 12
    cmp word [ebx + esi * 2], 0
    jne .unshare
    mov esi, [free_list]                ; free_page, inline
    mov [PHYS(eax)], esi
    mov [free_list], eax
    inc dword [free_pages]
    jmp .next
.unshare:
    dec word [ebx + esi * 2]            ; mapped elsewhere too: one count and the reservation
    dec dword [committed_pages]         ; of its copy go
.next:
    inc ecx
    cmp ecx, PAGE / 4
    jb .pte
    popad
    ret
.other:
    mov eax, ebp
    call put_user_frame
    jmp .next

; EAX = the PTE of a page that has a frame, EDX = the protection mprotect asks (PTE_W,
; PTE_NONE): EAX = the PTE with it. A private frame mapped elsewhere too stays read-only,
; PTE_COW, when made writable. Keeps other registers.
protect_frame:
    push ecx
    mov ecx, eax
    and eax, ~(PAGE - 1) | PTE_SHARED | PTE_D
    or eax, PTE_U
    test edx, PTE_NONE
    jz .accessible
    or eax, PTE_NONE
    jmp .done
.accessible:
    or eax, PTE_P
    test edx, PTE_W
    jz .done
    test eax, PTE_SHARED
    jnz .writable
    push eax
    and eax, ~(PAGE - 1)
    call frame_count
    cmp word [eax], 0
    pop eax
    je .writable
    or eax, PTE_COW
    jmp .done
.writable:
    or eax, PTE_W
.done:
    pop ecx
    ret

; readv(fd, iov, count) before the device fills the buffers: each gets its frames and pages of
; its own now (user_check), because the device stores only to present, writable pages and a
; store refused half way through the vector would leave it short. A bad vector or buffer is
; left for the device to refuse. Keeps registers.
prefault_iovec:
    pushad
    mov esi, [ebp + F_ECX]
    mov ebx, [ebp + F_EDX]
    cmp ebx, 1024                       ; UIO_MAXIOV
    ja .done
    lea ecx, [ebx * 8]
    xor edx, edx
    call user_check
    jc .done
    mov edi, esi
    mov edx, 1
.each:
    test ebx, ebx
    jz .done
    mov esi, [edi]
    mov ecx, [edi + 4]
    cmp ecx, LIMIT_MAX_WRITE
    jbe .check
    mov ecx, LIMIT_MAX_WRITE
.check:
    call user_check
    add edi, 8
    dec ebx
    jmp .each
.done:
    popad
    ret

section .data
frame_refs dd 0                         ; the kernel address of the counts (frame_refs_init)
section .text
