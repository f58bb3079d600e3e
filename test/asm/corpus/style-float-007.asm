; float data 7: tables in single, double and extended precision
    bits 32
sin_table:
    dd 1.0e-7, 49.0, 8.10776e+2, 828.913
coeffs:
    dq 1.0e-7, 49.0, 8.10776e+2, 828.913, 6.94075e+14, 239.822, 0x6.eep0, 0.5, 7.20799e-17
    dt 0x6.eep0, 0.5, 7.20799e-17
half:
    dw 1.0e-7, 49.0
scale: dd __float32__(49.0)
    mov eax, __float32__(8.10776e+2)
    mov dword [esp], __float32__(-1.0e-7)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
