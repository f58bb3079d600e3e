; struc/endstruc, istruc/at/iend
bits 32
struc point
    .x: resd 1
    .y: resd 1
    .tag: resb 3
endstruc
struc pair
    .a: resw 1
    .b: resb 1
endstruc
    mov eax, [ebx + point.y]
    mov ecx, point_size
    mov dl, [esi + pair.b]
p1: istruc point
    at point.x, dd 10
    at point.y, dd 20
    at point.tag, db 'ab'
iend
p2: istruc pair
    at pair.b, db 7
iend
    dd pair_size
