; stack frame 1 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 16
proc1:
%push proc1
%stacksize large
%assign %$localsize 0
%arg arg0:byte
%local var0:byte, var1:byte
    enter %$localsize, 0
    mov ax, [arg0]
    mov [var0], ax
    add ax, [arg0]
    lea si, [var1]
    leave
    retf
%pop
