; float data 13: tables in single, double and extended precision
    bits 32
sin_table:
    dd 0x7.2ap8, 0.5, 3.14159265358979, 66.0
coeffs:
    dq 0x7.2ap8, 0.5, 3.14159265358979, 66.0, 0x7.8cp-9, 1.18677e+4, 61.0, -60.0, 3.14159265358979, 9.71017e-17
    dt -60.0, 3.14159265358979, 9.71017e-17
half:
    dw 0x7.2ap8, 0.5
scale: dd __float32__(0.5)
    mov eax, __float32__(3.14159265358979)
    mov dword [esp], __float32__(-0x7.2ap8)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
