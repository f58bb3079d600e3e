; vfollows: the runtime (virtual) placement of a section follows another's end, while the
; image keeps its own order
    bits 32
section .text
    mov eax, vars
    mov ebx, more_vars
    ret
section data1 vstart=0x5000
vars: dd vars, $$
    db 1, 2, 3
section data2 vfollows=data1 valign=16
more_vars: dd more_vars, $$
