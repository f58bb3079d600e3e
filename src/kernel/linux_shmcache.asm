; What MAP_SHARED file mappings of several processes, or several mappings in one process,
; have in common: the device's mapping handles, counted per write-back record of any process
; (fork copies the records), and a small page cache, so that every shared mapping of a file
; page uses the same frame (Linux's page cache, mm/filemap.c). The cache is keyed by the
; device's file id (one per host file: device and inode) and the file page; an entry lives as
; long as its frame (put_user_frame forgets it when the last mapping goes). When the cache is
; full, a new mapping's pages keep frames of their own (seen by the others after write-back).

SHM_HANDLES equ LINUX_MAX_PROCESSES * SHM_SLOTS + 1   ; handles in use never outnumber records
PC_FILE     equ 0                       ; the device's file id (0: a free entry)
PC_PAGE     equ 4                       ; the file page
PC_FRAME    equ 8                       ; the frame that holds it
PC_SIZE     equ 12
PC_ENTRIES  equ 1024

; EDX = a mapping handle: one more record uses it. Keeps registers.
shm_handle_hold:
    cmp edx, SHM_HANDLES
    jae .done
    inc dword [shm_handle_refs + edx * 4]
.done:
    ret

; EDX = the handle of a record just freed: closed when no record of any process uses it any
; more. Keeps registers.
shm_release:
    pushad
    cmp edx, SHM_HANDLES
    jae .close
    dec dword [shm_handle_refs + edx * 4]
    jnz .used
.close:
    mov eax, HOSTIO_OP_MAP_CLOSE
    mov ebx, edx
    call hostio_call
.used:
    popad
    ret

; fork: the child has copies of the caller's records, so each of their handles has one more
; user. Keeps registers.
shm_fork:
    pushad
    mov ebx, shm_table
.slot:
    cmp dword [ebx + SHM_END], 0
    je .next
    mov edx, [ebx + SHM_HANDLE]
    call shm_handle_hold
.next:
    add ebx, SHM_SIZE
    cmp ebx, shm_table + SHM_SLOTS * SHM_SIZE
    jb .slot
    popad
    ret

; EBX = the record of a shared file mapping just made, its pages filled from the file, and
; shm_file_id its file: every page whose file page the cache has takes that frame (the one
; read for it goes back), so it sees what the other mappings wrote; the others enter the
; cache. Keeps registers.
page_cache_join:
    pushad
    mov esi, [ebx + SHM_START]
    mov edi, [ebx + SHM_PGOFF]
.page:
    cmp esi, [ebx + SHM_END]
    jae .done
    mov eax, esi
    call pte_address
    jc .next
    mov ecx, eax                        ; ECX = the PTE
    test dword [ecx], ~(PAGE - 1)
    jz .next
    call page_cache_find
    jc .insert
    mov eax, [edx + PC_FRAME]
    call frame_share                    ; linux_cow.asm
    mov edx, [ecx]
    and edx, PAGE - 1
    or eax, edx
    xchg eax, [ecx]
    call put_user_frame                 ; the frame read for this mapping
    jmp .next
.insert:
    call page_cache_free_entry
    jc .next
    mov eax, [shm_file_id]
    mov [edx + PC_FILE], eax
    mov [edx + PC_PAGE], edi
    mov eax, [ecx]
    and eax, ~(PAGE - 1)
    mov [edx + PC_FRAME], eax
.next:
    add esi, PAGE
    inc edi
    jmp .page
.done:
    call flush_tlb
    popad
    ret

; EDI = a file page of the file shm_file_id: EDX = its cache entry, CF set when there is none.
; Keeps other registers.
page_cache_find:
    push eax
    mov eax, [shm_file_id]
    mov edx, page_cache
.entry:
    cmp [edx + PC_FILE], eax
    jne .next
    cmp [edx + PC_PAGE], edi
    jne .next
    cmp dword [edx + PC_FRAME], 0
    jne .found
.next:
    add edx, PC_SIZE
    cmp edx, page_cache + PC_ENTRIES * PC_SIZE
    jb .entry
    pop eax
    stc
    ret
.found:
    pop eax
    clc
    ret

; EDX = a free cache entry, CF set when the cache is full. Keeps other registers.
page_cache_free_entry:
    mov edx, page_cache
.entry:
    cmp dword [edx + PC_FRAME], 0
    je .found
    add edx, PC_SIZE
    cmp edx, page_cache + PC_ENTRIES * PC_SIZE
    jb .entry
    stc
    ret
.found:
    clc
    ret

; EAX = a shared frame about to be freed: its cache entry, if any, goes. Keeps registers.
page_cache_forget:
    push edx
    mov edx, page_cache
.entry:
    cmp [edx + PC_FRAME], eax
    jne .next
    mov dword [edx + PC_FRAME], 0
    mov dword [edx + PC_FILE], 0
    jmp .done
.next:
    add edx, PC_SIZE
    cmp edx, page_cache + PC_ENTRIES * PC_SIZE
    jb .entry
.done:
    pop edx
    ret

section .data
shm_file_id     dd 0                    ; the file of the shared mapping being made
align 4, db 0
shm_handle_refs times SHM_HANDLES dd 0
page_cache      times PC_ENTRIES * PC_SIZE db 0
section .text
