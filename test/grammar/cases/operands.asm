; SYNTAX TEST "source.i386-asm" "memory operands, sizes, numbers, strings and character constants"
    mov dword [es:edi+ecx*4+8], 0x1F
;       ^^^^^ storage.type.size.i386
;             ^ meta.memory.i386 punctuation.definition.memory.begin.i386
;              ^^ meta.memory.i386 variable.language.register.segment.i386
;                ^ meta.memory.i386 punctuation.separator.segment.i386
;                 ^^^ meta.memory.i386 variable.language.register.general.i386
;                    ^ meta.memory.i386 keyword.operator.i386
;                        ^ meta.memory.i386 keyword.operator.i386
;                         ^ meta.memory.i386 constant.numeric.decimal.i386
;                            ^ meta.memory.i386 punctuation.definition.memory.end.i386
;                                ^^^^ constant.numeric.hex.i386
    dd 0x1F, 0X1f, 0h1F, 1Fh, 0FFh, 1fx, $0F, $1_F
;      ^^^^ constant.numeric.hex.i386
;            ^^^^ constant.numeric.hex.i386
;                  ^^^^ constant.numeric.hex.i386
;                        ^^^ constant.numeric.hex.i386
;                             ^^^^ constant.numeric.hex.i386
;                                   ^^^ constant.numeric.hex.i386
;                                        ^^^ constant.numeric.hex.i386
;                                             ^^^^ constant.numeric.hex.i386
    dd 0b101, 0y11, 101b, 1010_0101y, 0o17, 0q17, 17q, 17o
;      ^^^^^ constant.numeric.binary.i386
;             ^^^^ constant.numeric.binary.i386
;                   ^^^^ constant.numeric.binary.i386
;                         ^^^^^^^^^^ constant.numeric.binary.i386
;                                     ^^^^ constant.numeric.octal.i386
;                                           ^^^^ constant.numeric.octal.i386
;                                                 ^^^ constant.numeric.octal.i386
;                                                      ^^^ constant.numeric.octal.i386
    dd 0d12, 0t12, 12d, 12t, 12, 1_000_000, 0
;      ^^^^ constant.numeric.decimal.i386
;            ^^^^ constant.numeric.decimal.i386
;                  ^^^ constant.numeric.decimal.i386
;                       ^^^ constant.numeric.decimal.i386
;                            ^^ constant.numeric.decimal.i386
;                                ^^^^^^^^^ constant.numeric.decimal.i386
;                                           ^ constant.numeric.decimal.i386
    dq 3.14, 1.e10, 1e+5, 0x1.8p3
;      ^^^^ constant.numeric.float.i386
;            ^^^^^ constant.numeric.float.i386
;                   ^^^^ constant.numeric.float.i386
;                         ^^^^^^^ constant.numeric.float.i386
    db 'it;s', "a;b", `tab\t\x41\u263a\\\``, 0
;   ^^ storage.type.data.i386
;      ^ string.quoted.single.i386 punctuation.definition.string.begin.i386
;       ^^^^ string.quoted.single.i386 - comment.line.semicolon.i386
;           ^ string.quoted.single.i386 punctuation.definition.string.end.i386
;              ^^^^^ string.quoted.double.i386
;                     ^^^^ string.quoted.other.backquote.i386 - constant.character.escape.i386
;                         ^^ string.quoted.other.backquote.i386 constant.character.escape.i386
;                           ^^^^ string.quoted.other.backquote.i386 constant.character.escape.i386
;                               ^^^^^^ string.quoted.other.backquote.i386 constant.character.escape.i386
;                                     ^^ constant.character.escape.i386
;                                       ^^ constant.character.escape.i386
;                                         ^ punctuation.definition.string.end.i386
;                                            ^ constant.numeric.decimal.i386
    db 'a\n'
;        ^^ string.quoted.single.i386 - constant.character.escape.i386
    mov al, 'a'
;           ^^^ constant.character.i386 string.quoted.single.i386
    cmp eax, "abcd"
;            ^^^^^^ constant.character.i386 string.quoted.double.i386
    mov ecx, `\n`
;            ^ constant.character.i386 punctuation.definition.string.begin.i386
;             ^^ constant.character.i386 constant.character.escape.i386
    mov eax, 'unterminated ; still a string
;            ^ punctuation.definition.string.begin.i386
;                          ^^^^^^^^^^^^^^^^^ string.quoted.single.i386 - comment.line.semicolon.i386
    nop ; the string above ends at its line
;   ^^^ support.function.i386.data - string.quoted.single.i386
;       ^ comment.line.semicolon.i386 punctuation.definition.comment.i386
    times 510-($-$$) db 0
;   ^^^^^ keyword.control.directive.times.i386
;         ^^^ constant.numeric.decimal.i386
;              ^ variable.language.location.i386
;                ^^ variable.language.location.i386
;                    ^^ storage.type.data.i386
    mov eax, [ebx + foo wrt ..gotoff]
;                       ^^^ keyword.operator.wordlike.i386
;                           ^^^^^^^^ variable.other.label.local.i386
    mov ax, seg foo
;           ^^^ keyword.operator.wordlike.i386
    dd __?NASM_VERSION_ID?__, __LINE__
;      ^^^^^^^^^^^^^^^^^^^^^ constant.language.builtin.i386
;                             ^^^^^^^^ constant.language.builtin.i386
    push strict dword 5
;        ^^^^^^ storage.modifier.i386
;               ^^^^^ storage.type.size.i386
    shl eax, 1 << 2
;              ^^ keyword.operator.i386
