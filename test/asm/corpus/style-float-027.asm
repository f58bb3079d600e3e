; float data 27: tables in single, double and extended precision
    bits 32
sin_table:
    dd 63.0, -86.0, -13.0, 0x3.23p-7
coeffs:
    dq 63.0, -86.0, -13.0, 0x3.23p-7, 6.69583e21, 0x6.40p3
    dt 0x3.23p-7, 6.69583e21, 0x6.40p3
half:
    dw 63.0, -86.0
scale: dd __float32__(-86.0)
    mov eax, __float32__(-13.0)
    mov dword [esp], __float32__(-63.0)
    mov ebx, [coeffs + 8]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
