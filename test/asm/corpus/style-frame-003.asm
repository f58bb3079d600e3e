; stack frame 3 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 16
proc3:
%push proc3
%stacksize large
%assign %$localsize 0
%arg arg0:word, arg1:word, arg2:word
%local var0:byte, var1:dword, var2:byte
    enter %$localsize, 0
    mov ax, [arg0]
    mov [var0], ax
    add ax, [arg2]
    lea si, [var2]
    leave
    retf
%pop
