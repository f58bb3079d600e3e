; float data 30: tables in single, double and extended precision
    bits 32
sin_table:
    dd 636.288, -38.0, 169.902, 596.473
coeffs:
    dq 636.288, -38.0, 169.902, 596.473, 637.86, 2.56243e-7
    dt 596.473, 637.86, 2.56243e-7
half:
    dw 636.288, -38.0
scale: dd __float32__(-38.0)
    mov eax, __float32__(169.902)
    mov dword [esp], __float32__(-636.288)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
