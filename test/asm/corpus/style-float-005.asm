; float data 5: tables in single, double and extended precision
    bits 32
sin_table:
    dd 3.14159265358979, 509.214, 913.316, 509.428
coeffs:
    dq 3.14159265358979, 509.214, 913.316, 509.428, 9.95425e2, 37.0
    dt 509.428, 9.95425e2, 37.0
half:
    dw 3.14159265358979, 509.214
scale: dd __float32__(509.214)
    mov eax, __float32__(913.316)
    mov dword [esp], __float32__(-3.14159265358979)
    mov ebx, [coeffs + 16]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
