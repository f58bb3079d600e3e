; %if/%elif/%else/%endif, %ifdef/%ifndef, %assign, %rep, %undef, %ifidn
bits 32
%define MODE 2
%if MODE == 1
    mov eax, 1
%elif MODE == 2
    mov eax, 2
%else
    mov eax, 3
%endif
%ifdef MODE
    nop
%endif
%undef MODE
%ifndef MODE
    inc eax
%endif
%assign i 0
%rep 5
    mov byte [ebx + i], i
%assign i i + 1
%endrep
%assign n 0
%rep 100
  %if n >= 3
    %exitrep
  %endif
    db n
  %assign n n+1
%endrep
%define REG eax
%ifidn REG, eax
    xor eax, eax
%endif
%ifidni REG, EAX
    xor ebx, ebx
%endif
