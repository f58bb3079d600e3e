; a chain of jumps whose sizes depend on each other
bits 16
l0: jmp l4
l1: jmp l5
l2: jmp l6
l3: jmp l7
    times 118 nop
l4: jmp l0
l5: jmp l1
l6: jmp l2
l7: jmp l3
