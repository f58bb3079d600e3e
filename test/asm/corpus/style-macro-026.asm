; macro library 26: prologue/epilogue, register lists, repeated stubs
    bits 32
%macro PROLOGUE 1
    push ebp
    mov ebp, esp
%if %1 > 0
    sub esp, %1
%endif
%endmacro

%macro EPILOGUE 0
    mov esp, ebp
    pop ebp
    ret
%endmacro

%macro MULTIPUSH 1-*
%rep %0
    push %1
%rotate 1
%endrep
%endmacro

%macro MULTIPOP 1-*
%rep %0
%rotate -1
    pop %1
%endrep
%endmacro

%macro STRING 2
%1: db %2, 0
%1_len equ $ - %1 - 1
%endmacro

%ifmacro MULTIPUSH 1
%define HAVE_MULTIPUSH 1
%endif
%strlen NAMELEN 'lib26'
%defstr VERSION 26.3

func26:
    PROLOGUE 8
    MULTIPUSH eax, ebx, ecx, edx
%assign k 0
%rep 2
    mov eax, [ebp + 8 + k * 4]
    add edx, eax
%assign k k + 1
%endrep
    MULTIPOP eax, ebx, ecx, edx
    EPILOGUE
    STRING name26, 'lib26'
    db NAMELEN, VERSION
%ifdef HAVE_MULTIPUSH
    db 'multipush'
%endif
%unmacro STRING 2
%ifnmacro STRING
    db 'unmacro ok'
%endif
