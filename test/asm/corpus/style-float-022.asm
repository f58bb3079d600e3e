; float data 22: tables in single, double and extended precision
    bits 32
sin_table:
    dd 9.86148e+5, 0x3.a6p3, 0x3.6ap1, 0.758e-12
coeffs:
    dq 9.86148e+5, 0x3.a6p3, 0x3.6ap1, 0.758e-12, 64.0, 0x9.66p5, 4.39748e-24, 1.4142135623730951, 1.0e-7, 500.408
    dt 1.4142135623730951, 1.0e-7, 500.408
half:
    dw 9.86148e+5, 0x3.a6p3
scale: dd __float32__(0x3.a6p3)
    mov eax, __float32__(0x3.6ap1)
    mov dword [esp], __float32__(-9.86148e+5)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
