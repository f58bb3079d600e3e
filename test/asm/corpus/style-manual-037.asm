; NASM manual style 37: %define with parameters, %xdefine, %assign
    bits 32
%define param(a, b) ((a) + (b) * 2)
%xdefine base 472
%assign counter 2
%define ctrl 0x1F &
    lea eax, [param(ebx, ecx)]
    mov byte [param(2, 3)], ctrl 'D'
    dd base, counter, param(base, counter)
%assign counter counter + 1
    dd counter
%substr ch 'abcdef' 6
    db ch
%strcat joined 'ab', 'cd'
    db joined
