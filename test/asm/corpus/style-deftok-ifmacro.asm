; A macro library that checks what is defined before it defines it: %ifmacro (the name as the
; macro was spelt, parameter ranges, a trailing +) and %deftok (a string made tokens).
%imacro PutChar 1
        mov dl, %1
        mov ah, 2
        int 0x21
%endmacro
%macro emit 1-2 0
        db %1, %2
%endmacro
%macro many 1+
        db %1
%endmacro

%ifmacro PutChar 1
        PutChar 'A'
%endif
%ifmacro putchar 1
        db 0xEE                         ; not spelt as defined: NASM says no
%endif
%ifmacro emit 3+
        db 0x33
%endif
%ifmacro emit 3-4
        db 0x34
%endif
%ifnmacro emit 5
        emit 5
%endif
%ifmacro many 9
        many 9, 9
%endif

%define OPCODE 'inc ax'
%deftok op OPCODE
        op
%deftok reg `bx`
        mov reg, 0x1234
%deftok target 'here'
target: jmp target
