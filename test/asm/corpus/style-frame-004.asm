; stack frame 4 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 32
proc4:
%push proc4
%stacksize flat
%assign %$localsize 0
%arg arg0:word
%local var0:dword, var1:word
    enter %$localsize, 0
    mov eax, [arg0]
    mov [var0], eax
    add eax, [arg0]
    lea esi, [var1]
    leave
    ret
%pop
