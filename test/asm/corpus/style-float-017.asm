; float data 17: tables in single, double and extended precision
    bits 32
sin_table:
    dd 4.4634e-2, 88.0, -69.0, 1.4142135623730951
coeffs:
    dq 4.4634e-2, 88.0, -69.0, 1.4142135623730951, 1.72381e-18, 1.93664e24, 3.0, 0x5.76p-4, 18.0, 4.55380e-18, 8.59730e26
    dt 18.0, 4.55380e-18, 8.59730e26
half:
    dw 4.4634e-2, 88.0
scale: dd __float32__(88.0)
    mov eax, __float32__(-69.0)
    mov dword [esp], __float32__(-4.4634e-2)
    mov ebx, [coeffs + 16]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
