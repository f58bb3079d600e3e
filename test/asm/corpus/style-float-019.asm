; float data 19: tables in single, double and extended precision
    bits 32
sin_table:
    dd 0xc.c7p0, 733.757, 69.0, 3.66262e-25
coeffs:
    dq 0xc.c7p0, 733.757, 69.0, 3.66262e-25, 0xa.cbp9, 7.97568e-27, -74.0, 6.02214076e23
    dt 7.97568e-27, -74.0, 6.02214076e23
half:
    dw 0xc.c7p0, 733.757
scale: dd __float32__(733.757)
    mov eax, __float32__(69.0)
    mov dword [esp], __float32__(-0xc.c7p0)
    mov ebx, [coeffs + 16]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
