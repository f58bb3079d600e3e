; the same section entered several times: code and data interleaved in the source
    bits 32
section .text
main:
    call init
    call run
    ret
section .data
counter: dd 0
section .text
init:
    mov dword [counter], 10
    ret
section .data
limit: dd 100
msg:   db "interleaved", 0
section .text
run:
    mov eax, [counter]
    cmp eax, [limit]
    jae .done
    inc dword [counter]
    jmp run
.done:
    ret
