; float data 3: tables in single, double and extended precision
    bits 32
sin_table:
    dd 212.361, -67.0, 864.310, 424.662
coeffs:
    dq 212.361, -67.0, 864.310, 424.662, 7.10279e10, 2.718281828459045, 4.53528e21, 890.37
    dt 2.718281828459045, 4.53528e21, 890.37
half:
    dw 212.361, -67.0
scale: dd __float32__(-67.0)
    mov eax, __float32__(864.310)
    mov dword [esp], __float32__(-212.361)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
