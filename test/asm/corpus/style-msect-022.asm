; section attribute values as parenthesised expressions with symbols defined before
BASE equ 0x1000
STRIDE equ 0x200
    bits 16
    org 0x1000
section a start=(BASE + STRIDE * 0)
    db "a"
section b start=(BASE + STRIDE * 1) vstart=(BASE << 4)
b_label: dw b_label
section c start=(BASE+STRIDE*2) align=(1 << 4)
    dw $$
