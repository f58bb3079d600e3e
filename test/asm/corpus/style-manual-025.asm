; NASM manual style 25: 64-bit constants and expressions
    bits 32
    dq 0x1865cee0e
    dq 0x31b5b005bc815
    dq (1 << 60) | 346
    dq -7756217 * 5512850
    dq 0xffffffffffffffff / 485
    mov eax, (0x8e4b6e00000000 >> 32) & 0xffff
    dd (0x123456789abcdef >> 3) & 0xffffffff
