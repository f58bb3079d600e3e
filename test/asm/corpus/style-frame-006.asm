; stack frame 6 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 16
proc6:
%push proc6
%stacksize small
%assign %$localsize 0
%arg arg0:word, arg1:dword, arg2:word, arg3:word
%local var0:word, var1:byte, var2:dword
    enter %$localsize, 0
    mov ax, [arg0]
    mov [var0], ax
    add ax, [arg3]
    lea si, [var2]
    leave
    ret
%pop
