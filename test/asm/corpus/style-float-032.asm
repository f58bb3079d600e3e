; float data 32: tables in single, double and extended precision
    bits 32
sin_table:
    dd 0x2.90p-9, 671.659, -57.0, 2.718281828459045
coeffs:
    dq 0x2.90p-9, 671.659, -57.0, 2.718281828459045, 2.718281828459045, 0x3.fp3, 55.0, 0x1.8cp-8, 61.0, 1.4142135623730951
    dt 0x1.8cp-8, 61.0, 1.4142135623730951
half:
    dw 0x2.90p-9, 671.659
scale: dd __float32__(671.659)
    mov eax, __float32__(-57.0)
    mov dword [esp], __float32__(-0x2.90p-9)
    mov ebx, [coeffs + 8]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
