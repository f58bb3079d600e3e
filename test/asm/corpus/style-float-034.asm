; float data 34: tables in single, double and extended precision
    bits 32
sin_table:
    dd 545.631, 4.77762e16, 485.594, 3.32906e+27
coeffs:
    dq 545.631, 4.77762e16, 485.594, 3.32906e+27, 0xe.e1p8, 0x9.a3p-6, 0xc.bbp1, 5.24652e-13
    dt 0x9.a3p-6, 0xc.bbp1, 5.24652e-13
half:
    dw 545.631, 4.77762e16
scale: dd __float32__(4.77762e16)
    mov eax, __float32__(485.594)
    mov dword [esp], __float32__(-545.631)
    mov ebx, [coeffs + 8]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
