; stack frame 10 (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits 16
proc10:
%push proc10
%stacksize large
%assign %$localsize 0
%arg arg0:word
%local var0:word
    enter %$localsize, 0
    mov ax, [arg0]
    mov [var0], ax
    add ax, [arg0]
    lea si, [var0]
    leave
    retf
%pop
