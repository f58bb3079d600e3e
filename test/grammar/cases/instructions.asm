; SYNTAX TEST "source.i386-asm" "mnemonics by group, prefixes, case-insensitivity"
    mov eax, ebx
;   ^^^ support.function.i386.data
;       ^^^ variable.language.register.general.i386
;          ^ punctuation.separator.i386
    ADD Eax, 1
;   ^^^ support.function.i386.arithmetic
;       ^^^ variable.language.register.general.i386
    xor eax, eax
;   ^^^ support.function.i386.logic
    shld eax, ebx, cl
;   ^^^^ support.function.i386.shift
;                  ^^ variable.language.register.general.i386
    bts dword [ebx], 3
;   ^^^ support.function.i386.bit
;       ^^^^^ storage.type.size.i386
    setnz al
;   ^^^^^ support.function.i386.bit
    cmovge eax, ecx
;   ^^^^^^ support.function.i386.data
    jnz near .again
;   ^^^ keyword.control.i386
;       ^^^^ storage.type.distance.i386
;            ^^^^^^ variable.other.label.local.i386
    call far [ebx]
;   ^^^^ keyword.control.i386
;        ^^^ storage.type.distance.i386
    jmp short done
;   ^^^ keyword.control.i386
;       ^^^^^ storage.type.distance.i386
;             ^^^^ variable.other.label.i386
    iretd
;   ^^^^^ keyword.control.i386
    rep movsd
;   ^^^ storage.modifier.prefix.rep.i386
;       ^^^^^ support.function.i386.string
    repne scasb
;   ^^^^^ storage.modifier.prefix.rep.i386
;         ^^^^^ support.function.i386.string
    lock nop
;   ^^^^ storage.modifier.prefix.lock.i386
;        ^^^ support.function.i386.data
    LOCK XADD [counter], eax
;   ^^^^ storage.modifier.prefix.lock.i386
;        ^^^^ support.function.i386.sync
;              ^^^^^^^ variable.other.label.i386
    o16 push ax
;   ^^^ storage.modifier.prefix.size.i386
;       ^^^^ support.function.i386.data
    cli
;   ^^^ support.function.i386.flag
    out dx, al
;   ^^^ support.function.i386.io
;       ^^ variable.language.register.general.i386
    insd
;   ^^^^ support.function.i386.io
    daa
;   ^^^ support.function.i386.bcd
    sysenter
;   ^^^^^^^^ support.function.i386.system
    mov cr0, eax
;   ^^^ support.function.i386.data
;       ^^^ variable.language.register.control.i386
    mov dr7, ebx
;       ^^^ variable.language.register.debug.i386
    mov tr6, ecx
;       ^^^ variable.language.register.test.i386
    mov ds, ax
;       ^^ variable.language.register.segment.i386
    mov eax, cr1
;            ^^^ variable.other.label.i386 - variable.language.register.control.i386
    es lodsb
;   ^^ variable.language.register.segment.i386
;      ^^^^^ support.function.i386.string
    jmp str
;   ^^^ keyword.control.i386
;       ^^^ variable.other.label.i386 - support.function.i386.system
    str ax
;   ^^^ support.function.i386.system
    mov [eax_save], eax
;        ^^^^^^^^ variable.other.label.i386 - variable.language.register.general.i386
    mov eax, $eax
;            ^^^^ variable.other.label.i386 - variable.language.register.general.i386
