; forward references that change jump sizes, across several passes
bits 32
start:
    jmp a          ; short
    jmp b          ; near: b is beyond 127 bytes
    jz start
    jnz c
a:  times 100 nop
    jmp start      ; short back
    jz b
c:  times 30 nop
    jmp short c
    loop c
b:  jmp near a
    jecxz a2
a2: call start
    jmp $
    jmp $+2
    jmp start + 1
