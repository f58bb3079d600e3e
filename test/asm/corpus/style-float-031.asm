; float data 31: tables in single, double and extended precision
    bits 32
sin_table:
    dd 0xe.b8p0, 304.72, 208.345, 1.0e-7
coeffs:
    dq 0xe.b8p0, 304.72, 208.345, 1.0e-7, -19.0, 0xf.9fp0, 0x9.a2p-8, 0x7.d9p-4
    dt 0xf.9fp0, 0x9.a2p-8, 0x7.d9p-4
half:
    dw 0xe.b8p0, 304.72
scale: dd __float32__(304.72)
    mov eax, __float32__(208.345)
    mov dword [esp], __float32__(-0xe.b8p0)
    mov ebx, [coeffs + 8]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
