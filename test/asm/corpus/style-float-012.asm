; float data 12: tables in single, double and extended precision
    bits 32
sin_table:
    dd 6.71205e20, 672.379, 2.718281828459045, -45.0
coeffs:
    dq 6.71205e20, 672.379, 2.718281828459045, -45.0, 783.980, 636.670, 10.0, 0xf.d2p8, 412.455, 976.916
    dt 0xf.d2p8, 412.455, 976.916
half:
    dw 6.71205e20, 672.379
scale: dd __float32__(672.379)
    mov eax, __float32__(2.718281828459045)
    mov dword [esp], __float32__(-6.71205e20)
    mov ebx, [coeffs + 16]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
