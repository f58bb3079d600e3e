; files: a static Linux i386 program (nasm -f elf32, ld -m elf_i386) that works through its
; arguments as pairs OPERATION PATH and prints one line per pair: "OPERATION PATH: " and then
; what happened, or "error N" with N the errno the call returned. Operations:
;   cat    open read-only, read to the end: the bytes (in the line), close
;   stat   stat64: "size N"; lstat: lstat64 "size N"
;   ls     open the directory, getdents64 to the end: the names, one per line, then "end"
;   write  open O_WRONLY|O_CREAT|O_TRUNC 0644 and write "written\n"
;   rm     unlink; mkdir: mkdir 0755; access: access R_OK
;   dup    open read-only, dup2 it to 9, lseek 9 to offset 2, read from the first descriptor
;          (the shared position): the rest of the file
; Exit status 0.

bits 32
SYS_exit_group equ 252
SYS_read       equ 3
SYS_write      equ 4
SYS_open       equ 5
SYS_close      equ 6
SYS_unlink     equ 10
SYS_lseek      equ 19
SYS_access     equ 33
SYS_mkdir      equ 39
SYS_dup2       equ 63
SYS_stat64     equ 195
SYS_lstat64    equ 196
SYS_getdents64 equ 220
O_WRONLY_CREAT_TRUNC equ 0x241
O_DIRECTORY    equ 0x10000
R_OK           equ 4

section .text
global _start
_start:
    mov ebp, esp
    mov ecx, [ebp]                  ; argc
    lea esi, [ebp + 8]              ; argv[1]
    dec ecx
.pair:
    cmp ecx, 2
    jb .exit
    push ecx
    push esi
    mov eax, [esi]
    mov [op], eax
    mov eax, [esi + 4]
    mov [path], eax
    mov eax, [op]
    call puts
    mov eax, space
    call puts
    mov eax, [path]
    call puts
    mov eax, colon
    call puts
    call do_op
    pop esi
    pop ecx
    add esi, 8
    sub ecx, 2
    jmp .pair
.exit:
    mov eax, SYS_exit_group
    xor ebx, ebx
    int 0x80

; Compares [op] with the string at EDI; ZF set when equal.
op_is:
    mov esi, [op]
.next:
    mov al, [esi]
    cmp al, [edi]
    jne .done
    test al, al
    jz .done
    inc esi
    inc edi
    jmp .next
.done:
    ret

do_op:
    mov edi, s_cat
    call op_is
    je op_cat
    mov edi, s_stat
    call op_is
    je op_stat
    mov edi, s_lstat
    call op_is
    je op_lstat
    mov edi, s_ls
    call op_is
    je op_ls
    mov edi, s_write
    call op_is
    je op_write
    mov edi, s_rm
    call op_is
    je op_rm
    mov edi, s_mkdir
    call op_is
    je op_mkdir
    mov edi, s_access
    call op_is
    je op_access
    mov edi, s_dup
    call op_is
    je op_dup
    mov eax, unknown
    jmp puts

; EAX = a syscall result: prints "error N\n" and sets CF when it is negative.
check:
    test eax, eax
    jns .ok
    neg eax
    push eax
    mov eax, error
    call puts
    pop eax
    call putdec
    call newline
    stc
    ret
.ok:
    clc
    ret

op_cat:
    mov eax, SYS_open
    mov ebx, [path]
    xor ecx, ecx
    int 0x80
    call check
    jc .done
    mov [fd], eax
    call copy_rest
    mov eax, SYS_close
    mov ebx, [fd]
    int 0x80
.done:
    ret

; Reads [fd] to its end onto stdout.
copy_rest:
    mov eax, SYS_read
    mov ebx, [fd]
    mov ecx, buffer
    mov edx, 4096
    int 0x80
    call check
    jc .done
    test eax, eax
    jz .done
    mov edx, eax
    mov eax, SYS_write
    mov ebx, 1
    mov ecx, buffer
    int 0x80
    jmp copy_rest
.done:
    ret

op_stat:
    mov eax, SYS_stat64
    jmp stat_common
op_lstat:
    mov eax, SYS_lstat64
stat_common:
    mov ebx, [path]
    mov ecx, statbuf
    int 0x80
    call check
    jc .done
    mov eax, size_is
    call puts
    mov eax, [statbuf + 44]         ; st_size (low dword)
    call putdec
    call newline
.done:
    ret

op_ls:
    mov eax, SYS_open
    mov ebx, [path]
    mov ecx, O_DIRECTORY
    int 0x80
    call check
    jc .done
    mov [fd], eax
    call newline
.batch:
    mov eax, SYS_getdents64
    mov ebx, [fd]
    mov ecx, buffer
    mov edx, 4096
    int 0x80
    call check
    jc .close
    test eax, eax
    jz .end
    mov esi, buffer
    lea edi, [buffer + eax]
.entry:
    cmp esi, edi
    jae .batch
    push esi
    push edi
    lea eax, [esi + 19]             ; d_name
    call puts
    call newline
    pop edi
    pop esi
    movzx eax, word [esi + 16]      ; d_reclen
    add esi, eax
    jmp .entry
.end:
    mov eax, the_end
    call puts
.close:
    mov eax, SYS_close
    mov ebx, [fd]
    int 0x80
.done:
    ret

op_write:
    mov eax, SYS_open
    mov ebx, [path]
    mov ecx, O_WRONLY_CREAT_TRUNC
    mov edx, 0o644
    int 0x80
    call check
    jc .done
    mov [fd], eax
    mov eax, SYS_write
    mov ebx, [fd]
    mov ecx, written
    mov edx, written_len
    int 0x80
    call check
    jc .done
    mov eax, written
    call puts
    mov eax, SYS_close
    mov ebx, [fd]
    int 0x80
.done:
    ret

op_rm:
    mov eax, SYS_unlink
    mov ebx, [path]
    int 0x80
    jmp result_line

op_mkdir:
    mov eax, SYS_mkdir
    mov ebx, [path]
    mov ecx, 0o755
    int 0x80
    jmp result_line

op_access:
    mov eax, SYS_access
    mov ebx, [path]
    mov ecx, R_OK
    int 0x80
    ; fall through

; "ok\n" or "error N\n".
result_line:
    call check
    jc .done
    mov eax, ok
    call puts
.done:
    ret

op_dup:
    mov eax, SYS_open
    mov ebx, [path]
    xor ecx, ecx
    int 0x80
    call check
    jc .done
    mov [fd], eax
    mov eax, SYS_dup2
    mov ebx, [fd]
    mov ecx, 9
    int 0x80
    call check
    jc .done
    mov eax, SYS_lseek
    mov ebx, 9
    mov ecx, 2
    xor edx, edx
    int 0x80
    call check
    jc .done
    call copy_rest
    mov eax, SYS_close
    mov ebx, 9
    int 0x80
    mov eax, SYS_close
    mov ebx, [fd]
    int 0x80
.done:
    ret

; EAX = zero-terminated string, to stdout. Keeps ESI, EDI, EBP.
puts:
    push esi
    push edi
    mov ecx, eax
    mov edx, eax
.len:
    cmp byte [edx], 0
    je .write
    inc edx
    jmp .len
.write:
    sub edx, ecx
    mov eax, SYS_write
    mov ebx, 1
    int 0x80
    pop edi
    pop esi
    ret

newline:
    mov eax, nl
    jmp puts

; EAX = unsigned number, in decimal to stdout.
putdec:
    mov edi, number_end
    mov byte [edi], 0
    mov ebx, 10
.digit:
    xor edx, edx
    div ebx
    add dl, '0'
    dec edi
    mov [edi], dl
    test eax, eax
    jnz .digit
    mov eax, edi
    jmp puts

section .data
s_cat    db "cat", 0
s_stat   db "stat", 0
s_lstat  db "lstat", 0
s_ls     db "ls", 0
s_write  db "write", 0
s_rm     db "rm", 0
s_mkdir  db "mkdir", 0
s_access db "access", 0
s_dup    db "dup", 0
space    db " ", 0
colon    db ": ", 0
error    db "error ", 0
size_is  db "size ", 0
the_end  db "end", 10, 0
ok       db "ok", 10, 0
nl       db 10, 0
unknown  db "unknown operation", 10, 0
written  db "written", 10, 0
written_len equ $ - written - 1

section .bss
op      resd 1
path    resd 1
fd      resd 1
statbuf resb 96
number  resb 16
number_end resb 1
buffer  resb 4096
