; NASM manual style 34: 64-bit constants and expressions
    bits 32
    dq 0x2a8e31726
    dq 0x3160e100e3a587
    dq (1 << 49) | 441
    dq -8598969 * 8522562
    dq 0xffffffffffffffff / 616
    mov eax, (0xd3cd6500000000 >> 32) & 0xffff
    dd (0x123456789abcdef >> 10) & 0xffffffff
