// Writes test/asm/corpus/style-*.asm: sources in the styles of public NASM code (boot
// sectors with GDTs in dq, struc tables, %macro libraries, float data, OS-dev interrupt
// stubs, demo intros, manual-style examples), varied by a seeded generator so every file is
// different. Their expected bytes come from nasm (scripts/gen-asm-expected.ts).
//
// Run: npx tsc -p tsconfig.json && node out/scripts/gen-asm-styles.js && node out/scripts/gen-asm-expected.js

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CORPUS = join(__dirname, '..', '..', 'test', 'asm', 'corpus');

let seed = 0x1234567;
function rnd(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return ((seed >>> 8) % n) >>> 0;
}
function pick<T>(xs: readonly T[]): T {
  return xs[rnd(xs.length)];
}
function hex(n: number, digits = 0): string {
  return '0x' + n.toString(16).padStart(digits, '0');
}

const REG32 = ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp'];

function gdtEntry(base: number, limit: number, access: number, flags: number): string {
  const lo = BigInt(limit & 0xffff) | (BigInt(base & 0xffffff) << 16n);
  const hi =
    BigInt(access) |
    (BigInt((limit >> 16) & 0xf) << 8n) |
    (BigInt(flags) << 12n) |
    (BigInt((base >>> 24) & 0xff) << 16n);
  return '0x' + ((hi << 40n) | lo).toString(16).padStart(16, '0');
}

function bootSector(i: number): string {
  const code = pick([0x9a, 0x9a, 0x98]);
  const data = pick([0x92, 0x92, 0x96]);
  const entries = [
    gdtEntry(0, 0, 0, 0),
    gdtEntry(0, 0xfffff, code, 0xc),
    gdtEntry(0, 0xfffff, data, 0xc),
    gdtEntry(rnd(16) << 16, 0xffff, 0x9a, 0),
  ];
  const style = rnd(3);
  const dqLines =
    style === 0
      ? entries.map((e, k) => `    dq ${e}${k === 0 ? '                ; null descriptor' : ''}`)
      : style === 1
        ? entries.map((e) => `    dd ${'0x' + e.slice(10)}, ${e.slice(0, 10)}`)
        : entries.map(
            (e) =>
              `    dw ${'0x' + e.slice(14)}, ${'0x' + e.slice(10, 14)}\n    db ${'0x' + e.slice(8, 10)}, ${'0x' + e.slice(6, 8)}, ${'0x' + e.slice(4, 6)}, ${'0x' + e.slice(2, 4)}`,
          );
  const msg = pick(['Booting...', 'Loading kernel', 'Hello from the boot sector', 'Stage 1 OK', 'No OS found']);
  return `; boot sector ${i}: real mode -> protected mode with a flat GDT
    bits 16
    org 0x7c00
start:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, ${hex(0x7c00 - rnd(8) * 0x100)}
    sti
    mov si, msg
.print:
    lodsb
    or al, al
    jz .done
    mov ah, 0x0e
    mov bx, ${hex(rnd(16))}
    int 0x10
    jmp .print
.done:
    in al, 0x92
    or al, 2
    out 0x92, al
    cli
    lgdt [gdt_desc]
    mov eax, cr0
    or eax, 1
    mov cr0, eax
    jmp CODE_SEG:pm_start

    bits 32
pm_start:
    mov ax, DATA_SEG
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ss, ax
    mov esp, ${hex(0x90000 + rnd(16) * 0x1000)}
    mov dword [0xb8000], ${hex(0x0f000f00 | (0x41 + rnd(26)) | ((0x41 + rnd(26)) << 16))}
    hlt
    jmp $

gdt_start:
${dqLines.join('\n')}
gdt_end:
gdt_desc:
    dw gdt_end - gdt_start - 1
    dd gdt_start
CODE_SEG equ 0x08
DATA_SEG equ 0x10
msg: db '${msg}', 13, 10, 0
    times 510 - ($ - $$) db 0
    dw 0xaa55
`;
}

function strucFile(i: number): string {
  const fields = ['id', 'flags', 'next', 'prev', 'size', 'base', 'limit', 'count'];
  const n = 3 + rnd(4);
  const chosen = fields.slice(rnd(3), rnd(3) + n);
  const kinds = ['resb 1', 'resw 1', 'resd 1', 'resb 16', 'resd 2', 'resq 1'];
  const decl = chosen.map((f) => `    .${f}: ${pick(kinds)}`);
  const name = pick(['task', 'node', 'entry', 'packet', 'header', 'inode']);
  const inst = chosen.slice(0, 2 + rnd(chosen.length - 1)).map((f) => `    at ${name}.${f}, db ${hex(rnd(0x100))}`);
  return `; struc table ${i} (NASM manual 5.9.1 style)
    bits 32
struc ${name}
${decl.join('\n')}
endstruc

    mov eax, [ebx + ${name}.${chosen[0]}]
    mov ecx, ${name}_size
    lea esi, [edi + ${name}.${chosen[chosen.length - 1]}]
    imul edx, ecx, ${2 + rnd(8)}
table:
${Array.from({ length: 2 + rnd(3) }, () => `istruc ${name}\n${inst.join('\n')}\niend`).join('\n')}
table_end:
    dd (table_end - table) / ${name}_size
`;
}

function macroLibrary(i: number): string {
  const regs = REG32.slice(0, 2 + rnd(4));
  const reps = 2 + rnd(6);
  return `; macro library ${i}: prologue/epilogue, register lists, repeated stubs
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
%strlen NAMELEN 'lib${i}'
%defstr VERSION ${i}.${rnd(10)}

func${i}:
    PROLOGUE ${rnd(4) * 4}
    MULTIPUSH ${regs.join(', ')}
%assign k 0
%rep ${reps}
    mov eax, [ebp + 8 + k * 4]
    add ${pick(regs)}, eax
%assign k k + 1
%endrep
    MULTIPOP ${regs.join(', ')}
    EPILOGUE
    STRING name${i}, 'lib${i}'
    db NAMELEN, VERSION
%ifdef HAVE_MULTIPUSH
    db 'multipush'
%endif
%unmacro STRING 2
%ifnmacro STRING
    db 'unmacro ok'
%endif
`;
}

function floatTable(i: number): string {
  const vals: string[] = [];
  for (let k = 0; k < 6 + rnd(8); k++) {
    const f = rnd(5);
    if (f === 0) vals.push(`${rnd(1000)}.${rnd(1000)}`);
    else if (f === 1) vals.push(`${rnd(10)}.${rnd(100000)}e${pick(['', '-', '+'])}${rnd(30)}`);
    else if (f === 2) vals.push(`0x${(1 + rnd(15)).toString(16)}.${rnd(256).toString(16)}p${rnd(20) - 10}`);
    else if (f === 3) vals.push(`${pick(['-', ''])}${rnd(100)}.0`);
    else
      vals.push(
        pick(['3.14159265358979', '2.718281828459045', '1.4142135623730951', '0.5', '1.0e-7', '6.02214076e23']),
      );
  }
  return `; float data ${i}: tables in single, double and extended precision
    bits 32
sin_table:
    dd ${vals.slice(0, 4).join(', ')}
coeffs:
    dq ${vals.join(', ')}
    dt ${vals.slice(-3).join(', ')}
half:
    dw ${vals.slice(0, 2).join(', ')}
scale: dd __float32__(${vals[1]})
    mov eax, __float32__(${vals[2]})
    mov dword [esp], __float32__(-${vals[0].replace(/^-/, '')})
    mov ebx, [coeffs + ${8 * rnd(3)}]
    mov [scale], ebx
specials:
    dd __Infinity__, -__Infinity__, __QNaN__
    dq __?SNaN?__, 0.0, -0.0
`;
}

function isrStubs(i: number): string {
  const n = 8 + rnd(24);
  const withErr = [8, 10, 11, 12, 13, 14, 17];
  const handler = pick(['fault_handler', 'isr_handler', 'interrupt_dispatch']);
  return `; interrupt stubs ${i} (OS-dev tutorial style): one stub per vector, a common handler, an IDT
    bits 32
%macro ISR_NOERR 1
isr%1:
    push byte 0
    push byte %1
    jmp isr_common
%endmacro
%macro ISR_ERR 1
isr%1:
    push byte %1
    jmp isr_common
%endmacro

%assign v 0
%rep ${n}
%if v = 8 || v = 10 || v = 11 || v = 12 || v = 13 || v = 14 || v = 17
    ISR_ERR v
%else
    ISR_NOERR v
%endif
%assign v v + 1
%endrep

isr_common:
    pusha
    push ds
    push es
    mov ax, 0x${(0x10 + rnd(2) * 8).toString(16)}
    mov ds, ax
    mov es, ax
    push esp
    call ${handler}
    add esp, 4
    pop es
    pop ds
    popa
    add esp, 8
    iret

${handler}:
    ret

idt:
%assign v 0
%rep ${n}
    dw 0, 0x08
    db 0, ${withErr.includes(0) ? '0x8f' : pick(['0x8e', '0x8e', '0x8f'])}
    dw 0
%assign v v + 1
%endrep
idt_desc:
    dw $ - idt - 1
    dd idt
`;
}

function demoIntro(i: number): string {
  const color = rnd(256);
  return `; ${pick(['256b', '128b', '64b'])} intro ${i}: mode 13h, a palette loop and a pixel effect
    bits 16
    org 0x100
    mov al, 0x13
    int 0x10
    push 0xa000
    pop es
    mov dx, 0x3c8
    xor ax, ax
    out dx, al
    inc dx
pal:
    ${pick(['mov al, ah', 'mov al, bl', 'salc'])}
    out dx, al
    out dx, al
    out dx, al
    inc ah
    jnz pal
frame:
    xor di, di
    mov cx, 320 * 200
pix:
    mov ax, di
    ${pick(['xor al, ah', 'add al, ah', 'sub al, ah', 'and al, ah'])}
    add al, bl
    ${pick(['shr al, 1', 'shl al, 2', 'ror al, 3', 'not al'])}
    stosb
    loop pix
    ${pick(['inc bx', 'add bl, 3', 'dec bx'])}
    in al, 0x60
    dec al
    jnz frame
    mov ax, 3
    int 0x10
    ${pick(['ret', 'int 0x20'])}
    db ${color}
    o16 movsd
    o32 movsw
    a32 lodsb
`;
}

function manualExample(i: number): string {
  const k = rnd(6);
  if (k === 0) {
    return `; NASM manual style ${i}: local labels and $$
    org ${hex(rnd(16) * 0x100)}
label1:
.loop:
    dec cx
    jnz .loop
label2:
.loop:
    loop .loop
    jmp label1.loop
    dw $ - $$, label2 - label1
    times ${1 + rnd(20)} db ${hex(rnd(256))}
    align ${pick([2, 4, 8, 16])}, db 0x90
    dd ${rnd(1 << 20)} * ${rnd(100)} / ${1 + rnd(9)}
`;
  }
  if (k === 1) {
    return `; NASM manual style ${i}: %define with parameters, %xdefine, %assign
    bits 32
%define param(a, b) ((a) + (b) * ${pick([1, 2, 4, 8])})
%xdefine base ${rnd(1000)}
%assign counter ${rnd(10)}
%define ctrl 0x1F &
    lea eax, [param(ebx, ecx)]
    mov byte [param(2, 3)], ctrl 'D'
    dd base, counter, param(base, counter)
%assign counter counter + 1
    dd counter
%substr ch 'abcdef' ${1 + rnd(6)}
    db ch
%strcat joined 'ab', 'cd'
    db joined
`;
  }
  if (k === 2) {
    return `; NASM manual style ${i}: 64-bit constants and expressions
    bits 32
    dq ${hex(Number(rnd(1 << 30)) * 0x1000 + rnd(0x1000))}
    dq 0x${(BigInt(rnd(1 << 30)) * 0x100000000n + BigInt(rnd(1 << 30))).toString(16)}
    dq (1 << ${40 + rnd(23)}) | ${rnd(1000)}
    dq -${rnd(1 << 30)} * ${rnd(1 << 30)}
    dq 0xffffffffffffffff / ${1 + rnd(1000)}
    mov eax, (0x${(BigInt(rnd(1 << 30)) << 32n).toString(16)} >> 32) & 0xffff
    dd (0x123456789abcdef >> ${rnd(32)}) & 0xffffffff
`;
  }
  if (k === 3) {
    return `; NASM manual style ${i}: string instructions with size overrides
    bits ${pick([16, 32])}
    rep movsb
    o16 movsd
    o32 movsw
    o16 stosd
    a16 lodsd
    a32 cmpsb
    repne scasw
    o16 outsd
    o32 insw
    salc
    int1
    icebp
`;
  }
  if (k === 4) {
    return `; NASM manual style ${i}: %if chains and %ifidn
    bits 32
%define MODE ${pick(['fast', 'small', 'debug'])}
%ifidn MODE, fast
    mov ecx, ${rnd(100)}
%elifidn MODE, small
    xor ecx, ecx
%else
    int3
%endif
%if ${rnd(3)} > 1
    nop
%elif ${rnd(3)} = 0
    hlt
%endif
%ifdef UNDEFINED_THING
    ud2
%endif
    ret
`;
  }
  return `; NASM manual style ${i}: segment register moves and far pointers
    bits 16
    mov ds, ${pick(['ax', 'dx', 'bx'])}
    mov es, [bx + ${rnd(100)}]
    jmp ${hex(rnd(0x10000))}:${hex(rnd(0x10000))}
    call far [si + ${rnd(10)}]
    lds si, [bp + ${rnd(50)}]
    push ss
    pop es
    dd ${hex(rnd(0x10000))}
`;
}

function frameFile(i: number): string {
  const model = pick(['flat', 'small', 'large']);
  const bits = model === 'flat' ? 32 : 16;
  const types = ['byte', 'word', 'dword'];
  const args = Array.from({ length: 1 + rnd(4) }, (_, k) => `arg${k}:${pick(types)}`);
  const locals = Array.from({ length: 1 + rnd(3) }, (_, k) => `var${k}:${pick(types)}`);
  const reg = bits === 32 ? 'eax' : 'ax';
  return `; stack frame ${i} (NASM manual 4.8 style): %stacksize, %arg, %local, enter/leave
    bits ${bits}
proc${i}:
%push proc${i}
%stacksize ${model}
%assign %$localsize 0
%arg ${args.join(', ')}
%local ${locals.join(', ')}
    enter %$localsize, 0
    mov ${reg}, [arg0]
    mov [var0], ${reg}
    add ${reg}, [arg${args.length - 1}]
    lea ${bits === 32 ? 'esi' : 'si'}, [var${locals.length - 1}]
    leave
    ret${model === 'large' ? 'f' : ''}
%pop
`;
}

const GENERATORS: [string, (i: number) => string, number][] = [
  ['boot', bootSector, 40],
  ['struc', strucFile, 30],
  ['macro', macroLibrary, 30],
  ['float', floatTable, 35],
  ['isr', isrStubs, 25],
  ['intro', demoIntro, 25],
  ['manual', manualExample, 40],
  ['frame', frameFile, 12],
];

let count = 0;
for (const [name, gen, n] of GENERATORS) {
  for (let i = 0; i < n; i++) {
    writeFileSync(join(CORPUS, `style-${name}-${String(i).padStart(3, '0')}.asm`), gen(i));
    count++;
  }
}
process.stdout.write(`${count} style sources written\n`);
