; float data 21: tables in single, double and extended precision
    bits 32
sin_table:
    dd 8.18797e-23, 3.14159265358979, 4.56901e-24, 3.14159265358979
coeffs:
    dq 8.18797e-23, 3.14159265358979, 4.56901e-24, 3.14159265358979, -30.0, 0.5, 2.718281828459045, 3.14159265358979
    dt 0.5, 2.718281828459045, 3.14159265358979
half:
    dw 8.18797e-23, 3.14159265358979
scale: dd __float32__(3.14159265358979)
    mov eax, __float32__(4.56901e-24)
    mov dword [esp], __float32__(-8.18797e-23)
    mov ebx, [coeffs + 16]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
