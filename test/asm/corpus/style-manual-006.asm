; NASM manual style 6: 64-bit constants and expressions
    bits 32
    dq 0x7d4d360fb
    dq 0xb338e20034f372
    dq (1 << 47) | 965
    dq -15664404 * 3237099
    dq 0xffffffffffffffff / 651
    mov eax, (0x19ae7800000000 >> 32) & 0xffff
    dd (0x123456789abcdef >> 17) & 0xffffffff
