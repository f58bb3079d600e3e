; NASM manual style 15: %if chains and %ifidn
    bits 32
%define MODE debug
%ifidn MODE, fast
    mov ecx, 42
%elifidn MODE, small
    xor ecx, ecx
%else
    int3
%endif
%if 0 > 1
    nop
%elif 0 = 0
    hlt
%endif
%ifdef UNDEFINED_THING
    ud2
%endif
    ret
