; float data 0: tables in single, double and extended precision
    bits 32
sin_table:
    dd 68.0, 48.0, 201.699, 68.0
coeffs:
    dq 68.0, 48.0, 201.699, 68.0, 0.71752e-9, 0x3.bfp4, 0x9.7cp-9, 7.90388e+22, 335.434, -45.0
    dt 7.90388e+22, 335.434, -45.0
half:
    dw 68.0, 48.0
scale: dd __float32__(48.0)
    mov eax, __float32__(201.699)
    mov dword [esp], __float32__(-68.0)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
