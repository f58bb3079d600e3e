; local labels, ..@ labels and $-relative expressions
bits 32
func1:
.loop:  dec ecx
        jnz .loop
        ret
func2:
.loop:  dec edx
        jnz .loop
        jmp func1.loop
..@shared: nop
.after: jmp func2.after
msg:    db 'abc'
.len    equ $ - msg
        mov ecx, msg.len
