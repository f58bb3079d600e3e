; NASM manual style 4: %define with parameters, %xdefine, %assign
    bits 32
%define param(a, b) ((a) + (b) * 2)
%xdefine base 677
%assign counter 1
%define ctrl 0x1F &
    lea eax, [param(ebx, ecx)]
    mov byte [param(2, 3)], ctrl 'D'
    dd base, counter, param(base, counter)
%assign counter counter + 1
    dd counter
%substr ch 'abcdef' 5
    db ch
%strcat joined 'ab', 'cd'
    db joined
