; struc/istruc records in a data section with vstart, reached from code by label
struc entry
    .id:    resd 1
    .flags: resw 1
    .name:  resb 10
endstruc

    bits 32
section .text
    mov esi, records
    mov ecx, (records_end - records) / entry_size
.loop:
    mov eax, [esi + entry.id]
    movzx edx, word [esi + entry.flags]
    add esi, entry_size
    loop .loop
    ret

section records vstart=0x40000 follows=.text
records:
    istruc entry
        at entry.id, dd 1
        at entry.flags, dw 0x8001
        at entry.name, db "first"
    iend
    istruc entry
        at entry.id, dd 2
        at entry.flags, dw 0x0002
        at entry.name, db "second"
    iend
records_end:
