; A boot sector in the common OS-tutorial style with a map of everything: a GDT written as
; dq constants, a struc, a macro library with macro-local labels, istruc, times and the
; signature. The map lists the macro-local labels under NASM's own numbers.
[map all boot.map]
        org 0x7c00
        bits 16

KERNEL_SEG      equ 0x1000
SECTORS         equ 4
BELOW_ZERO      equ -2
WIDE            equ 0x123456789

struc dap
  .size:        resb 1
  .zero:        resb 1
  .count:       resw 1
  .offset:      resw 1
  .segment:     resw 1
  .lba:         resq 1
endstruc

%macro print 1
        mov si, %%msg
        call puts
        jmp %%done
%%msg:  db %1, 13, 10, 0
%%done:
%endmacro

start:
        cli
        xor ax, ax
        mov ds, ax
        mov ss, ax
        mov sp, 0x7c00
        sti
        print "loading"
        mov si, packet
        mov ah, 0x42
        int 0x13
        jc .fail
        print "ok"
        lgdt [gdt_desc]
        mov eax, cr0
        or al, 1
        mov cr0, eax
        jmp 0x08:pm
.fail:
        print "disk error"
.hang:  hlt
        jmp .hang

puts:
        lodsb
        test al, al
        jz .end
        mov ah, 0x0e
        int 0x10
        jmp puts
.end:   ret

        align 8
gdt:    dq 0
        dq 0x00cf9a000000ffff
        dq 0x00cf92000000ffff
gdt_end:
gdt_desc:
        dw gdt_end - gdt - 1
        dd gdt

packet: istruc dap
        at dap.size,    db 16
        at dap.count,   dw SECTORS
        at dap.offset,  dw 0
        at dap.segment, dw KERNEL_SEG
        at dap.lba,     dq 1
        iend

        bits 32
pm:     mov ax, 0x10
        mov ds, ax
        jmp $

        times 510 - ($ - $$) db 0
        dw 0xaa55
