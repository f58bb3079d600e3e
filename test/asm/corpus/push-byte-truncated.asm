; an explicit `byte` keeps the sign-extended imm8 form (6A, 83, 6B) even for a value that does not
; fit: NASM truncates it and warns "signed byte value exceeds bounds"
        bits 16
        push byte 5
        push byte 200
        push byte 0x1ff
        o32 push byte 0x80
        add ax, byte 0xff7f
        add bx, byte 300
        imul cx, dx, byte 0x90
        bits 32
        push byte 0xffffff7f
        push byte 0x80
        sub esi, byte 0xfff
        o16 push byte 0x81
