; NASM manual style 6: 64-bit constants and expressions
    bits 32
    dq 0x34f372372
    dq 0x46674d00ef0514
    dq (1 << 50) | 650
    dq -1683064 * 15382545
    dq 0xffffffffffffffff / 492
    mov eax, (0xf291b200000000 >> 32) & 0xffff
    dd (0x123456789abcdef >> 8) & 0xffffffff
