; float data 4: tables in single, double and extended precision
    bits 32
sin_table:
    dd 2.718281828459045, 0x9.4ap0, -70.0, 0xa.d8p-6
coeffs:
    dq 2.718281828459045, 0x9.4ap0, -70.0, 0xa.d8p-6, 6.02214076e23, 445.816, 3.14159265358979, -84.0
    dt 445.816, 3.14159265358979, -84.0
half:
    dw 2.718281828459045, 0x9.4ap0
scale: dd __float32__(0x9.4ap0)
    mov eax, __float32__(-70.0)
    mov dword [esp], __float32__(-2.718281828459045)
    mov ebx, [coeffs + 0]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
