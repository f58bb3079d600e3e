; float data 28: tables in single, double and extended precision
    bits 32
sin_table:
    dd 1.4142135623730951, -45.0, 77.872, 362.428
coeffs:
    dq 1.4142135623730951, -45.0, 77.872, 362.428, 1.4142135623730951, 6.02214076e23, 0xa.50p-7, 58.0, 94.0, 5.46189e18, 0.5, 671.463
    dt 5.46189e18, 0.5, 671.463
half:
    dw 1.4142135623730951, -45.0
scale: dd __float32__(-45.0)
    mov eax, __float32__(77.872)
    mov dword [esp], __float32__(-1.4142135623730951)
    mov ebx, [coeffs + 16]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
