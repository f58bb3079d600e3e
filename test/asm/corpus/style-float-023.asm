; float data 23: tables in single, double and extended precision
    bits 32
sin_table:
    dd 0xe.8bp3, 3.46049e21, 0.58535e-13, -37.0
coeffs:
    dq 0xe.8bp3, 3.46049e21, 0.58535e-13, -37.0, 0xa.98p2, 363.253, 0x4.fbp-1, 0x7.56p-7
    dt 363.253, 0x4.fbp-1, 0x7.56p-7
half:
    dw 0xe.8bp3, 3.46049e21
scale: dd __float32__(3.46049e21)
    mov eax, __float32__(0.58535e-13)
    mov dword [esp], __float32__(-0xe.8bp3)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
