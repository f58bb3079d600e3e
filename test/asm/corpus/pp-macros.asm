; %define, %macro with parameters, defaults, %% labels, greedy parameters
bits 32
%define STACK_TOP 0x9000
%define ADD3(a, b, c) ((a) + (b) + (c))
%macro prologue 1
    push ebp
    mov ebp, esp
    sub esp, %1
%endmacro
%macro epilogue 0
    mov esp, ebp
    pop ebp
    ret
%endmacro
%macro wait_zero 1-2 ecx
%%again:
    dec %2
    cmp %2, %1
    jnz %%again
%endmacro
%macro emit_bytes 1+
    db %1
%endmacro
f:  prologue 16
    mov eax, STACK_TOP
    mov ebx, ADD3(1, 2, 3)
    wait_zero 0
    wait_zero 5, edx
    emit_bytes 1, 2, 3
    epilogue
%macro nested 0
    prologue 4
    wait_zero 1
%endmacro
    nested
