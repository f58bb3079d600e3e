; NASM expression precedence and operators
bits 32
dd 1 + 2 * 3, (1 + 2) * 3, 7 / 2, -7 // 2, 7 % 3, -7 %% 3
dd 1 << 4 | 1, 0xff & ~0x0f, 6 ^ 3, 1 << 2 + 1, 0x80000000 >> 4
dd 3 == 3, 3 != 4, 2 < 3, 3 <= 2, 4 > 1, 4 >= 5, 1 && 0, 1 || 0, 1 ^^ 1
dd (2 < 3) ? 10 : 20, -(-5), !0, !7, ~0
x equ 10
y equ x * 2 + 1
dd y, x - y, (y - x) * 4
here: dd $ - here, $$
