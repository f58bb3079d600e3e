; stack frame 8 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 32
proc8:
%push proc8
%stacksize flat
%assign %$localsize 0
%arg arg0:word, arg1:dword, arg2:byte
%local var0:byte, var1:byte, var2:byte
    enter %$localsize, 0
    mov eax, [arg0]
    mov [var0], eax
    add eax, [arg2]
    lea esi, [var2]
    leave
    ret
%pop
