; float data 16: tables in single, double and extended precision
    bits 32
sin_table:
    dd 6.36743e+29, 0.5, 6.02214076e23, 125.278
coeffs:
    dq 6.36743e+29, 0.5, 6.02214076e23, 125.278, 717.857, 245.391
    dt 125.278, 717.857, 245.391
half:
    dw 6.36743e+29, 0.5
scale: dd __float32__(0.5)
    mov eax, __float32__(6.02214076e23)
    mov dword [esp], __float32__(-6.36743e+29)
    mov ebx, [coeffs + 8]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
