; float data 29: tables in single, double and extended precision
    bits 32
sin_table:
    dd 0x5.1ep-3, -69.0, 0.5, 235.523
coeffs:
    dq 0x5.1ep-3, -69.0, 0.5, 235.523, 5.22928e+27, 9.31659e-23, 701.502, 5.78414e+25, -23.0, -38.0
    dt 5.78414e+25, -23.0, -38.0
half:
    dw 0x5.1ep-3, -69.0
scale: dd __float32__(-69.0)
    mov eax, __float32__(0.5)
    mov dword [esp], __float32__(-0x5.1ep-3)
    mov ebx, [coeffs + 8]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
