; NASM manual style 23: 64-bit constants and expressions
    bits 32
    dq 0x2e2d76df
    dq 0x6090d7009ab2da
    dq (1 << 45) | 516
    dq -6471958 * 8212213
    dq 0xffffffffffffffff / 242
    mov eax, (0x514b2d00000000 >> 32) & 0xffff
    dd (0x123456789abcdef >> 30) & 0xffffffff
