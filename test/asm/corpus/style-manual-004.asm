; NASM manual style 4: %if chains and %ifidn
    bits 32
%define MODE small
%ifidn MODE, fast
    mov ecx, 41
%elifidn MODE, small
    xor ecx, ecx
%else
    int3
%endif
%if 1 > 1
    nop
%elif 0 = 0
    hlt
%endif
%ifdef UNDEFINED_THING
    ud2
%endif
    ret
