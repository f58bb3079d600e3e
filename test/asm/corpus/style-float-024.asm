; float data 24: tables in single, double and extended precision
    bits 32
sin_table:
    dd -10.0, 82.619, 887.881, 1.16375e-23
coeffs:
    dq -10.0, 82.619, 887.881, 1.16375e-23, -75.0, 2.718281828459045
    dt 1.16375e-23, -75.0, 2.718281828459045
half:
    dw -10.0, 82.619
scale: dd __float32__(82.619)
    mov eax, __float32__(887.881)
    mov dword [esp], __float32__(-10.0)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
