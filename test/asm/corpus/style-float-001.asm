; float data 1: tables in single, double and extended precision
    bits 32
sin_table:
    dd 32.389, 5.20461e7, 7.19418e6, 2.718281828459045
coeffs:
    dq 32.389, 5.20461e7, 7.19418e6, 2.718281828459045, 1.0e-7, 0x5.3p-5, 0x7.34p-1
    dt 1.0e-7, 0x5.3p-5, 0x7.34p-1
half:
    dw 32.389, 5.20461e7
scale: dd __float32__(5.20461e7)
    mov eax, __float32__(7.19418e6)
    mov dword [esp], __float32__(-32.389)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
