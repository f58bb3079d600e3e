; float data 10: tables in single, double and extended precision
    bits 32
sin_table:
    dd 1.4142135623730951, 63.0, 0x4.fbp7, 684.349
coeffs:
    dq 1.4142135623730951, 63.0, 0x4.fbp7, 684.349, 48.0, 0x3.25p6, 4.86294e-9
    dt 48.0, 0x3.25p6, 4.86294e-9
half:
    dw 1.4142135623730951, 63.0
scale: dd __float32__(63.0)
    mov eax, __float32__(0x4.fbp7)
    mov dword [esp], __float32__(-1.4142135623730951)
    mov ebx, [coeffs + 8]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
