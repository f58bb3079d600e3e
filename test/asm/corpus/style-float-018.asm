; float data 18: tables in single, double and extended precision
    bits 32
sin_table:
    dd 3.14159265358979, 806.149, 189.521, -75.0
coeffs:
    dq 3.14159265358979, 806.149, 189.521, -75.0, 0xa.68p-10, 1.0e-7, 0xc.13p0, 6.86673e-9
    dt 1.0e-7, 0xc.13p0, 6.86673e-9
half:
    dw 3.14159265358979, 806.149
scale: dd __float32__(806.149)
    mov eax, __float32__(189.521)
    mov dword [esp], __float32__(-3.14159265358979)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
