; stack frame 9 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 16
proc9:
%push proc9
%stacksize large
%assign %$localsize 0
%arg arg0:word, arg1:dword, arg2:byte, arg3:word
%local var0:word, var1:word, var2:word
    enter %$localsize, 0
    mov ax, [arg0]
    mov [var0], ax
    add ax, [arg3]
    lea si, [var2]
    leave
    retf
%pop
