; NASM manual style 34: 64-bit constants and expressions
    bits 32
    dq 0x5fcb915c6
    dq 0x2683bc00487137
    dq (1 << 60) | 305
    dq -4046092 * 8068878
    dq 0xffffffffffffffff / 217
    mov eax, (0x82e94600000000 >> 32) & 0xffff
    dd (0x123456789abcdef >> 31) & 0xffffffff
