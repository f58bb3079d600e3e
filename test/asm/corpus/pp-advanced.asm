; %rotate inside %rep, condition-code parameters, %push/%pop contexts, builtins, align fill
bits 32
%macro push_all 1-*
%rep %0
    push %1
%rotate 1
%endrep
%endmacro
%macro pop_all 1-*
%rep %0
%rotate -1
    pop %1
%endrep
%endmacro
%macro skip_unless 2
    j%-1 %%skip
    inc %2
%%skip:
    set%+1 cl
%endmacro
%macro if_block 1
%push ifblk
    j%-1 %$else
%endmacro
%macro else_block 0
%repl elseblk
    jmp %$end
%$else:
%endmacro
%macro end_block 0
%ifctx elseblk
%$end:
%else
%$else:
%endif
%pop
%endmacro
    push_all eax, ebx, ecx, edx
    pop_all eax, ebx, ecx, edx
    skip_unless z, eax
    skip_unless ae, ebx
    cmp eax, 1
    if_block e
    mov ebx, 1
    else_block
    mov ebx, 2
    end_block
    if_block nz
    nop
    end_block
    mov eax, __?BITS?__
    mov ecx, __LINE__
bits 16
    mov ax, __BITS__
    align 8, db 0xcc
    db 1
    align 4, nop
    dd 7
