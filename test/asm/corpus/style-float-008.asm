; float data 8: tables in single, double and extended precision
    bits 32
sin_table:
    dd 4.48535e+10, 70.0, 0xe.f5p9, 9.96078e12
coeffs:
    dq 4.48535e+10, 70.0, 0xe.f5p9, 9.96078e12, 6.02214076e23, 3.14159265358979, -22.0
    dt 6.02214076e23, 3.14159265358979, -22.0
half:
    dw 4.48535e+10, 70.0
scale: dd __float32__(70.0)
    mov eax, __float32__(0xe.f5p9)
    mov dword [esp], __float32__(-4.48535e+10)
    mov ebx, [coeffs + 8]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
