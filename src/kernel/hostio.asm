; The host I/O device (docs/HOSTIO.md; ports and protocol in abi.inc, HOSTIO_* and
; PORT_HOSTIO*). On our machine it carries the program's standard streams, a sandboxed view
; of host files and the clocks; the kernel's own log goes to its log port. On a machine
; without it (QEMU), the probe reads all ones and everything stays on the console port.

; Probes the device; on success the kernel's log moves to the device's log channel.
; Keeps all registers.
hostio_detect:
    push eax
    push edx
    mov dx, PORT_HOSTIO
    in eax, dx
    cmp eax, HOSTIO_MAGIC
    jne .absent
    mov byte [hostio_present], 1
    mov word [log_port], PORT_HOSTIO_LOG
.absent:
    pop edx
    pop eax
    ret

; One request. EAX = operation (HOSTIO_OP_*), EBX, ECX, EDX, ESI, EDI = its arguments 0..4,
; user addresses in the current address space. Returns EAX = the result (a count, or
; -errno), EDX = its high dword. Only when hostio_present is set. A store the device refused
; on a copy-on-write page (-HOSTIO_COPY_ON_WRITE) gets the page its own frame (user_check)
; and the request is made again. Keeps other registers.
hostio_call:
    mov [hostio_block + HOSTIO_REQ_OP], eax
    mov [hostio_block + HOSTIO_REQ_ARG0], ebx
    mov [hostio_block + HOSTIO_REQ_ARG1], ecx
    mov [hostio_block + HOSTIO_REQ_ARG2], edx
    mov [hostio_block + HOSTIO_REQ_ARG3], esi
    mov [hostio_block + HOSTIO_REQ_ARG4], edi
    push ebx                            ; the process the request is for (linux_fork.asm)
    mov ebx, [current_process]
    imul ebx, ebx, P_SIZE
    mov ebx, [PROC_TABLE + ebx + P_PID]
    mov [hostio_block + HOSTIO_REQ_PROCESS], ebx
    pop ebx
    mov eax, cr3
    mov [hostio_block + HOSTIO_REQ_PAGE_DIRECTORY], eax
.request:
    mov dx, PORT_HOSTIO
    mov eax, hostio_block           ; identity mapped: the linear address is the physical one
    out dx, eax
    mov eax, [hostio_block + HOSTIO_REQ_RESULT]
    mov edx, [hostio_block + HOSTIO_REQ_RESULT_HIGH]
    cmp eax, -HOSTIO_COPY_ON_WRITE
    je .copy_on_write
    ret
.copy_on_write:
    push ecx
    push esi
    mov esi, edx
    mov ecx, 1
    mov edx, 1
    call user_check                 ; mm.asm: the page gets a frame of its own
    pop esi
    pop ecx
    jnc .request
    mov eax, -LINUX_EFAULT
    mov edx, -1
    ret

section .data
hostio_present db 0
align 2, db 0
log_port       dw PORT_CONSOLE
align 4, db 0
hostio_block   times HOSTIO_REQ_SIZE db 0
section .text
