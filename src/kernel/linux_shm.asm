; MAP_SHARED for the Linux personality (mm/filemap.c, mm/msync.c, mm/mincore.c semantics):
; a shared file mapping's dirty pages go back to the host file (through the host I/O
; device's mapping handle, which keeps the file open after the program closes its
; descriptor) on msync, on munmap (and whatever else unmaps: MAP_FIXED over it) and when the
; program ends. Every page of a MAP_SHARED mapping, file or anonymous, carries PTE_SHARED
; (abi.ts PTE_SOFTWARE): fork shares such a frame instead of copying it (linux_cow.asm), and
; the child inherits the write-back records (the device's handle is counted per record,
; linux_shmcache.asm, and closed with the last one).
;
; What is written back is what the CPU marked dirty (PTE_D, SDM Vol.3 4.8), and every page
; whose frame another mapping shares (its writes set the other PTE's bit): the bit is cleared
; after each write-back, so a page goes back again only when written again. The host cuts a
; write-back at the file's end: a mapping never makes the file longer.
;
; Shared mappings of the same file region, in one process or several, share frames: the
; page cache (linux_shmcache.asm, keyed by the device's file id and the file page) gives a
; new mapping the frames already mapped, so a write through one is seen through the other at
; once. mremap of a shared file mapping moves its pages but not its record, so the moved
; pages are not written back.
;
; Also: ftruncate/ftruncate64 (the device), mincore.

SHM_START   equ 0                       ; the mapping's first page
SHM_END     equ 4                       ; the end of the range (exclusive); 0: a free slot
SHM_HANDLE  equ 8                       ; the device's mapping handle
SHM_PGOFF   equ 12                      ; the file page at SHM_START
SHM_SIZE    equ 16
SHM_SLOTS   equ 32

; mmap2: the mapping itself is linux_mm.asm's (mmap2_map). For a shared file mapping the
; device first takes a handle on the descriptor's open file (EACCES for a writable mapping
; of a file not opened for writing, or a file not opened for reading, as Linux); the mapping
; is recorded once made. Every MAP_SHARED page gets PTE_SHARED.
linux_mmap2:
    mov dword [shm_pending], 0
    mov eax, [ebp + F_ESI]
    and eax, LINUX_MAP_TYPE
    cmp eax, LINUX_FILE_MAP_SHARED
    je .shared
    cmp eax, LINUX_FILE_MAP_SHARED_VALIDATE
    jne mmap2_map
.shared:
    test dword [ebp + F_ESI], LINUX_MAP_ANONYMOUS
    jnz .map
    cmp dword [ebp + F_ECX], 0
    je mmap2_map                        ; -EINVAL
    cmp byte [hostio_present], 0
    je mmap2_map                        ; -ENODEV
    call shm_free_slot
    jc .no_memory
    mov eax, HOSTIO_OP_MAP_OPEN
    mov ebx, [ebp + F_EDI]
    mov ecx, [ebp + F_EDX]
    and ecx, LINUX_PROT_WRITE
    call hostio_call
    test eax, eax
    js .refused
    mov [shm_pending], eax
    mov [shm_file_id], edx
.map:
    call mmap2_map
    mov eax, [ebp + F_EAX]
    cmp eax, -4096
    jae .failed
    mov ecx, [ebp + F_ECX]
    add ecx, PAGE - 1
    and ecx, ~(PAGE - 1)
    call shm_mark
    mov edx, [shm_pending]
    test edx, edx
    jz .done
    call shm_free_slot                  ; EBX = the slot (free: checked above)
    mov [ebx + SHM_START], eax
    add ecx, eax
    mov [ebx + SHM_END], ecx
    mov [ebx + SHM_HANDLE], edx
    call shm_handle_hold                ; linux_shmcache.asm
    mov ecx, [ebp + F_EBP]
    mov [ebx + SHM_PGOFF], ecx
    call page_cache_join                ; the frames other mappings of the file already have
.done:
    ret
.failed:
    mov ebx, [shm_pending]
    test ebx, ebx
    jz .done
    mov eax, HOSTIO_OP_MAP_CLOSE
    jmp hostio_call
.refused:
    cmp eax, -LINUX_ESPIPE              ; a stream or a directory cannot be mapped
    je .no_device
    cmp eax, -LINUX_EISDIR
    jne .result
.no_device:
    mov eax, -LINUX_ENODEV
.result:
    mov [ebp + F_EAX], eax
    ret
.no_memory:
    mov dword [ebp + F_EAX], -LINUX_ENOMEM
    ret

; EBX = a free slot of shm_table, CF set when there is none. Keeps other registers.
shm_free_slot:
    mov ebx, shm_table
.slot:
    cmp dword [ebx + SHM_END], 0
    je .found
    add ebx, SHM_SIZE
    cmp ebx, shm_table + SHM_SLOTS * SHM_SIZE
    jb .slot
    stc
    ret
.found:
    clc
    ret

; EAX = address, ECX = length (page multiples) of a new shared mapping: PTE_SHARED on each
; page. Keeps registers.
shm_mark:
    pushad
    add ecx, eax
.page:
    cmp eax, ecx
    jae .done
    push eax
    call pte_address
    jc .next
    or dword [eax], PTE_SHARED
.next:
    pop eax
    add eax, PAGE
    jmp .page
.done:
    popad
    ret

; ---- write-back ----

; EBX = a slot, EAX = address, ECX = end (page multiples, within the slot's range): writes
; the dirty pages back and clears their PTE_D. Keeps registers.
shm_write_back:
    pushad
    mov edi, ebx
.page:
    cmp eax, ecx
    jae .done
    push eax
    push ecx
    call pte_address
    jc .next
    mov edx, [eax]
    test edx, PTE_P
    jz .next
    test edx, PTE_D
    jnz .dirty
    push eax
    mov eax, edx
    and eax, ~(PAGE - 1)
    call frame_count                    ; linux_cow.asm: shared with another mapping?
    cmp word [eax], 0
    pop eax
    je .next
.dirty:
    and dword [eax], ~PTE_D
    mov eax, [esp + 4]                  ; the page
    mov ecx, eax                        ; ARG1: the page itself (user memory)
    sub eax, [edi + SHM_START]
    mov esi, [edi + SHM_PGOFF]
    shr eax, 12
    add esi, eax                        ; the file page
    mov eax, esi
    shl esi, 12                         ; ARG3, ARG4: its byte offset
    shr eax, 20
    mov ebx, [edi + SHM_HANDLE]
    mov edx, PAGE
    push edi
    mov edi, eax
    mov eax, HOSTIO_OP_MAP_WRITE
    call hostio_call
    pop edi
.next:
    pop ecx
    pop eax
    add eax, PAGE
    jmp .page
.done:
    call flush_tlb
    popad
    ret

; EAX = address, ECX = end: every shared file mapping's dirty pages in the range go back.
; Keeps registers.
shm_sync_range:
    pushad
    mov ebx, shm_table
.slot:
    cmp dword [ebx + SHM_END], 0
    je .next
    pushad
    cmp eax, [ebx + SHM_START]
    jae .from
    mov eax, [ebx + SHM_START]
.from:
    cmp ecx, [ebx + SHM_END]
    jbe .to
    mov ecx, [ebx + SHM_END]
.to:
    cmp eax, ecx
    jae .skip
    call shm_write_back
.skip:
    popad
.next:
    add ebx, SHM_SIZE
    cmp ebx, shm_table + SHM_SLOTS * SHM_SIZE
    jb .slot
    popad
    ret

; The program ends: every shared file mapping goes back to its file. Keeps registers.
shm_flush_all:
    cmp byte [hostio_present], 0
    je .done
    push eax
    push ecx
    mov eax, ADDR_USER_START
    mov ecx, ADDR_USER_END
    call shm_sync_range
    pop ecx
    pop eax
.done:
    ret

; The process's image goes (a process other than the first ends, execve): its shared file
; mappings are written back and their handles closed. Keeps registers.
shm_drop_all:
    push eax
    push ecx
    mov eax, ADDR_USER_START
    mov ecx, ADDR_USER_END - ADDR_USER_START
    call shm_unmap
    pop ecx
    pop eax
    ret

; unmap_pages (linux_mm.asm) is about to unmap EAX, ECX = length: the shared file mappings in
; the range are written back and cut to what is left of them (a hole splits one in two; its
; handle is closed when no record uses it). Keeps registers.
shm_unmap:
    pushad
    add ecx, eax
    call shm_sync_range
    mov ebx, shm_table
.slot:
    mov edx, [ebx + SHM_END]
    test edx, edx
    jz .next
    cmp eax, edx
    jae .next                           ; the range starts after this mapping
    cmp ecx, [ebx + SHM_START]
    jbe .next                           ; or ends before it
    cmp eax, [ebx + SHM_START]
    ja .keeps_front
    cmp ecx, edx
    jae .whole
    mov edx, ecx                        ; the front goes: the mapping starts at the range's end
    sub edx, [ebx + SHM_START]
    shr edx, 12
    add [ebx + SHM_PGOFF], edx
    mov [ebx + SHM_START], ecx
    jmp .next
.keeps_front:
    cmp ecx, edx
    jae .cut_back
    push ebx                            ; a hole: the part after it becomes a record of its own
    mov esi, ebx
    call shm_free_slot
    jc .no_slot
    mov [ebx + SHM_START], ecx
    mov [ebx + SHM_END], edx
    mov edi, [esi + SHM_HANDLE]
    mov [ebx + SHM_HANDLE], edi
    push edx
    mov edx, edi
    call shm_handle_hold                ; linux_shmcache.asm
    pop edx
    mov edi, ecx
    sub edi, [esi + SHM_START]
    shr edi, 12
    add edi, [esi + SHM_PGOFF]
    mov [ebx + SHM_PGOFF], edi
.no_slot:                               ; (no slot: the part after the hole is not written back)
    pop ebx
.cut_back:
    mov [ebx + SHM_END], eax
    jmp .next
.whole:
    mov dword [ebx + SHM_END], 0
    mov edx, [ebx + SHM_HANDLE]
    call shm_release
.next:
    add ebx, SHM_SIZE
    cmp ebx, shm_table + SHM_SLOTS * SHM_SIZE
    jb .slot
    popad
    ret


; ---- the calls ----

; msync(address, length, flags): MS_ASYNC or MS_SYNC (not both), MS_INVALIDATE; the dirty pages
; of the shared file mappings in the range go back at once for either (MS_ASYNC may, Linux
; says, and ours writes synchronously). -ENOMEM when part of the range is not mapped.
linux_msync:
    mov eax, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, [ebp + F_EDX]
    test eax, PAGE - 1
    jnz linux_invalid
    test edx, ~(LINUX_FILE_MS_ASYNC | LINUX_FILE_MS_INVALIDATE | LINUX_FILE_MS_SYNC)
    jnz linux_invalid
    and edx, LINUX_FILE_MS_ASYNC | LINUX_FILE_MS_SYNC
    cmp edx, LINUX_FILE_MS_ASYNC | LINUX_FILE_MS_SYNC
    je linux_invalid
    call shm_user_range
    jc .result
    call range_used
    mov dword [ebp + F_EAX], -LINUX_ENOMEM
    jc .result
    add ecx, eax
    call shm_sync_range
    mov dword [ebp + F_EAX], 0
.result:
    ret

; EAX = address, ECX = length: ECX = the length in whole pages, CF set (and -ENOMEM the
; result) when the range leaves user space; a length of 0 succeeds at once (result 0, CF).
shm_user_range:
    add ecx, PAGE - 1
    jc .outside
    and ecx, ~(PAGE - 1)
    jz .empty
    cmp eax, ADDR_USER_START
    jb .outside
    mov edx, eax
    add edx, ecx
    jc .outside
    cmp edx, ADDR_USER_END
    ja .outside
    clc
    ret
.empty:
    mov dword [ebp + F_EAX], 0
    stc
    ret
.outside:
    mov dword [ebp + F_EAX], -LINUX_ENOMEM
    stc
    ret

; mincore(address, length, vector): one byte per page, 1 when it has its frame (a page not
; yet touched is not resident). -ENOMEM when part of the range is not mapped.
linux_mincore:
    mov eax, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    test eax, PAGE - 1
    jnz linux_invalid
    call shm_user_range
    jc .done
    call range_used
    jc .unmapped
    mov esi, [ebp + F_EDX]
    shr ecx, 12
    call user_check_write
    jc linux_fault
    mov edi, esi
.page:
    push eax
    call pte_address
    mov edx, [eax]
    pop eax
    and edx, PTE_P
    mov [edi], dl
    inc edi
    add eax, PAGE
    loop .page
    mov dword [ebp + F_EAX], 0
.done:
    ret
.unmapped:
    mov dword [ebp + F_EAX], -LINUX_ENOMEM
    ret

; ftruncate(fd, length) and ftruncate64(fd, length low, length high): the device's; a negative
; length is -EINVAL.
linux_ftruncate:
    NEED_DEVICE -LINUX_EBADF
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, ecx
    sar edx, 31
    jmp ftruncate_call
linux_ftruncate64:
    NEED_DEVICE -LINUX_EBADF
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov edx, [ebp + F_EDX]
ftruncate_call:
    test edx, edx
    js linux_invalid
    mov eax, HOSTIO_OP_FTRUNCATE
    jmp linux_call_store

section .data
shm_pending dd 0                        ; the handle of the shared file mapping being made
shm_table   times SHM_SLOTS * SHM_SIZE db 0
section .text
