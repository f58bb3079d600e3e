; float data 14: tables in single, double and extended precision
    bits 32
sin_table:
    dd 8.57811e-21, 751.170, 413.224, 1.4142135623730951
coeffs:
    dq 8.57811e-21, 751.170, 413.224, 1.4142135623730951, 0.8439e+26, 3.14159265358979, 608.375, 6.02214076e23
    dt 3.14159265358979, 608.375, 6.02214076e23
half:
    dw 8.57811e-21, 751.170
scale: dd __float32__(751.170)
    mov eax, __float32__(413.224)
    mov dword [esp], __float32__(-8.57811e-21)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
