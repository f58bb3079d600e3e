; float data 6: tables in single, double and extended precision
    bits 32
sin_table:
    dd 0xe.c4p5, -23.0, 574.777, 642.437
coeffs:
    dq 0xe.c4p5, -23.0, 574.777, 642.437, 4.73801e-24, 1.93532e8, 0x1.3p6, 1.0e-7, 4.36907e24, 72.0
    dt 1.0e-7, 4.36907e24, 72.0
half:
    dw 0xe.c4p5, -23.0
scale: dd __float32__(-23.0)
    mov eax, __float32__(574.777)
    mov dword [esp], __float32__(-0xe.c4p5)
    mov ebx, [coeffs + 8]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
