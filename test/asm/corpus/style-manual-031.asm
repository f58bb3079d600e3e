; NASM manual style 31: %if chains and %ifidn
    bits 32
%define MODE debug
%ifidn MODE, fast
    mov ecx, 68
%elifidn MODE, small
    xor ecx, ecx
%else
    int3
%endif
%if 2 > 1
    nop
%elif 2 = 0
    hlt
%endif
%ifdef UNDEFINED_THING
    ud2
%endif
    ret
