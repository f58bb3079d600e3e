; stack frame 2 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 16
proc2:
%push proc2
%stacksize large
%assign %$localsize 0
%arg arg0:word, arg1:byte, arg2:dword
%local var0:dword
    enter %$localsize, 0
    mov ax, [arg0]
    mov [var0], ax
    add ax, [arg2]
    lea si, [var0]
    leave
    retf
%pop
