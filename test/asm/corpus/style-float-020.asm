; float data 20: tables in single, double and extended precision
    bits 32
sin_table:
    dd 0.84576e7, 1.4142135623730951, 937.977, -28.0
coeffs:
    dq 0.84576e7, 1.4142135623730951, 937.977, -28.0, 5.46239e19, 0xf.56p-2, 0xf.cap-7, 1.0e-7
    dt 0xf.56p-2, 0xf.cap-7, 1.0e-7
half:
    dw 0.84576e7, 1.4142135623730951
scale: dd __float32__(1.4142135623730951)
    mov eax, __float32__(937.977)
    mov dword [esp], __float32__(-0.84576e7)
    mov ebx, [coeffs + 8]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
