; Memory calls of the Linux personality: brk, mmap2 (anonymous), munmap, mremap, mprotect,
; madvise, with Linux's semantics (mm/mmap.c, mm/mremap.c, mm/mprotect.c): page-granular,
; MAP_FIXED replaces what was there, mremap grows in place or moves, mprotect changes
; what later accesses may do. The page tables are the record of what is mapped (mm.asm:
; a PTE of 0 is free; PTE_LAZY pages get their zeroed frame at the first touch, so a large
; mapping costs nothing until used). Placement: a hint that is free is taken, otherwise the
; lowest free range from ADDR_MAP_BASE up to the stack's guard page.

LINUX_MAP_TYPE            equ 0x0F
LINUX_MAP_FIXED_NOREPLACE equ 0x100000
LINUX_MADV_DONTNEED       equ 4
LINUX_PROT_MASK           equ 7
LINUX_PROT_GROWS          equ 0x03000000

; EAX = the highest end of any mapping (the stack's guard page below it stays free).
mmap_limit:
    mov eax, ADDR_STACK_TOP - PAGE
    sub eax, [stack_size]
    ret

; EAX = address, ECX = length (both page multiples). CF clear when no page of the range is
; in use. Keeps registers.
range_free:
    pushad
    add ecx, eax
.page:
    cmp eax, ecx
    jae .free
    push eax
    call pte_address
    jc .no_table
    cmp dword [eax], 0
    pop eax
    jne .used
    add eax, PAGE
    jmp .page
.no_table:
    pop eax
    and eax, ~0x3FFFFF
    add eax, 0x400000                   ; the next page table's first page
    jc .free
    jmp .page
.free:
    popad
    clc
    ret
.used:
    popad
    stc
    ret

; EAX = address, ECX = length (page multiples). CF clear when every page is in use.
range_used:
    pushad
    add ecx, eax
.page:
    cmp eax, ecx
    jae .used
    push eax
    call pte_address
    jc .hole
    cmp dword [eax], 0
    pop eax
    je .hole_popped
    add eax, PAGE
    jmp .page
.used:
    popad
    clc
    ret
.hole:
    pop eax
.hole_popped:
    popad
    stc
    ret

; Unmaps [EAX, EAX+ECX) (page multiples), freeing frames; a MAP_SHARED file mapping's dirty
; pages are written back first (linux_shm.asm). Keeps registers.
unmap_pages:
    call shm_unmap
    pushad
    add ecx, eax
.page:
    cmp eax, ecx
    jae .done
    call unmap_user_page
    add eax, PAGE
    jmp .page
.done:
    call flush_tlb
    popad
    ret

; ECX = length (page multiple): EAX = the lowest free range of that length in
; [ADDR_MAP_BASE, mmap_limit), CF set when there is none.
find_free_range:
    push ebx
    push edx
    call mmap_limit
    mov edx, eax
    mov eax, ADDR_MAP_BASE
.try:
    mov ebx, eax
    add ebx, ecx
    jc .none
    cmp ebx, edx
    ja .none
    call range_free
    jnc .found
    ; Step past the first used page of the attempt.
    push ecx
.skip:
    push eax
    call pte_address
    jc .skip_free
    cmp dword [eax], 0
    pop eax
    jne .skipped
    add eax, PAGE
    jmp .skip
.skip_free:
    pop eax
    add eax, PAGE
    jmp .skip
.skipped:
    add eax, PAGE
    pop ecx
    jmp .try
.found:
    pop edx
    pop ebx
    clc
    ret
.none:
    pop edx
    pop ebx
    stc
    ret

; EDX = the PTE protection bits (PTE_W, PTE_NONE) for Linux prot EAX.
prot_bits:
    xor edx, edx
    test eax, LINUX_PROT_MASK
    jnz .accessible
    mov edx, PTE_NONE
    ret
.accessible:
    test eax, LINUX_PROT_WRITE
    jz .done
    mov edx, PTE_W
.done:
    ret

; brk(address): moves the program break within [brk_start, mmap_limit) over free pages;
; returns the break after the call (the old one when the request cannot be met), like Linux.
linux_brk:
    mov ebx, [ebp + F_EBX]
    cmp ebx, [brk_start]
    jb .current
    call mmap_limit
    cmp ebx, eax
    ja .current
    mov eax, [brk_current]
    add eax, PAGE - 1
    and eax, ~(PAGE - 1)                ; EAX = first page above the old break
    lea ecx, [ebx + PAGE - 1]
    and ecx, ~(PAGE - 1)                ; ECX = first page above the new break
    cmp ecx, eax
    jb .shrink
    sub ecx, eax
    call range_free
    jc .current
    mov edx, PTE_W
    call map_lazy_range
    jnc .moved
    call unmap_pages
    jmp .current
.shrink:
    xchg eax, ecx
    sub ecx, eax
    call unmap_pages
.moved:
    mov [brk_current], ebx
.current:
    mov eax, [brk_current]
    mov [ebp + F_EAX], eax
    ret

; mmap2(address, length, prot, flags, fd, page offset): anonymous mappings, and file mappings
; filled from the file when mapped (linux_io.asm, fill_file_mapping); without the host I/O
; device a file mapping is -ENODEV. linux_shm.asm's linux_mmap2 calls this and tracks a
; MAP_SHARED file mapping for its write-back.
mmap2_map:
    mov ecx, [ebp + F_ECX]
    test ecx, ecx
    jz .invalid
    add ecx, PAGE - 1
    jc .no_memory
    and ecx, ~(PAGE - 1)
    mov eax, [ebp + F_ESI]
    and eax, LINUX_MAP_TYPE
    jz .invalid
    cmp eax, 3                          ; MAP_SHARED, MAP_PRIVATE, MAP_SHARED_VALIDATE
    ja .invalid
    mov eax, [ebp + F_EDX]
    test dword [ebp + F_ESI], LINUX_MAP_ANONYMOUS
    jnz .protection
    ; A file: the pages are writable until the file's bytes are in.
    cmp byte [hostio_present], 0
    je .no_device
    mov eax, LINUX_PROT_WRITE
.protection:
    call prot_bits                      ; EDX = PTE bits
    mov eax, [ebp + F_EBX]
    test dword [ebp + F_ESI], LINUX_MAP_FIXED | LINUX_MAP_FIXED_NOREPLACE
    jnz .fixed
    ; A hint is taken when it is free.
    test eax, eax
    jz .search
    test eax, PAGE - 1
    jnz .search
    cmp eax, ADDR_USER_START
    jb .search
    call .fits
    jc .search
    call range_free
    jnc .map
.search:
    call find_free_range
    jc .no_memory
    jmp .map
.fixed:
    test eax, PAGE - 1
    jnz .invalid
    cmp eax, ADDR_USER_START
    jb .no_memory
    call .fits
    jc .no_memory
    test dword [ebp + F_ESI], LINUX_MAP_FIXED
    jnz .replace
    call range_free                     ; MAP_FIXED_NOREPLACE
    jnc .map
    mov dword [ebp + F_EAX], -LINUX_EEXIST
    ret
.replace:
    call unmap_pages
.map:
    call map_lazy_range
    jc .rollback
    mov [ebp + F_EAX], eax
    test dword [ebp + F_ESI], LINUX_MAP_ANONYMOUS
    jnz .mapped
    call fill_file_mapping
    jnc .mapped
    mov [ebp + F_EAX], eax
.mapped:
    ret
.rollback:
    call unmap_pages
.no_memory:
    mov dword [ebp + F_EAX], -LINUX_ENOMEM
    ret
.invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret
.no_device:
    mov dword [ebp + F_EAX], -LINUX_ENODEV
    ret
; CF clear when [EAX, EAX+ECX) ends at or below mmap_limit.
.fits:
    push eax
    push ebx
    mov ebx, eax
    add ebx, ecx
    jc .fits_no
    call mmap_limit
    cmp ebx, eax
    ja .fits_no
    pop ebx
    pop eax
    clc
    ret
.fits_no:
    pop ebx
    pop eax
    stc
    ret

; munmap(address, length)
linux_munmap:
    mov eax, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    test eax, PAGE - 1
    jnz .invalid
    test ecx, ecx
    jz .invalid
    add ecx, PAGE - 1
    jc .invalid
    and ecx, ~(PAGE - 1)
    mov edx, eax
    add edx, ecx
    jc .invalid
    cmp edx, ADDR_USER_END
    ja .invalid
    cmp eax, ADDR_USER_START            ; the kernel's region, as Linux refuses kernel space
    jb .invalid
    call unmap_pages
    mov dword [ebp + F_EAX], 0
    ret
.invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret

; mprotect(address, length, prot)
linux_mprotect:
    mov eax, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    test eax, PAGE - 1
    jnz .invalid
    test dword [ebp + F_EDX], ~(LINUX_PROT_MASK | LINUX_PROT_GROWS)
    jnz .invalid
    add ecx, PAGE - 1
    jc .no_memory
    and ecx, ~(PAGE - 1)
    jz .done
    mov edx, eax
    add edx, ecx
    jc .no_memory
    cmp eax, ADDR_USER_START
    jb .no_memory
    cmp edx, ADDR_USER_END
    ja .no_memory
    call range_used
    jc .no_memory
    push eax
    mov eax, [ebp + F_EDX]
    call prot_bits
    pop eax
    call set_protection
.done:
    mov dword [ebp + F_EAX], 0
    ret
.invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret
.no_memory:
    mov dword [ebp + F_EAX], -LINUX_ENOMEM
    ret

; EAX = address, ECX = length (page multiples, every page in use), EDX = PTE_W / PTE_NONE:
; the pages get that protection (mprotect's work; a page whose frame fork shared stays
; copy-on-write: linux_cow.asm's protect_frame).
set_protection:
    pushad
    add ecx, eax
.page:
    push eax
    call pte_address
    mov ebx, [eax]
    test ebx, ~(PAGE - 1)
    jnz .frame
    and ebx, PTE_LAZY | PTE_SHARED
    or ebx, PTE_U
    or ebx, edx                         ; PTE_W and/or PTE_NONE
    jmp .store
.frame:
    push eax
    mov eax, ebx
    call protect_frame
    mov ebx, eax
    pop eax
.store:
    mov [eax], ebx
    pop eax
    add eax, PAGE
    cmp eax, ecx
    jb .page
    call flush_tlb
    popad
    ret

; madvise(address, length, advice): MADV_DONTNEED drops the private pages' contents (they
; read as zeros again, as private anonymous memory does on Linux; a MAP_SHARED page keeps
; them, as Linux's shared memory does); other advice changes nothing observable and succeeds.
linux_madvise:
    mov eax, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    test eax, PAGE - 1
    jnz .invalid
    add ecx, PAGE - 1
    jc .invalid
    and ecx, ~(PAGE - 1)
    jz .done
    mov edx, eax
    add edx, ecx
    jc .no_memory
    cmp eax, ADDR_USER_START
    jb .no_memory
    cmp edx, ADDR_USER_END
    ja .no_memory
    call range_used
    jc .no_memory
    cmp dword [ebp + F_EDX], LINUX_MADV_DONTNEED
    jne .done
    add ecx, eax
.page:
    push eax
    call pte_address
    mov ebx, [eax]
    test ebx, ~(PAGE - 1)
    jz .next
    test ebx, PTE_SHARED
    jnz .next
    mov esi, ebx
    call pte_protection                 ; linux_cow.asm: PTE_W / PTE_NONE
    or ebx, PTE_LAZY | PTE_U
    mov [eax], ebx
    mov eax, esi
    call put_user_frame                 ; the frame (or the reservation of its copy) goes back
    inc dword [committed_pages]         ; and backs the lazy page again
.next:
    pop eax
    add eax, PAGE
    cmp eax, ecx
    jb .page
    call flush_tlb
.done:
    mov dword [ebp + F_EAX], 0
    ret
.invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret
.no_memory:
    mov dword [ebp + F_EAX], -LINUX_ENOMEM
    ret

; mremap(old address, old length, new length, flags, new address)
linux_mremap:
    mov eax, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov ebx, [ebp + F_EDX]
    mov edx, [ebp + F_ESI]
    test edx, ~(LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED)
    jnz .invalid
    cmp edx, LINUX_MREMAP_FIXED
    je .invalid
    test eax, PAGE - 1
    jnz .invalid
    add ecx, PAGE - 1
    jc .invalid
    and ecx, ~(PAGE - 1)
    jz .invalid                         ; old length 0 duplicates shared mappings only
    add ebx, PAGE - 1
    jc .invalid
    and ebx, ~(PAGE - 1)
    jz .invalid
    push eax
    add eax, ecx
    pop eax
    jc .fault
    cmp eax, ADDR_USER_START
    jb .fault
    call range_used
    jc .fault
    call range_one_protection           ; Linux: the old range must be one mapping
    jc .fault
    test edx, LINUX_MREMAP_FIXED
    jnz .fixed
    cmp ebx, ecx
    ja .grow
    ; Shrink (or keep): unmap the tail.
    push eax
    push ecx
    add eax, ebx
    sub ecx, ebx
    call unmap_pages
    pop ecx
    pop eax
    mov [ebp + F_EAX], eax
    ret
.grow:
    ; In place when the pages after it are free.
    call last_page_protection           ; EDX = the bits of the old range's last page
    push eax
    push ecx
    add eax, ecx
    mov ecx, ebx
    sub ecx, [esp]
    call mapping_fits
    jc .not_in_place
    call range_free
    jc .not_in_place
    call map_lazy_range
    jc .not_in_place_unmap
    pop ecx
    pop eax
    mov [ebp + F_EAX], eax
    ret
.not_in_place_unmap:
    call unmap_pages
.not_in_place:
    pop ecx
    pop eax
    test dword [ebp + F_ESI], LINUX_MREMAP_MAYMOVE
    jz .no_memory
    ; Move: the new place first, then the frames.
    push ecx
    mov ecx, ebx
    push eax
    call find_free_range
    mov edi, eax                        ; EDI = new address
    pop eax
    pop ecx
    jc .no_memory
    jmp .move
.fixed:
    mov edi, [ebp + F_EDI]
    test edi, PAGE - 1
    jnz .invalid
    cmp edi, ADDR_USER_START
    jb .invalid
    push eax
    push ecx
    mov eax, edi
    mov ecx, ebx
    call mapping_fits
    pop ecx
    pop eax
    jc .invalid
    ; The ranges must not overlap.
    mov esi, edi
    add esi, ebx
    cmp esi, eax
    jbe .apart
    mov esi, eax
    add esi, ecx
    cmp esi, edi
    ja .invalid
.apart:
    push eax
    push ecx
    mov eax, edi
    mov ecx, ebx
    call unmap_pages
    pop ecx
    pop eax
.move:
    ; EAX = old, ECX = old length, EBX = new length, EDI = new address.
    call move_pages
    jc .no_memory
    mov [ebp + F_EAX], edi
    ret
.invalid:
    mov dword [ebp + F_EAX], -LINUX_EINVAL
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret
.no_memory:
    mov dword [ebp + F_EAX], -LINUX_ENOMEM
    ret

; EAX = address, ECX = length of used pages: CF clear when all have the same protection
; (PTE_W, PTE_NONE), as the pages of one Linux mapping do. Keeps registers.
range_one_protection:
    pushad
    add ecx, eax
    push eax
    call pte_address
    mov ebx, [eax]
    call pte_protection                 ; linux_cow.asm: copy-on-write counts as writable
    mov edx, ebx
    pop eax
.page:
    cmp eax, ecx
    jae .same
    push eax
    call pte_address
    mov ebx, [eax]
    pop eax
    call pte_protection
    cmp ebx, edx
    jne .differ
    add eax, PAGE
    jmp .page
.same:
    popad
    clc
    ret
.differ:
    popad
    stc
    ret

; CF clear when [EAX, EAX+ECX) lies in user space below mmap_limit.
mapping_fits:
    push eax
    push ebx
    mov ebx, eax
    add ebx, ecx
    jc .no
    call mmap_limit
    cmp ebx, eax
    ja .no
    pop ebx
    pop eax
    clc
    ret
.no:
    pop ebx
    pop eax
    stc
    ret

; EAX = a mapping's address, ECX = its length: EDX = the PTE_W / PTE_NONE bits of its last
; page. Keeps other registers.
last_page_protection:
    push eax
    push ebx
    add eax, ecx
    sub eax, PAGE
    call pte_address
    mov ebx, [eax]
    call pte_protection                 ; linux_cow.asm: copy-on-write counts as writable
    mov edx, ebx
    pop ebx
    pop eax
    ret

; Moves the mapping [EAX, EAX+ECX) to EDI, EBX bytes long: the PTEs of the first
; min(ECX, EBX) bytes move (frames and all), the rest of the old range is unmapped, the rest
; of the new one mapped lazily like the old last page. CF set when out of memory for page
; tables (nothing moved then).
move_pages:
    pushad
    call last_page_protection
    mov [move_protection], edx
    ; Page tables for the new range first, so the move cannot fail half way.
    push eax
    mov eax, edi
.tables:
    push eax
    call pte_for
    pop eax
    jc .no_tables
    add eax, 0x400000
    and eax, ~0x3FFFFF
    mov esi, edi
    add esi, ebx
    cmp eax, esi
    jb .tables
    pop eax
    mov esi, ecx
    cmp esi, ebx
    jbe .count
    mov esi, ebx                        ; ESI = bytes that move
.count:
    xor edx, edx
.page:
    cmp edx, esi
    jae .moved
    push eax
    add eax, edx
    call pte_address
    mov ebp, eax
    mov eax, edi
    add eax, edx
    call pte_address
    push ecx
    mov ecx, [ebp]
    mov [eax], ecx
    mov dword [ebp], 0
    pop ecx
    pop eax
    add edx, PAGE
    jmp .page
.moved:
    ; The old tail, if the mapping shrank.
    cmp ecx, esi
    jbe .new_tail
    push eax
    push ecx
    add eax, esi
    sub ecx, esi
    call unmap_pages
    pop ecx
    pop eax
.new_tail:
    cmp ebx, esi
    jbe .done
    mov eax, edi
    add eax, esi
    mov ecx, ebx
    sub ecx, esi
    mov edx, [move_protection]
    call map_lazy_range
.done:
    call flush_tlb
    popad
    clc
    ret
.no_tables:
    pop eax
    popad
    stc
    ret

section .data
move_protection dd 0
section .text
