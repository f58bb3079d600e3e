; float data 33: tables in single, double and extended precision
    bits 32
sin_table:
    dd 1.0e-7, 2.71013e-21, 6.12230e-25, 0xb.b0p4
coeffs:
    dq 1.0e-7, 2.71013e-21, 6.12230e-25, 0xb.b0p4, 584.228, 3.14159265358979
    dt 0xb.b0p4, 584.228, 3.14159265358979
half:
    dw 1.0e-7, 2.71013e-21
scale: dd __float32__(2.71013e-21)
    mov eax, __float32__(6.12230e-25)
    mov dword [esp], __float32__(-1.0e-7)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
