; stack frame 7 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 16
proc7:
%push proc7
%stacksize large
%assign %$localsize 0
%arg arg0:byte, arg1:dword
%local var0:dword, var1:byte
    enter %$localsize, 0
    mov ax, [arg0]
    mov [var0], ax
    add ax, [arg1]
    lea si, [var1]
    leave
    retf
%pop
