; two-stage loader: stage 1 is one sector at 0x7c00, stage 2 follows it in the image and runs
; at 0x8000; stage 1 reads as many sectors as stage 2 takes
    bits 16
    org 0x7c00
section stage1 start=0x7c00
    jmp 0:start1
start1:
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov [boot_drive], dl
    mov ah, 0x02
    mov al, STAGE2_SECTORS
    mov ch, 0
    mov cl, 2
    mov dh, 0
    mov bx, 0x8000
    int 0x13
    jc disk_error
    jmp 0:stage2_entry
disk_error:
    mov si, err_msg
    call puts
    hlt
puts:
    lodsb
    or al, al
    jz .ret
    mov ah, 0x0e
    int 0x10
    jmp puts
.ret:
    ret
err_msg: db "disk error", 0
boot_drive: db 0
    times 510 - ($ - $$) db 0
    dw 0xaa55

section stage2 follows=stage1 vstart=0x8000 align=16
stage2_entry:
    mov si, hello
    call puts2
    cli
    hlt
puts2:
    lodsb
    or al, al
    jz .ret
    mov ah, 0x0e
    int 0x10
    jmp puts2
.ret:
    ret
hello: db "stage 2 at ", "0x8000", 13, 10, 0
    align 512, db 0
stage2_end:
STAGE2_SECTORS equ (stage2_end - stage2_entry) / 512
