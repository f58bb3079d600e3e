; floating-point constants in an aligned rodata section
    bits 32
section .text
    fld qword [pi]
    fmul dword [two]
    fld tword [e_ext]
    faddp st1, st0
    fstp qword [result]
    ret
section .rodata align=16 progbits
pi:    dq 3.141592653589793
two:   dd 2.0
e_ext: dt 2.718281828459045235
half:  dd 0.5, -0.25, 1.0e10
section .bss
result: resq 1
