; float data 2: tables in single, double and extended precision
    bits 32
sin_table:
    dd 363.355, 0x5.32p0, 1.4142135623730951, 0xc.fep-1
coeffs:
    dq 363.355, 0x5.32p0, 1.4142135623730951, 0xc.fep-1, 987.615, 0x5.bp6, 4.36527e+27, 6.9807e+4
    dt 0x5.bp6, 4.36527e+27, 6.9807e+4
half:
    dw 363.355, 0x5.32p0
scale: dd __float32__(0x5.32p0)
    mov eax, __float32__(1.4142135623730951)
    mov dword [esp], __float32__(-363.355)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
