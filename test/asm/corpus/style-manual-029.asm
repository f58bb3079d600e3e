; NASM manual style 29: 64-bit constants and expressions
    bits 32
    dq 0xbe0d9b9d6
    dq 0x31f123005e31e0
    dq (1 << 62) | 658
    dq -7399877 * 3428768
    dq 0xffffffffffffffff / 647
    mov eax, (0xee1ba900000000 >> 32) & 0xffff
    dd (0x123456789abcdef >> 10) & 0xffffffff
