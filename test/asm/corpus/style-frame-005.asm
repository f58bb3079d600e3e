; stack frame 5 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 32
proc5:
%push proc5
%stacksize flat
%assign %$localsize 0
%arg arg0:word
%local var0:word, var1:word, var2:word
    enter %$localsize, 0
    mov eax, [arg0]
    mov [var0], eax
    add eax, [arg0]
    lea esi, [var2]
    leave
    ret
%pop
