; stack frame 11 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 16
proc11:
%push proc11
%stacksize small
%assign %$localsize 0
%arg arg0:dword, arg1:dword, arg2:dword, arg3:word
%local var0:word
    enter %$localsize, 0
    mov ax, [arg0]
    mov [var0], ax
    add ax, [arg3]
    lea si, [var0]
    leave
    ret
%pop
