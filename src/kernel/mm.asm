; Memory: physical pages, the page tables, and checked access to user memory.
;
; The kernel region [0, ADDR_KERNEL_REGION_END) is identity mapped with supervisor-only
; pages (U/S = 0), so ring 3 cannot touch it (SDM Vol.3 4.6), except page 0, which is not
; mapped at all. All of RAM is also mapped, supervisor-only, at LINUX_PHYS_WINDOW (like
; Linux's PAGE_OFFSET): free physical pages come from anywhere in RAM, and the kernel
; reaches page tables and user pages as PHYS(address). User space is [ADDR_USER_START,
; ADDR_USER_END); its page tables are made on demand. The 386 has no INVLPG, so TLB flushes
; reload CR3 (SDM Vol.3 4.10.4.1).
;
; A user PTE that is not present may still be in use (the AVL bits, SDM Vol.3 4.3):
; PTE_LAZY marks a page that is mapped but gets its zeroed frame at the first touch (a #PF
; from ring 3, or user_check on the kernel's behalf), PTE_NONE a page with PROT_NONE (its
; frame, if any, kept). PTE_W records the protection either way. A PTE of 0 is free. A
; present PTE with the PTE_LAZY bit is PTE_COW instead (linux_cow.asm): writable, but its
; frame is shared since a fork, so it is mapped read-only until the first write copies it.
; Lazy pages are committed, not overcommitted (like Linux with vm.overcommit_memory=2):
; each one holds a reservation in committed_pages, and only free_pages - committed_pages
; frames can be taken by anything else, so a touch never finds memory gone and brk/mmap
; refuse when memory runs out.

paging_init:
    mov eax, [free_phys_start]
    mov [next_free_page], eax
    mov dword [free_list], 0
    ; Kernel page tables: PTE i maps page i, present and writable, supervisor. The two
    ; table fills store with MOV and ADD, not STOSD: the emulator runs MOV and ADD inside a
    ; compiled loop, where STOSD is a call out of it (an instruction more per entry, and the
    ; boot of 256 MiB takes a tenth less host time).
    mov edi, KERNEL_TABLES
    mov eax, PTE_P | PTE_W
    mov ecx, ADDR_KERNEL_REGION_END / PAGE
.fill:
    mov [edi], eax
    add edi, 4
    add eax, PAGE
    loop .fill
    ; Page 0 stays not present, a null guard: nothing of the kernel lives there once the
    ; Multiboot information is copied, so a null pointer faults with P = 0 in the error
    ; code, from either ring (SDM Vol.3 4.7).
    mov dword [KERNEL_TABLES], 0
    mov edi, PAGE_DIRECTORY
    mov eax, KERNEL_TABLES + PTE_P + PTE_W
    mov ecx, ADDR_KERNEL_REGION_END >> 22
.directory:
    stosd
    add eax, PAGE
    loop .directory
    ; The physical window: one page table per 4 MiB of RAM, from the free pages (paging is
    ; still off, so they are written where they are).
    mov ebx, (LINUX_PHYS_WINDOW >> 22) * 4
    xor edx, edx                    ; EDX = physical address mapped next
.window_table:
    cmp edx, [memory_end]
    jae .window_done
    mov edi, [next_free_page]
    add dword [next_free_page], PAGE
    lea eax, [edi + PTE_P + PTE_W]
    mov [PAGE_DIRECTORY + ebx], eax
    add ebx, 4
    ; ECX = the entries that map RAM: ceil((memory_end - EDX) / PAGE), at most a table's.
    mov ecx, [memory_end]
    sub ecx, edx
    add ecx, PAGE - 1
    shr ecx, 12
    cmp ecx, PAGE / 4
    jbe .window_count
    mov ecx, PAGE / 4
.window_count:
    lea eax, [edx + PTE_P + PTE_W]
.window_entry:
    mov [edi], eax
    add edi, 4
    add eax, PAGE
    loop .window_entry
    lea edx, [eax - (PTE_P + PTE_W)]
    ; The rest of a last, partial table maps nothing.
    mov ecx, edi
    neg ecx
    and ecx, PAGE - 1
    shr ecx, 2
    xor eax, eax
    rep stosd
    jmp .window_table
.window_done:
    call frame_refs_init            ; linux_cow.asm: a reference count per frame
    mov eax, [memory_end]
    sub eax, [next_free_page]
    shr eax, 12
    mov [free_pages], eax
    mov [rss_start_free], eax       ; linux_time.asm: ru_maxrss counts from here
    mov dword [committed_pages], 0
    mov eax, PAGE_DIRECTORY
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000              ; CR0.PG
    test dword [cpu_flags], CPU_FLAG_AC_TOGGLES
    jz .no_wp
    or eax, 0x00010000              ; CR0.WP (486+): ring 0 honours read-only pages too
.no_wp:
    mov cr0, eax
    ret

; EAX = a zeroed physical page, CF set when memory is exhausted. Keeps other registers.
alloc_page:
    push ecx
    push edi
    mov eax, [free_pages]
    cmp eax, [committed_pages]
    jbe .none                       ; what is left is promised to lazy pages
    mov eax, [free_list]
    test eax, eax
    jz .fresh
    mov ecx, [PHYS(eax)]
    mov [free_list], ecx
    jmp .zero
.fresh:
    mov eax, [next_free_page]
    lea ecx, [eax + PAGE]
    cmp ecx, [memory_end]
    ja .none
    mov [next_free_page], ecx
.zero:
    dec dword [free_pages]
    push eax
    lea edi, [PHYS(eax)]
    mov ecx, PAGE / 4
    xor eax, eax
    rep stosd
    pop eax
    pop edi
    pop ecx
    clc
    ret
.none:
    pop edi
    pop ecx
    stc
    ret

; EAX = a physical page to give back.
free_page:
    push ecx
    mov ecx, [free_list]
    mov [PHYS(eax)], ecx
    mov [free_list], eax
    inc dword [free_pages]
    pop ecx
    ret

; EAX = number of pages still available (free, and not promised to lazy pages).
count_free_pages:
    mov eax, [free_pages]
    sub eax, [committed_pages]
    ret

; EAX = linear address. EAX = the PTE's kernel address (in the window; CF clear), or CF set
; when no page table covers it. Keeps other registers.
pte_address:
    push edx
    mov edx, eax
    shr edx, 22
    mov edx, [PAGE_DIRECTORY + edx * 4]
    test edx, PTE_P
    jz .none
    and edx, ~(PAGE - 1)
    shr eax, 12
    and eax, 0x3FF
    lea eax, [PHYS(edx) + eax * 4]
    pop edx
    clc
    ret
.none:
    pop edx
    stc
    ret

; EAX = user linear address (page aligned), EDX = extra PTE flags (PTE_W or 0).
; Maps a fresh zeroed page there. EAX = its physical address; CF set when out of memory or
; when the page is already mapped. Keeps other registers.
map_user_page:
    push ebx
    push ecx
    push eax
    mov ebx, eax
    shr ebx, 22
    lea ebx, [PAGE_DIRECTORY + ebx * 4]
    test dword [ebx], PTE_P
    jnz .have_table
    call alloc_page
    jc .fail
    or eax, PTE_P | PTE_W | PTE_U
    mov [ebx], eax
.have_table:
    mov ecx, [ebx]
    and ecx, ~(PAGE - 1)
    mov eax, [esp]
    shr eax, 12
    and eax, 0x3FF
    lea ecx, [PHYS(ecx) + eax * 4]
    cmp dword [ecx], 0
    jne .fail
    call alloc_page
    jc .fail
    mov ebx, eax
    or eax, PTE_P | PTE_U
    or eax, edx
    mov [ecx], eax
    mov eax, ebx
    add esp, 4
    pop ecx
    pop ebx
    clc
    ret
.fail:
    pop eax
    pop ecx
    pop ebx
    stc
    ret

; EAX = user linear address. Unmaps it; its frame (when no other process maps it) or its
; reservation goes back (linux_cow.asm).
unmap_user_page:
    push eax
    push ecx
    call pte_address
    jc .done
    mov ecx, [eax]
    mov dword [eax], 0
    mov eax, ecx
    call put_user_frame
.done:
    pop ecx
    pop eax
    ret

flush_tlb:
    push eax
    mov eax, cr3
    mov cr3, eax
    pop eax
    ret

; ESI = user linear address, ECX = length, EDX = non-zero when the kernel will write.
; CF clear when every byte lies in user space on present user pages (writable ones if
; EDX says so; a copy-on-write page gets its own frame first, which the i386 needs: its
; ring 0 writes through read-only pages). Walks the page tables instead of touching the
; memory, so a bad pointer from a program can never fault the kernel. Keeps all registers.
user_check:
    pushad
    test ecx, ecx
    jz .empty
    cmp esi, ADDR_USER_START
    jb .bad
    mov edi, esi
    add edi, ecx
    jc .bad
    cmp edi, ADDR_USER_END
    ja .bad
    dec edi
    and edi, ~(PAGE - 1)
    mov ebx, esi
    and ebx, ~(PAGE - 1)
.page:
    mov eax, ebx
    call pte_address
    jc .bad
    push eax
    mov eax, [eax]
    test eax, PTE_P
    jnz .present
    test eax, PTE_NONE
    jnz .absent
    test eax, PTE_LAZY
    jz .absent
    mov eax, [esp]
    call fill_lazy_page
    jc .absent
    mov eax, [eax]
.present:
    test eax, PTE_U
    jz .absent
    test edx, edx
    jz .checked
    test eax, PTE_W
    jnz .checked
    test eax, PTE_COW
    jz .absent
    mov eax, [esp]
    push edx
    mov edx, ebx                    ; the page
    call cow_break                  ; linux_cow.asm
    pop edx
    jc .absent
.checked:
    add esp, 4
.next:
    cmp ebx, edi
    je .good
    add ebx, PAGE
    jmp .page
.empty:
    cmp esi, ADDR_USER_END
    ja .bad
.good:
    popad
    clc
    ret
.absent:
    add esp, 4
.bad:
    popad
    stc
    ret

; EAX = the kernel address of a PTE_LAZY entry: gives it a zeroed frame and makes it
; present (writable if PTE_W says so). CF set when memory is exhausted. Keeps registers.
fill_lazy_page:
    push ecx
    push ebx
    push eax
    mov ebx, eax
    dec dword [committed_pages]     ; this page's reservation pays for the frame
    call alloc_page
    jc .none
    mov ecx, [ebx]
    and ecx, PTE_W | PTE_SHARED
    or eax, ecx
    or eax, PTE_P | PTE_U
    mov [ebx], eax
    call acct_fault                 ; linux_time.asm: a minor fault
    pop eax
    pop ebx
    pop ecx
    clc
    ret
.none:
    inc dword [committed_pages]
    pop eax
    pop ebx
    pop ecx
    stc
    ret

; A #PF from ring 3 (the frame at EBP): CF clear when it touched a PTE_LAZY page, which now
; has its frame (the instruction runs again).
demand_page:
    test dword [ebp + F_ERROR], PTE_P
    jnz .no
    mov eax, cr2
    cmp eax, ADDR_USER_START
    jb .no
    cmp eax, ADDR_USER_END
    jae .no
    call pte_address
    jc .no
    mov ecx, [eax]
    test ecx, PTE_P | PTE_NONE
    jnz .no
    test ecx, PTE_LAZY
    jz .no
    jmp fill_lazy_page
.no:
    stc
    ret

; Anonymous memory for map() and Linux mmap2(): EBX = length in bytes.
; EAX = address of fresh zeroed writable pages, or CF set (EAX = E_NOMEM / E_INVAL).
map_anonymous:
    test ebx, ebx
    jz .invalid
    cmp ebx, ADDR_MAP_END - ADDR_MAP_BASE
    ja .no_memory
    lea ecx, [ebx + PAGE - 1]
    and ecx, ~(PAGE - 1)
    mov esi, [map_next]
    mov edi, ADDR_MAP_END
    sub edi, esi
    cmp ecx, edi
    ja .no_memory
    mov edi, esi                    ; EDI = next page to map
    add ecx, esi                    ; ECX = end
.page:
    cmp edi, ecx
    je .done
    mov eax, edi
    mov edx, PTE_W
    call map_user_page
    jc .rollback
    add edi, PAGE
    jmp .page
.done:
    mov [map_next], ecx
    mov eax, esi
    clc
    ret
.rollback:
    cmp edi, esi
    je .no_memory
    sub edi, PAGE
    mov eax, edi
    call unmap_user_page
    jmp .rollback
.no_memory:
    call flush_tlb
    mov eax, E_NOMEM
    stc
    ret
.invalid:
    mov eax, E_INVAL
    stc
    ret

; EBX = address, ECX = length: unmaps the pages of [EBX, EBX+ECX) inside the map region.
; EAX = 0, or E_INVAL with CF set.
unmap_range:
    test ebx, PAGE - 1
    jnz .invalid
    test ecx, ecx
    jz .invalid
    cmp ebx, ADDR_MAP_BASE
    jb .invalid
    mov edx, ADDR_MAP_END
    sub edx, ebx
    jbe .invalid
    add ecx, PAGE - 1
    jc .invalid
    and ecx, ~(PAGE - 1)
    cmp ecx, edx
    ja .invalid
    mov eax, ebx
    add ecx, ebx
.page:
    call unmap_user_page
    add eax, PAGE
    cmp eax, ecx
    jb .page
    call flush_tlb
    xor eax, eax
    clc
    ret
.invalid:
    mov eax, E_INVAL
    stc
    ret

section .data
next_free_page      dd 0
free_list           dd 0
free_pages          dd 0            ; frames free (fresh ones and the free list)
committed_pages     dd 0            ; of those, promised to lazy pages
map_next            dd ADDR_MAP_BASE
section .text
