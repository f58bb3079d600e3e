; stack frame 0 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 16
proc0:
%push proc0
%stacksize large
%assign %$localsize 0
%arg arg0:word, arg1:byte, arg2:word
%local var0:dword, var1:dword
    enter %$localsize, 0
    mov ax, [arg0]
    mov [var0], ax
    add ax, [arg2]
    lea si, [var1]
    leave
    retf
%pop
