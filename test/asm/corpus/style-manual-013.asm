; NASM manual style 13: 64-bit constants and expressions
    bits 32
    dq 0x2b474e748
    dq 0xe172920041f4ae
    dq (1 << 61) | 179
    dq -1962481 * 15754832
    dq 0xffffffffffffffff / 836
    mov eax, (0xadf5700000000 >> 32) & 0xffff
    dd (0x123456789abcdef >> 10) & 0xffffffff
