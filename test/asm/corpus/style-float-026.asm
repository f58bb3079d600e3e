; float data 26: tables in single, double and extended precision
    bits 32
sin_table:
    dd 0.5, 745.195, 1.88655e28, 818.127
coeffs:
    dq 0.5, 745.195, 1.88655e28, 818.127, 1.0e-7, 0x6.95p-1, 1.4142135623730951, 0.5, 1.4142135623730951, 0xd.d5p-3
    dt 0.5, 1.4142135623730951, 0xd.d5p-3
half:
    dw 0.5, 745.195
scale: dd __float32__(745.195)
    mov eax, __float32__(1.88655e28)
    mov dword [esp], __float32__(-0.5)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
