; float data 11: tables in single, double and extended precision
    bits 32
sin_table:
    dd 0.5, 709.183, 0x5.2fp-2, 6.02214076e23
coeffs:
    dq 0.5, 709.183, 0x5.2fp-2, 6.02214076e23, 39.586, 814.390, 0x6.30p-1
    dt 39.586, 814.390, 0x6.30p-1
half:
    dw 0.5, 709.183
scale: dd __float32__(709.183)
    mov eax, __float32__(0x5.2fp-2)
    mov dword [esp], __float32__(-0.5)
    mov ebx, [coeffs + 16]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
