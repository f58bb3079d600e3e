; float data 9: tables in single, double and extended precision
    bits 32
sin_table:
    dd 5.59797e15, 0x1.a9p2, 2.93702e+0, 89.0
coeffs:
    dq 5.59797e15, 0x1.a9p2, 2.93702e+0, 89.0, 1.0e-7, 514.728, -49.0, 0xd.25p1, 0x2.9fp0
    dt -49.0, 0xd.25p1, 0x2.9fp0
half:
    dw 5.59797e15, 0x1.a9p2
scale: dd __float32__(0x1.a9p2)
    mov eax, __float32__(2.93702e+0)
    mov dword [esp], __float32__(-5.59797e15)
    mov ebx, [coeffs + 16]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
