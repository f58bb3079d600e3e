; sectalign: align raises the section's alignment, so the next section starts aligned;
; sectalign off keeps align from doing so
    bits 32
section .text
    nop
    align 32
    nop
section s1
    db 1
    sectalign 64
section s2
    db 2
    sectalign off
    align 128
    db 3
section s3
    db 4
    dd $$
