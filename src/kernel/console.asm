; The kernel's log: bytes written to the host I/O device's log channel when there is one
; (hostio.asm), else to the console port 0xE9 (QEMU -debugcon); power-off through port 0xF4
; (QEMU isa-debug-exit). Every helper preserves all registers except as documented.

; AL = byte.
kputc:
    push edx
    mov dx, [log_port]
    out dx, al
    pop edx
    ret

; ESI = zero-terminated string.
kputs:
    push eax
    push esi
.next:
    lodsb
    test al, al
    jz .done
    call kputc
    jmp .next
.done:
    pop esi
    pop eax
    ret

kput_newline:
    push eax
    mov al, 10
    call kputc
    pop eax
    ret

; EAX = value, printed as 0x followed by 8 hex digits.
kput_hex:
    push eax
    push ecx
    push edx
    mov edx, eax
    mov al, '0'
    call kputc
    mov al, 'x'
    call kputc
    mov ecx, 8
.digit:
    rol edx, 4
    mov eax, edx
    and eax, 0xF
    mov al, [hex_digits + eax]
    call kputc
    loop .digit
    pop edx
    pop ecx
    pop eax
    ret

; EAX = unsigned value, printed in decimal.
kput_dec:
    push eax
    push ecx
    push edx
    push ebx
    mov ebx, 10
    xor ecx, ecx
.divide:
    xor edx, edx
    div ebx
    push edx
    inc ecx
    test eax, eax
    jnz .divide
.print:
    pop eax
    add al, '0'
    call kputc
    loop .print
    pop ebx
    pop edx
    pop ecx
    pop eax
    ret

; The program is over: EAX = its exit status, reported in full on the console (QEMU's
; isa-debug-exit only passes 7 bits of it on), then the machine powers off.
program_exit:
    call shm_flush_all              ; linux_shm.asm: shared file mappings go back to their files
    and eax, 0xFF
    mov esi, msg_exit_status
    call kputs
    call kput_dec
    call kput_newline
    ; fall through

; AL = exit status. Never returns.
power_off:
    mov dx, PORT_POWER_OFF
    out dx, al
.halt:
    cli
    hlt
    jmp .halt

hex_digits db "0123456789ABCDEF"
msg_exit_status db "[kernel] exit status ", 0
