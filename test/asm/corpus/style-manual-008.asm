; NASM manual style 8: %if chains and %ifidn
    bits 32
%define MODE fast
%ifidn MODE, fast
    mov ecx, 98
%elifidn MODE, small
    xor ecx, ecx
%else
    int3
%endif
%if 1 > 1
    nop
%elif 2 = 0
    hlt
%endif
%ifdef UNDEFINED_THING
    ud2
%endif
    ret
