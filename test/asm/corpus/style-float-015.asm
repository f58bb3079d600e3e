; float data 15: tables in single, double and extended precision
    bits 32
sin_table:
    dd 1.28613e+12, 971.992, 7.79423e-26, 31.96
coeffs:
    dq 1.28613e+12, 971.992, 7.79423e-26, 31.96, 7.59031e3, 608.585
    dt 31.96, 7.59031e3, 608.585
half:
    dw 1.28613e+12, 971.992
scale: dd __float32__(971.992)
    mov eax, __float32__(7.79423e-26)
    mov dword [esp], __float32__(-1.28613e+12)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
