; float data 25: tables in single, double and extended precision
    bits 32
sin_table:
    dd -3.0, 0x4.abp5, 94.0, 0xa.6ap-1
coeffs:
    dq -3.0, 0x4.abp5, 94.0, 0xa.6ap-1, 6.11457e0, 9.40411e+19, 86.0, 1.0e-7
    dt 9.40411e+19, 86.0, 1.0e-7
half:
    dw -3.0, 0x4.abp5
scale: dd __float32__(0x4.abp5)
    mov eax, __float32__(94.0)
    mov dword [esp], __float32__(-3.0)
    mov ebx, [coeffs + 16]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
