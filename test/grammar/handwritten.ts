// Token scopes written by hand for lines of the snapshot corpus: what each token of the line is
// in NASM's language (NASM manual chapters 3 and 4; mnemonic groups as the facts table in
// src/isa/mnemonics.ts files them), not read back from the grammar. The snapshots under
// test/grammar/snapshots are recorded from the grammar itself; these lines check the grammar and
// those recordings against an independent statement of what the tokens are.
//
// A line is named by its file and its exact text (the first line with that text); each token is
// [text, scope]: the next token of the line with that text must carry that scope. Tokens not
// listed (spaces, and for long lines the parts another line covers) are not checked.

export type TokenScope = readonly [text: string, scope: string];

export interface LineExpectation {
  file: string;
  line: string;
  tokens: readonly TokenScope[];
}

// The scopes, spelled out once here so that each expectation reads as "token is a ...".
const COMMENT = 'comment.line.semicolon.i386';
const COMMENT_START = 'punctuation.definition.comment.i386';
const LABEL = 'entity.name.function.label.i386';
const LOCAL_LABEL = 'entity.name.function.label.local.i386';
const LABEL_REF = 'variable.other.label.i386';
const LOCAL_LABEL_REF = 'variable.other.label.local.i386';
const LABEL_COLON = 'punctuation.separator.label.i386';
const CONSTANT = 'variable.other.constant.i386';
const EQU = 'keyword.control.directive.equ.i386';
const TIMES = 'keyword.control.directive.times.i386';
const DIRECTIVE = 'keyword.control.directive.i386';
const SECTION_NAME = 'entity.name.namespace.section.i386';
const STRUCT_NAME = 'entity.name.type.struct.i386';
const PREPROCESSOR = 'keyword.control.directive.preprocessor.i386';
const MACRO_NAME = 'entity.name.function.preprocessor.i386';
const MACRO_CALL = 'support.function.macro.i386';
const MACRO_PARAMETER = 'variable.parameter.macro.i386';
const MACRO_LOCAL = 'variable.parameter.macro.local.i386';
const DATA = 'storage.type.data.i386';
const SIZE = 'storage.type.size.i386';
const DISTANCE = 'storage.type.distance.i386';
const LOCK = 'storage.modifier.prefix.lock.i386';
const REP = 'storage.modifier.prefix.rep.i386';
const CONTROL = 'keyword.control.i386';
const MOVE = 'support.function.i386.data';
const ARITHMETIC = 'support.function.i386.arithmetic';
const STRING_OP = 'support.function.i386.string';
const SYSTEM = 'support.function.i386.system';
const GENERAL = 'variable.language.register.general.i386';
const SEGMENT = 'variable.language.register.segment.i386';
const CONTROL_REGISTER = 'variable.language.register.control.i386';
const FPU_REGISTER = 'variable.language.register.fpu.i386';
const HERE = 'variable.language.location.i386';
const HEX = 'constant.numeric.hex.i386';
const BINARY = 'constant.numeric.binary.i386';
const OCTAL = 'constant.numeric.octal.i386';
const DECIMAL = 'constant.numeric.decimal.i386';
const FLOAT = 'constant.numeric.float.i386';
const SINGLE = 'string.quoted.single.i386';
const DOUBLE = 'string.quoted.double.i386';
const BACKQUOTE = 'string.quoted.other.backquote.i386';
const ESCAPE = 'constant.character.escape.i386';
const CHARACTER = 'constant.character.i386';
const MEMORY = 'meta.memory.i386';
const MEMORY_OPEN = 'punctuation.definition.memory.begin.i386';
const MEMORY_CLOSE = 'punctuation.definition.memory.end.i386';
const SEGMENT_COLON = 'punctuation.separator.segment.i386';
const OPERATOR = 'keyword.operator.i386';

const FORMS = 'test/grammar/corpus/nasm-forms.asm';
const STYLE = 'test/grammar/corpus/ask-kernel-style.asm';

/** `mov eax, <number>` lines of the forms file: one per radix form NASM accepts (manual 3.4.1). */
function numberLine(text: string, scope: string, comment?: string): LineExpectation {
  const code = `        mov     eax, ${text}`;
  return {
    file: FORMS,
    line: comment ? `${code.padEnd(36)}; ${comment}` : code,
    tokens: [
      ['mov', MOVE],
      ['eax', GENERAL],
      [text, scope],
      ...(comment
        ? ([
            [';', COMMENT_START],
            [` ${comment}`, COMMENT],
          ] as const)
        : []),
    ],
  };
}

export const HANDWRITTEN: readonly LineExpectation[] = [
  // Comments, and the preprocessor.
  {
    file: FORMS,
    line: '%define COUNT 4                     ; a one-line macro',
    tokens: [
      ['%', PREPROCESSOR],
      ['define', PREPROCESSOR],
      ['COUNT', MACRO_NAME],
      ['4', DECIMAL],
      [';', COMMENT],
      [';', COMMENT_START],
      [' a one-line macro', COMMENT],
    ],
  },
  {
    file: FORMS,
    line: '%assign depth 0',
    tokens: [
      ['assign', PREPROCESSOR],
      ['depth', MACRO_NAME],
      ['0', DECIMAL],
    ],
  },
  {
    file: FORMS,
    line: '%macro dec_all 1-2 0                ; a multi-line macro with a default argument',
    tokens: [
      ['macro', PREPROCESSOR],
      ['dec_all', MACRO_NAME],
      ['1', DECIMAL],
      ['-', OPERATOR],
      ['2', DECIMAL],
      ['0', DECIMAL],
      [' a multi-line macro with a default argument', COMMENT],
    ],
  },
  {
    file: FORMS,
    line: '%%again:',
    tokens: [
      ['%%again', LOCAL_LABEL],
      ['%%again', MACRO_LOCAL],
      [':', LABEL_COLON],
    ],
  },
  {
    file: FORMS,
    line: '        dec     dword [%1 + %2]',
    tokens: [
      ['dec', ARITHMETIC],
      ['dword', SIZE],
      ['[', MEMORY_OPEN],
      ['%1', MACRO_PARAMETER],
      ['+', OPERATOR],
      ['%2', MACRO_PARAMETER],
      [']', MEMORY_CLOSE],
    ],
  },
  {
    file: FORMS,
    line: '        jnz     %%again',
    tokens: [
      ['jnz', CONTROL],
      ['%%again', MACRO_LOCAL],
    ],
  },
  {
    file: FORMS,
    line: '%endmacro',
    tokens: [
      ['%', PREPROCESSOR],
      ['endmacro', PREPROCESSOR],
    ],
  },
  { file: FORMS, line: '%ifdef COUNT', tokens: [['ifdef', PREPROCESSOR]] },
  { file: FORMS, line: '%rep COUNT', tokens: [['rep', PREPROCESSOR]] },
  { file: FORMS, line: '%endrep', tokens: [['endrep', PREPROCESSOR]] },
  {
    file: 'examples/ask-kernel.asm',
    line: '%include "abi.inc"',
    tokens: [
      ['include', PREPROCESSOR],
      ['abi.inc', DOUBLE],
    ],
  },
  {
    file: 'examples/user.inc',
    line: '%macro print 1+',
    tokens: [
      ['macro', PREPROCESSOR],
      ['print', MACRO_NAME],
      ['1', DECIMAL],
      ['+', OPERATOR],
    ],
  },
  {
    file: 'examples/user.inc',
    line: '%%text: db %1',
    tokens: [
      ['%%text', MACRO_LOCAL],
      [':', LABEL_COLON],
      ['db', DATA],
      ['%1', MACRO_PARAMETER],
    ],
  },
  {
    file: 'examples/user.inc',
    line: '    mov ecx, %%end - %%text',
    tokens: [
      ['mov', MOVE],
      ['ecx', GENERAL],
      ['%%end', MACRO_LOCAL],
      ['-', OPERATOR],
      ['%%text', MACRO_LOCAL],
    ],
  },
  // A macro used like an instruction.
  {
    file: 'examples/ask-kernel.asm',
    line: '    print "ask-kernel: KIP at "',
    tokens: [
      ['print', MACRO_CALL],
      ['"', DOUBLE],
      ['ask-kernel: KIP at ', DOUBLE],
    ],
  },
  {
    file: FORMS,
    line: '        dec_all esi',
    tokens: [
      ['dec_all', MACRO_CALL],
      ['esi', GENERAL],
    ],
  },

  // Labels, local labels, constants, directives, structures.
  {
    file: FORMS,
    line: '_start:',
    tokens: [
      ['_start', LABEL],
      [':', LABEL_COLON],
    ],
  },
  {
    file: FORMS,
    line: '.done:',
    tokens: [
      ['.done', LOCAL_LABEL],
      [':', LABEL_COLON],
    ],
  },
  { file: 'src/kernel/traps.asm', line: '.sysexit:', tokens: [['.sysexit', LOCAL_LABEL]] },
  {
    file: FORMS,
    line: '        jmp     short .done',
    tokens: [
      ['jmp', CONTROL],
      ['short', DISTANCE],
      ['.done', LOCAL_LABEL_REF],
    ],
  },
  {
    file: 'src/kernel/frame.inc',
    line: 'F_ES        equ 0',
    tokens: [
      ['F_ES', CONSTANT],
      ['equ', EQU],
      ['0', DECIMAL],
    ],
  },
  {
    file: STYLE,
    line: '.len    equ     $ - msg',
    tokens: [
      ['.len', CONSTANT],
      ['equ', EQU],
      ['$', HERE],
      ['-', OPERATOR],
      ['msg', LABEL_REF],
    ],
  },
  {
    file: FORMS,
    line: '        bits 32',
    tokens: [
      ['bits', DIRECTIVE],
      ['32', DECIMAL],
    ],
  },
  {
    file: FORMS,
    line: '        org 0x100000',
    tokens: [
      ['org', DIRECTIVE],
      ['0x100000', HEX],
    ],
  },
  {
    file: STYLE,
    line: '        section .data',
    tokens: [
      ['section', DIRECTIVE],
      ['.data', SECTION_NAME],
    ],
  },
  {
    file: STYLE,
    line: '        global  _start',
    tokens: [
      ['global', DIRECTIVE],
      ['_start', LABEL_REF],
    ],
  },
  {
    file: FORMS,
    line: 'struc point',
    tokens: [
      ['struc', DIRECTIVE],
      ['point', STRUCT_NAME],
    ],
  },
  {
    file: FORMS,
    line: '.x:     resd    1',
    tokens: [
      ['.x', LOCAL_LABEL],
      ['resd', DATA],
      ['1', DECIMAL],
    ],
  },
  { file: FORMS, line: 'endstruc', tokens: [['endstruc', DIRECTIVE]] },
  {
    file: 'src/kernel/fpu.asm',
    line: 'fpu_areas       times LIMIT_MAX_THREADS * FPU_AREA_SIZE db 0',
    tokens: [
      ['fpu_areas', LABEL],
      ['times', TIMES],
      ['LIMIT_MAX_THREADS', LABEL_REF],
      ['*', OPERATOR],
      ['FPU_AREA_SIZE', LABEL_REF],
      ['db', DATA],
      ['0', DECIMAL],
    ],
  },

  // Numbers in every radix form (NASM manual 3.4.1), and floating point (3.4.6).
  numberLine('0x1F', HEX, 'hexadecimal'),
  numberLine('0h1F', HEX),
  numberLine('1Fh', HEX),
  numberLine('$1F', HEX),
  {
    file: STYLE,
    line: 'table:  times 4 dd 0FFFF_FFFFh',
    tokens: [
      ['table', LABEL],
      ['times', TIMES],
      ['4', DECIMAL],
      ['dd', DATA],
      ['0FFFF_FFFFh', HEX],
    ],
  },
  numberLine('0b1010', BINARY, 'binary'),
  numberLine('1010b', BINARY),
  numberLine('0y1010', BINARY),
  numberLine('1010_0101y', BINARY),
  numberLine('0o17', OCTAL, 'octal'),
  numberLine('0q17', OCTAL),
  numberLine('17q', OCTAL),
  numberLine('17o', OCTAL),
  numberLine('0d99', DECIMAL, 'decimal'),
  numberLine('0t99', DECIMAL),
  numberLine('99d', DECIMAL),
  numberLine('99', DECIMAL),
  {
    file: FORMS,
    line: 'ext:    dt      3.14159',
    tokens: [
      ['ext', LABEL],
      ['dt', DATA],
      ['3.14159', FLOAT],
    ],
  },
  {
    file: FORMS,
    line: 'result: dq      1.5e3',
    tokens: [
      ['result', LABEL],
      ['dq', DATA],
      ['1.5e3', FLOAT],
    ],
  },

  // Strings: a semicolon inside any of NASM's three quotes is text, not a comment.
  {
    file: FORMS,
    line: 'semi:   db      \'a;b\', 0, "c;d", `e;f\\n`',
    tokens: [
      ['semi', LABEL],
      ['db', DATA],
      ["'", SINGLE],
      ['a;b', SINGLE],
      ["'", SINGLE],
      ['0', DECIMAL],
      ['c;d', DOUBLE],
      ['e;f', BACKQUOTE],
      ['\\n', ESCAPE],
      ['`', BACKQUOTE],
    ],
  },
  {
    file: 'src/kernel/boot.asm',
    line: 'msg_advertised    db "; advertised ", 0',
    tokens: [
      ['msg_advertised', LABEL],
      ['db', DATA],
      ['; advertised ', DOUBLE],
      ['0', DECIMAL],
    ],
  },

  // Instructions: mnemonics by group (x87 among them), registers by class, prefixes, sizes,
  // effective addresses with a segment, a scale and a displacement.
  {
    file: FORMS,
    line: "        mov     byte [es:edi + ecx*4 + 8], 'a'",
    tokens: [
      ['mov', MOVE],
      ['byte', SIZE],
      ['[', MEMORY_OPEN],
      ['es', SEGMENT],
      ['es', MEMORY],
      [':', SEGMENT_COLON],
      ['edi', GENERAL],
      ['+', OPERATOR],
      ['ecx', GENERAL],
      ['*', OPERATOR],
      ['4', DECIMAL],
      ['8', DECIMAL],
      [']', MEMORY_CLOSE],
      ['a', CHARACTER],
    ],
  },
  {
    file: FORMS,
    line: '        movzx   eax, word [ebx + point.y]',
    tokens: [
      ['movzx', MOVE],
      ['eax', GENERAL],
      ['word', SIZE],
      ['ebx', GENERAL],
      ['point.y', LABEL_REF],
    ],
  },
  {
    file: 'src/kernel/traps.asm',
    line: '    mov ecx, [esp + F_USER_ESP - F_EIP]',
    tokens: [
      ['ecx', GENERAL],
      ['[', MEMORY_OPEN],
      ['esp', GENERAL],
      ['F_USER_ESP', LABEL_REF],
      ['-', OPERATOR],
      ['F_EIP', LABEL_REF],
      [']', MEMORY_CLOSE],
    ],
  },
  {
    file: 'src/kernel/traps.asm',
    line: '    push ds',
    tokens: [
      ['push', MOVE],
      ['ds', SEGMENT],
    ],
  },
  { file: 'src/kernel/traps.asm', line: '    iretd', tokens: [['iretd', CONTROL]] },
  { file: 'src/kernel/traps.asm', line: '    sysexit', tokens: [['sysexit', SYSTEM]] },
  {
    file: FORMS,
    line: '        fld     tword [ext]',
    tokens: [
      ['fld', MOVE],
      ['tword', SIZE],
      ['ext', LABEL_REF],
    ],
  },
  { file: FORMS, line: '        fld1', tokens: [['fld1', MOVE]] },
  {
    file: FORMS,
    line: '        fmulp   st1, st0',
    tokens: [
      ['fmulp', ARITHMETIC],
      ['st1', FPU_REGISTER],
      ['st0', FPU_REGISTER],
    ],
  },
  {
    file: FORMS,
    line: '        fstp    qword [result]',
    tokens: [
      ['fstp', MOVE],
      ['qword', SIZE],
      ['result', LABEL_REF],
    ],
  },
  {
    file: 'src/kernel/fpu.asm',
    line: '    fnstsw [fpu_probe]',
    tokens: [
      ['fnstsw', SYSTEM],
      ['fpu_probe', LABEL_REF],
    ],
  },
  {
    file: FORMS,
    line: '        mov     eax, cr0',
    tokens: [
      ['eax', GENERAL],
      ['cr0', CONTROL_REGISTER],
    ],
  },
  {
    file: FORMS,
    line: '        lock inc dword [counter]',
    tokens: [
      ['lock', LOCK],
      ['inc', ARITHMETIC],
      ['dword', SIZE],
      ['counter', LABEL_REF],
    ],
  },
  {
    file: FORMS,
    line: '        rep movsd',
    tokens: [
      ['rep', REP],
      ['movsd', STRING_OP],
    ],
  },
  {
    file: FORMS,
    line: '        jmp     far [farptr]',
    tokens: [
      ['jmp', CONTROL],
      ['far', DISTANCE],
      ['farptr', LABEL_REF],
    ],
  },
  {
    file: STYLE,
    line: '        lock nop                    ; F0 90: #UD, the kernel answers in EAX..ESI',
    tokens: [
      ['lock', LOCK],
      ['nop', MOVE],
      [';', COMMENT_START],
      [' F0 90: #UD, the kernel answers in EAX..ESI', COMMENT],
    ],
  },
];

/**
 * What the hand-written lines must cover between them: every kind of token the grammar tells
 * apart that the brief for these expectations names, and every radix form of a number.
 */
export const REQUIRED_SCOPES: readonly string[] = [
  COMMENT,
  LABEL,
  LOCAL_LABEL,
  LABEL_REF,
  LOCAL_LABEL_REF,
  CONSTANT,
  DIRECTIVE,
  SECTION_NAME,
  STRUCT_NAME,
  TIMES,
  PREPROCESSOR,
  MACRO_NAME,
  MACRO_CALL,
  MACRO_PARAMETER,
  MACRO_LOCAL,
  DATA,
  SIZE,
  DISTANCE,
  LOCK,
  REP,
  CONTROL,
  MOVE,
  ARITHMETIC,
  STRING_OP,
  SYSTEM,
  GENERAL,
  SEGMENT,
  CONTROL_REGISTER,
  FPU_REGISTER,
  HEX,
  BINARY,
  OCTAL,
  DECIMAL,
  FLOAT,
  SINGLE,
  DOUBLE,
  BACKQUOTE,
  ESCAPE,
  MEMORY_OPEN,
  MEMORY_CLOSE,
  SEGMENT_COLON,
];

/** NASM's spellings of numbers (manual 3.4.1): each must be among the hand-written tokens. */
export const RADIX_FORMS: readonly string[] = [
  '0x1F',
  '0h1F',
  '1Fh',
  '$1F',
  '0b1010',
  '1010b',
  '0y1010',
  '1010_0101y',
  '0o17',
  '0q17',
  '17q',
  '17o',
  '0d99',
  '0t99',
  '99d',
  '99',
  '3.14159',
  '1.5e3',
];
