// The instruction encoder: matches parsed operands against the rows of THE instruction
// table (src/isa/instructions.ts) and produces bytes (SDM Vol.2 chapter 2,
// "Instruction Format"). No opcode or operand form is written here; what is NASM-specific is
// only the choice among several encodings of the same instruction:
// - the shortest encoding wins; on a tie the table's order decides (so `mov eax, ebx` is
//   89 D8, the r/m-destination row first, as NASM does);
// - relocatable values never use the sign-extended imm8 forms nor 8-bit displacements;
// - a forward reference not yet known is assumed to fit (NASM is optimistic in pass 1);
// - XCHG and TEST accept their operands in either order; NASM puts the first register of an
//   XCHG reg,reg in ModRM.reg.

import { INSTRUCTIONS } from '../isa/instructions';
import { OPERAND_SIZED_WORD_DESTINATION, type InstructionForm, type OperandKind } from '../isa/isa';
import { ABSOLUTE, Expr, Value } from './expr';
import type { Token } from './lexer';
import type { Operand, Prefix } from './parse';
import { ADDRESS_SIZE_PREFIX, OPERAND_SIZE_PREFIX, segmentPrefix } from './registers';
import { encodeAddress, pushInt, pushValue } from './encodeBytes';

export { pushInt, pushValueBytes } from './encodeBytes';

/** A value to patch into the output once addresses are final (ELF relocations). */
export interface Fixup {
  /** Offset of the field within the instruction bytes. */
  offset: number;
  size: 1 | 2 | 4;
  value: Value;
  /** PC-relative field: the stored value is target - (end of instruction). */
  pcrel: boolean;
}

export interface Encoding {
  bytes: number[];
  fixups: Fixup[];
}

export interface EncodeContext {
  bits: 16 | 32;
  /** Evaluate an expression in the current pass. */
  value(e: Expr): Value;
  /** Section index of the statement and its address (absolute in bin output). */
  section: number;
  address: number;
  /** ELF output: values in other sections become relocations instead of numbers. */
  relocatable: boolean;
  warn(tok: Token, message: string): void;
}

export interface EncodeError {
  tok: Token;
  message: string;
}

interface RowRef {
  row: InstructionForm;
  /** Matched through an alias meaning "the current operand size" (pusha, iret, pushf ...). */
  sizeAlias: boolean;
}

/** The WAIT instruction's opcode, from the table (the `wait` row). */
const WAIT_OPCODE = INSTRUCTIONS.find((r) => r.mnemonic === 'wait')!.opcode[0];

const BY_MNEMONIC = new Map<string, RowRef[]>();
for (const row of INSTRUCTIONS) {
  if (row.decodeOnly) continue;
  const add = (name: string, sizeAlias: boolean) => {
    let list = BY_MNEMONIC.get(name);
    if (!list) BY_MNEMONIC.set(name, (list = []));
    list.push({ row, sizeAlias });
  };
  add(row.mnemonic, false);
  for (const alias of row.aliases ?? [])
    add(alias, row.osize !== undefined && !alias.endsWith(row.osize === 16 ? 'w' : 'd'));
}

/** Mnemonics whose operation is symmetric in its two operands (NASM accepts both orders). */
const SYMMETRIC: Record<string, 'asWritten' | 'swapped'> = { xchg: 'swapped', test: 'asWritten' };

/** MOVZX/MOVSX: the source is narrower than the destination (SDM Vol.2: r16,r/m8; r32,r/m8; r32,r/m16). */
const WIDENING = new Set(['movzx', 'movsx']);

/** NASM writes `xchg r1, r2` with r1 in ModRM.reg: the formatter must list reg first. */
export function firstOperandInModrmReg(mnemonic: string): boolean {
  return SYMMETRIC[mnemonic] === 'swapped';
}

/** Branch mnemonics: their r/m form defaults to the current size without a size keyword. */
const BRANCHES = new Set<string>();
for (const row of INSTRUCTIONS) if (row.operands.includes('Jv')) BRANCHES.add(row.mnemonic);

/** The mnemonic has a relative-branch form: its encoding depends on its own address. */
export function isRelativeBranch(mnemonic: string): boolean {
  return RELATIVE.has(mnemonic);
}

const RELATIVE = new Set<string>();
for (const [name, list] of BY_MNEMONIC)
  if (list.some((r) => r.row.operands.includes('Jb') || r.row.operands.includes('Jv'))) RELATIVE.add(name);

export function isMnemonic(name: string): boolean {
  return BY_MNEMONIC.has(name) || name === 'int1';
}

interface Match {
  enc: Encoding;
  /** Implied size of an unsized memory operand, 0 if none, -1 if it could not be decided. */
  memSize: number;
  order: number;
  /** Uses a sign-extended imm8 form: NASM lists these first, so they win ties. */
  sbyte: boolean;
}

interface Attempt {
  row: InstructionForm;
  sizeAlias: boolean;
  ops: Operand[];
  prefixes: Prefix[];
}

type Failure = { message: string | (() => string); tok: Token | undefined; rank: number };

export function encodeInstruction(
  mnemonic: string,
  mnemonicTok: Token,
  operandsIn: Operand[],
  prefixes: Prefix[],
  ctx: EncodeContext,
): Encoding | EncodeError {
  let operands = operandsIn;
  const rows = BY_MNEMONIC.get(mnemonic);
  if (!rows) return { tok: mnemonicTok, message: `unknown instruction '${mnemonicTok.text}'` };
  // SDM Vol.2 IMUL: "IMUL r32, imm32" is IMUL r32, r/m32, imm32 with the register repeated.
  if (mnemonic === 'imul' && operands.length === 2 && operands[0].kind === 'reg' && operands[1].kind === 'imm') {
    operands = [operands[0], operands[0], operands[1]];
  }
  // SDM Vol.2 AAM/AAD: without an operand the base is 10 (D4 0A, D5 0A).
  if ((mnemonic === 'aam' || mnemonic === 'aad') && operands.length === 0) {
    operands = [
      {
        kind: 'imm',
        tok: mnemonicTok,
        end: mnemonicTok.end,
        expr: { k: 'num', v: 10 },
        size: 0,
        strict: false,
        jump: undefined,
      },
    ];
  }
  const orders: Operand[][] = [operands];
  const symmetric = SYMMETRIC[mnemonic];
  if (symmetric && operands.length === 2) {
    if (symmetric === 'swapped') orders.unshift([operands[1], operands[0]]);
    else orders.push([operands[1], operands[0]]);
  }
  let best: Match | undefined;
  let failure: Failure | undefined;
  const matches: Match[] = [];
  let order = 0;
  // Rows whose operand classes cannot match are skipped cheaply; they are only tried (for
  // their error messages) when no row matches at all.
  const attempts: Attempt[] = [];
  for (const ops of orders)
    for (const ref of rows)
      if (plausible(ref.row, ops)) attempts.push({ row: ref.row, sizeAlias: ref.sizeAlias, ops, prefixes });
  if (attempts.length === 0)
    for (const ops of orders)
      for (const ref of rows) attempts.push({ row: ref.row, sizeAlias: ref.sizeAlias, ops, prefixes });
  for (const attempt of attempts) {
    const r = encodeRow(attempt, ctx);
    order++;
    if ('message' in r) {
      if (!failure || r.rank > failure.rank) failure = r;
      continue;
    }
    const sbyte = rowInfo(attempt.row).sbyte;
    const m: Match = { enc: r.enc, memSize: r.memSize, order, sbyte };
    matches.push(m);
    if (
      !best ||
      m.enc.bytes.length < best.enc.bytes.length ||
      (m.enc.bytes.length === best.enc.bytes.length && sbyte && !best.sbyte)
    )
      best = m;
  }
  if (!best) {
    return {
      tok: failure?.tok ?? mnemonicTok,
      message: failure
        ? typeof failure.message === 'string'
          ? failure.message
          : failure.message()
        : `invalid combination of operands for '${mnemonicTok.text}'`,
    };
  }
  let impliedSize = 0;
  let ambiguous = false;
  for (const m of matches) {
    if (m.memSize === 0) continue;
    if (m.memSize === -1 || (impliedSize !== 0 && impliedSize !== m.memSize)) ambiguous = true;
    impliedSize = m.memSize;
  }
  if (ambiguous) {
    const mem = operands.find((o) => o.kind === 'mem');
    return {
      tok: mem ? mem.tok : mnemonicTok,
      message: `operation size not specified for '${mnemonicTok.text}': write byte, word or dword before the memory operand`,
    };
  }
  return best.enc;
}

/** Operand class test without sizes: register, memory, immediate or far pointer. */
function plausible(row: InstructionForm, ops: Operand[]): boolean {
  const kinds = row.implicit ? EMPTY_KINDS : row.operands;
  if (kinds.length !== ops.length) return false;
  for (let i = 0; i < kinds.length; i++) {
    const c = kinds[i][0];
    const op = ops[i].kind;
    if (kinds[i] === 'ONE') {
      if (op !== 'imm') return false;
    } else if (c === 'E') {
      if (op !== 'reg' && op !== 'mem') return false;
    } else if (c === 'M' || c === 'O' || c === 'X' || c === 'Y') {
      if (op !== 'mem') return false;
    } else if (c === 'I' || c === 'J') {
      if (op !== 'imm') return false;
    } else if (kinds[i] === 'Ap') {
      if (op !== 'farptr') return false;
    } else if (op !== 'reg') return false;
  }
  return true;
}

const EMPTY_KINDS: readonly OperandKind[] = [];

function isVKind(k: OperandKind): boolean {
  return (
    k === 'Ev' ||
    k === 'Gv' ||
    k === 'Iv' ||
    k === 'IbS' ||
    k === 'Jv' ||
    k === 'Ap' ||
    k === 'Ov' ||
    k === 'Zv' ||
    k === 'eAX' ||
    k === 'Mp' ||
    k === 'Xv' ||
    k === 'Yv'
  );
}

interface RowEncoding {
  enc: Encoding;
  memSize: number;
}

/** Messages are built only when the failure is reported (most rows fail silently). */
function fail(message: string | (() => string), tok: Token | undefined, rank: number): Failure {
  return { message, tok, rank };
}

function sizeName(size: number): string {
  return size === 8 ? 'byte' : size === 16 ? 'word' : size === 32 ? 'dword' : size === 64 ? 'qword' : `${size}-bit`;
}

/** Signed-byte test after truncation to the operand size (NASM: add ax, 0xFF80 uses 83 /0). */
function fitsSignedByte(n: number, osize: number): boolean {
  const t = osize === 16 ? ((n & 0xffff) << 16) >> 16 : n | 0;
  return t >= -128 && t <= 127;
}

function encodeRow(a: Attempt, ctx: EncodeContext): RowEncoding | Failure {
  const { row, ops } = a;
  const kinds: readonly OperandKind[] = row.implicit ? [] : row.operands;
  if (kinds.length !== ops.length) {
    return fail(
      () => `'${row.mnemonic}' takes ${kinds.length} operand${kinds.length === 1 ? '' : 's'}, found ${ops.length}`,
      ops[kinds.length] ? ops[kinds.length].tok : undefined,
      0,
    );
  }
  let forcedOsize: 16 | 32 | 0 = 0;
  let forcedAsize: 16 | 32 | 0 = 0;
  for (const { word } of a.prefixes) {
    if (word.kind === 'operandSize') forcedOsize = word.size;
    else if (word.kind === 'addressSize') forcedAsize = word.size;
  }
  let vsize = 0;
  let vTok: Token | undefined;
  let memSize = 0;
  let ambiguous = false;
  const info = rowInfo(row);
  const usesV = info.usesV;
  const setV = (size: number, tok: Token): string | undefined => {
    if (size !== 16 && size !== 32)
      return `'${tok.text}' is ${sizeName(size)}-sized; expected a word or dword operand here`;
    if (vsize !== 0 && vsize !== size)
      return `operand sizes do not match: '${vTok!.text}' is ${sizeName(vsize)}, '${tok.text}' is ${sizeName(size)}`;
    vsize = size;
    vTok = tok;
    return undefined;
  };
  // 1. Operand classes and sizes.
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i];
    const op = ops[i];
    const rank = 1 + i;
    const mismatch = (what: string) =>
      fail(
        () =>
          `operand ${i + 1} of '${row.mnemonic}' must be ${what}, found '${op.kind === 'reg' ? op.reg.name : op.tok.text}'`,
        op.tok,
        rank,
      );
    switch (k) {
      case 'Eb':
      case 'Ew':
      case 'Ed':
      case 'Ev': {
        const fixed = k === 'Eb' ? 8 : k === 'Ew' ? 16 : k === 'Ed' ? 32 : 0;
        if (op.kind === 'reg') {
          const cls = op.reg.cls;
          if (cls !== 'r8' && cls !== 'r16' && cls !== 'r32') return mismatch('a general register or memory');
          const size = op.reg.bits;
          if (k === 'Ev') {
            const e = setV(size, op.tok);
            if (e) return fail(e!, op.tok, rank);
          } else if (k === 'Ew' && size === 32 && cls === 'r32') {
            if (i === 0 && OPERAND_SIZED_WORD_DESTINATION.has(row.exec)) {
              const e = setV(32, op.tok);
              if (e) return fail(e!, op.tok, rank);
            } else if (!(i === 1 && (kinds[0] === 'Sw' || kinds[0] === 'Gv')) || WIDENING.has(row.exec))
              return mismatch('a word register or memory');
          } else if (size !== fixed) return mismatch(`a ${sizeName(fixed)} register or memory`);
          else if (WIDENING.has(row.exec) && fixed >= vsize) return mismatch(`narrower than the destination`);
          else if (k === 'Ew' && i === 0 && OPERAND_SIZED_WORD_DESTINATION.has(row.exec)) {
            const e = setV(16, op.tok);
            if (e) return fail(e!, op.tok, rank);
          }
        } else if (op.kind === 'mem') {
          if (op.far) return mismatch('a near memory operand');
          if (k === 'Ev') {
            if (op.size) {
              const e = setV(op.size, op.tok);
              if (e) return fail(e!, op.tok, rank);
            } else if (BRANCHES.has(row.mnemonic)) memSize = 0;
            else ambiguous = true;
          } else if (WIDENING.has(row.exec) && fixed >= vsize) return mismatch('narrower than the destination');
          else if (op.size && op.size !== fixed)
            return fail(
              () =>
                `operand ${i + 1} of '${row.mnemonic}' must be ${sizeName(fixed)}-sized, found ${sizeName(op.size)}`,
              op.tok,
              rank,
            );
          else if (!op.size) memSize = fixed;
        } else return mismatch('a register or memory');
        break;
      }
      case 'Gb':
      case 'Gw':
      case 'Gd':
      case 'Gv':
      case 'Zb':
      case 'Zv': {
        if (op.kind !== 'reg') return mismatch('a register');
        const cls = op.reg.cls;
        if (k === 'Gb' || k === 'Zb') {
          if (cls !== 'r8') return mismatch('a byte register');
        } else if (k === 'Gw') {
          if (cls !== 'r16') return mismatch('a word register');
        } else if (k === 'Gd') {
          if (cls !== 'r32') return mismatch('a dword register');
        } else {
          if (cls !== 'r16' && cls !== 'r32') return mismatch('a word or dword register');
          if (row.exec === 'bswap' && cls !== 'r32') return mismatch('a dword register');
          const e = setV(op.reg.bits, op.tok);
          if (e) return fail(e!, op.tok, rank);
        }
        break;
      }
      case 'Rd':
        if (op.kind !== 'reg' || op.reg.cls !== 'r32') return mismatch('a dword general register');
        break;
      case 'Sw':
        if (op.kind !== 'reg' || op.reg.cls !== 'seg') return mismatch('a segment register');
        break;
      case 'Cd':
        if (op.kind !== 'reg' || op.reg.cls !== 'cr') return mismatch('a control register');
        break;
      case 'Dd':
        if (op.kind !== 'reg' || op.reg.cls !== 'dr') return mismatch('a debug register');
        break;
      case 'Td':
        if (op.kind !== 'reg' || op.reg.cls !== 'tr') return mismatch('a test register');
        break;
      case 'AL':
      case 'CL':
      case 'DX':
      case 'AX':
        if (op.kind !== 'reg' || op.reg.name !== k.toLowerCase()) return mismatch(k.toLowerCase());
        break;
      case 'eAX':
        if (op.kind !== 'reg' || (op.reg.name !== 'ax' && op.reg.name !== 'eax')) return mismatch('ax or eax');
        {
          const e = setV(op.reg.bits, op.tok);
          if (e) return fail(e!, op.tok, rank);
        }
        break;
      case 'ES':
      case 'CS':
      case 'SS':
      case 'DS':
      case 'FS':
      case 'GS':
        if (op.kind !== 'reg' || op.reg.name !== k.toLowerCase()) return mismatch(k.toLowerCase());
        break;
      case 'M':
      case 'Mw':
      case 'Md':
      case 'Mq':
      case 'Ma':
      case 'Ms':
      case 'Mp':
      case 'Mt':
      case 'Me':
      case 'Mf':
      case 'Mx': {
        if (op.kind !== 'mem') return mismatch('a memory operand');
        if (k === 'Mp') {
          if (BRANCHES.has(row.mnemonic)) {
            if (!op.far) return mismatch("'far' memory");
            if (op.size) {
              const e = setV(op.size, op.tok);
              if (e) return fail(e!, op.tok, rank);
            }
          } else if (op.far || op.size)
            return fail(() => `operand ${i + 1} of '${row.mnemonic}' takes no size or 'far' keyword`, op.tok, rank);
        } else if (op.far) return mismatch('a near memory operand');
        else if (k === 'Mw' && op.size && op.size !== 16) return mismatch('word memory');
        else if (k === 'Md' && op.size && op.size !== 32) return mismatch('dword memory');
        else if (k === 'Mq' && op.size && op.size !== 64) return mismatch('qword memory');
        else if (k === 'Mt' && op.size && op.size !== 80) return mismatch('tword memory');
        else if ((k === 'Ms' || k === 'Ma' || k === 'Me' || k === 'Mf' || k === 'Mx') && op.size)
          return fail(() => `operand ${i + 1} of '${row.mnemonic}' takes no size keyword`, op.tok, rank);
        break;
      }
      case 'Pq':
      case 'Nq':
        if (op.kind !== 'reg' || op.reg.cls !== 'mm') return mismatch('an MMX register mm0-mm7');
        break;
      case 'Qq':
      case 'Qd':
        // NASM's templates size the low-half unpacks' memory operand as a qword too (mmxrm64).
        if (op.kind === 'reg' && op.reg.cls === 'mm') break;
        if (op.kind !== 'mem' || op.far) return mismatch('an MMX register or memory');
        if (op.size && op.size !== 64) return mismatch('qword memory');
        break;
      case 'ST0':
        if (op.kind !== 'reg' || op.reg.cls !== 'st' || op.reg.num !== 0) return mismatch('st0');
        break;
      case 'STi':
        if (op.kind !== 'reg' || op.reg.cls !== 'st') return mismatch('an x87 register st0-st7');
        break;
      case 'Ob':
      case 'Ov':
        if (op.kind !== 'mem' || op.regs.length > 0 || op.far) return mismatch('a memory offset');
        if (k === 'Ob' && op.size && op.size !== 8) return mismatch('byte memory');
        if (k === 'Ov' && op.size) {
          const e = setV(op.size, op.tok);
          if (e) return fail(e!, op.tok, rank);
        }
        break;
      case 'Ib':
      case 'Iw':
      case 'Iv':
      case 'IbS':
      case 'ONE':
        if (op.kind !== 'imm' || op.jump) return mismatch('an immediate value');
        // NASM's templates for ENTER and SHLD/SHRD take unsized immediates only.
        if (op.size && kinds.filter((x) => x[0] === 'I').length + (kinds.length === 3 && k === 'Ib' ? 1 : 0) > 1) {
          return mismatch('an immediate without a size keyword');
        }
        if (k === 'Ib' && op.size && op.size !== 8) return mismatch('a byte immediate');
        if (k === 'Iw' && op.size && op.size !== 16) return mismatch('a word immediate');
        if (k === 'ONE' && op.size) return mismatch('the constant 1');
        if ((k === 'Iv' || k === 'IbS') && op.size && op.size !== 8) {
          const e = setV(op.size, op.tok);
          if (e) return fail(e!, op.tok, rank);
        }
        if (k === 'IbS' && op.size === 8 && op.strict) break;
        if (k === 'IbS' && op.strict && op.size) return mismatch('a byte immediate');
        if (k === 'Iv' && op.size === 8) return mismatch('a word or dword immediate');
        break;
      case 'Jb':
      case 'Jv':
        if (op.kind !== 'imm') return mismatch('a jump target');
        if (op.jump === 'far') return mismatch('a near jump target');
        if (k === 'Jb' && (op.jump === 'near' || op.size)) return mismatch('a short jump target');
        if (k === 'Jv' && op.jump === 'short') return mismatch('a near jump target');
        if (op.size && row.condition !== undefined) return mismatch('a jump target without a size keyword');
        if (op.jump === 'short' && !hasNearForm(row.mnemonic))
          return mismatch("a target without 'short' (the only form is short)");
        if (k === 'Jv' && op.size) {
          const e = setV(op.size, op.tok);
          if (e) return fail(e!, op.tok, rank);
        }
        break;
      case 'Ap':
        if (op.kind !== 'farptr') return mismatch('a far pointer seg:offset');
        if (op.size) {
          const e = setV(op.size, op.tok);
          if (e) return fail(e!, op.tok, rank);
        }
        break;
      default:
        return mismatch(k);
    }
  }
  // 2. Operand size: the row's fixed size, or the v size, or a prefix, or the current mode.
  let osize: number;
  if (row.osize !== undefined) {
    osize = row.osize;
    if (a.sizeAlias && osize !== (forcedOsize || ctx.bits)) return fail('size alias', undefined, -1);
    if (!a.sizeAlias && forcedOsize && forcedOsize !== osize && ops.length === 0) {
      // `o16 movsd`, `o16 cwde`: NASM lets the explicit prefix decide the operand size and
      // warns that the mnemonic says otherwise.
      const prefix = a.prefixes.find((p) => p.word.kind === 'operandSize')!;
      ctx.warn(prefix.tok, `invalid operand size prefix, must be o${osize}`);
      osize = forcedOsize;
    }
  } else if (usesV || vsize !== 0) {
    if (forcedOsize) {
      if (vsize && vsize !== forcedOsize)
        return fail(() => `'o${forcedOsize}' contradicts the ${sizeName(vsize)} operand`, vTok, 5);
      vsize = forcedOsize;
    }
    if (!vsize) {
      if (ambiguous) memSize = -1;
      vsize = ctx.bits;
    }
    osize = vsize;
  } else {
    osize = forcedOsize || ctx.bits;
  }
  if (ambiguous && memSize !== -1 && !vsize) memSize = -1;
  // 3. Address size.
  const mem = ops.find((o) => o.kind === 'mem') as Extract<Operand, { kind: 'mem' }> | undefined;
  let asize: number = row.asize ?? (forcedAsize || ctx.bits);
  if (mem) {
    const regSize = mem.regs.length > 0 ? (mem.regs[0].reg.cls === 'r16' ? 16 : 32) : 0;
    if (mem.regs.some((r) => (r.reg.cls === 'r16' ? 16 : 32) !== regSize)) {
      return fail('16-bit and 32-bit registers cannot be mixed in one address', mem.tok, 9);
    }
    if (regSize) asize = regSize;
    else if (mem.dispSize === 16 || mem.dispSize === 32) asize = mem.dispSize;
    if (forcedAsize && regSize && forcedAsize !== regSize) {
      return fail(() => `'a${forcedAsize}' contradicts the ${regSize}-bit registers of the address`, mem.tok, 9);
    }
  }
  // 4. Bytes: prefixes, opcode, ModRM/SIB/displacement, immediates.
  const bytes: number[] = [];
  const fixups: Fixup[] = [];
  // NASM's waiting x87 forms: a WAIT instruction before every prefix of the no-wait form.
  if (row.waitPrefix) bytes.push(WAIT_OPCODE);
  // NASM's order: lock/rep, then segment overrides, then 66, then 67.
  for (const { word } of a.prefixes) if (word.kind === 'lock' || word.kind === 'rep') bytes.push(word.byte);
  for (const { word } of a.prefixes) if (word.kind === 'segment') bytes.push(word.byte);
  if (mem && mem.segment) bytes.push(segmentPrefix(mem.segment));
  const emitOsize =
    (usesV || vsize !== 0 || row.osize !== undefined || forcedOsize !== 0) &&
    osize !== ctx.bits &&
    !info.segmentPushPop;
  if (emitOsize || (info.segmentPushPop && forcedOsize && forcedOsize !== ctx.bits)) bytes.push(OPERAND_SIZE_PREFIX);
  if (asize !== ctx.bits) bytes.push(ADDRESS_SIZE_PREFIX);
  const opcode = row.opcode;
  const zIndex = info.opcodeRegisterOperand;
  for (let i = 0; i < opcode.length; i++) {
    let b = opcode[i];
    if (i === opcode.length - 1 && zIndex >= 0) b += (ops[zIndex] as Extract<Operand, { kind: 'reg' }>).reg.num;
    bytes.push(b);
  }
  if (row.modrmByte !== undefined) {
    // x87 forms whose whole ModRM byte is opcode (D9 E0 FCHS, DF E0 FNSTSW AX ...).
    bytes.push(row.modrmByte);
  } else if (info.modrm) {
    let reg = row.ext ?? 0;
    let rmOp: Operand | undefined;
    for (let i = 0; i < kinds.length; i++) {
      const k = kinds[i];
      if (MODRM_REG_KINDS.has(k)) reg = (ops[i] as Extract<Operand, { kind: 'reg' }>).reg.num;
      else if (MODRM_RM_KINDS.has(k)) rmOp = ops[i];
    }
    if (!rmOp) return fail(() => `row ${row.mnemonic} has a ModRM byte without an r/m operand`, undefined, 0);
    if (rmOp.kind === 'reg') bytes.push(0xc0 | (reg << 3) | rmOp.reg.num);
    else if (rmOp.kind === 'mem') {
      const r = encodeAddress(rmOp, reg, asize, ctx, bytes, fixups);
      if (r) return fail(r, rmOp.tok, 9);
    }
  }
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i];
    const op = ops[i];
    if ((k === 'Ob' || k === 'Ov') && op.kind === 'mem') {
      const v = op.disp ? ctx.value(op.disp) : { n: 0, rel: ABSOLUTE, unknown: false };
      pushValue(bytes, fixups, v, asize === 16 ? 2 : 4, false);
    } else if (op.kind === 'imm' && (k === 'Ib' || k === 'Iw' || k === 'Iv' || k === 'IbS')) {
      const v = ctx.value(op.expr);
      if (k === 'IbS') {
        if (v.rel !== ABSOLUTE) return fail('a relocatable value needs the full-size immediate', op.tok, -1);
        if (!v.unknown && !fitsSignedByte(v.n, osize)) {
          // `push byte 200`: NASM keeps the byte form the keyword asked for, truncated, and warns.
          if (op.size !== 8) return fail('value does not fit a signed byte', op.tok, -1);
          ctx.warn(op.tok, 'signed byte value exceeds bounds');
        }
        bytes.push(v.n & 0xff);
        continue;
      }
      const size = k === 'Ib' ? 1 : k === 'Iw' ? 2 : osize === 16 ? 2 : 4;
      checkRange(v, size, op.tok, ctx);
      pushValue(bytes, fixups, v, size, false);
    } else if (k === 'ONE' && op.kind === 'imm') {
      const v = ctx.value(op.expr);
      if (v.rel !== ABSOLUTE || v.unknown || v.n !== 1) return fail('not the constant 1', op.tok, -1);
    } else if ((k === 'Jb' || k === 'Jv') && op.kind === 'imm') {
      const v = ctx.value(op.expr);
      const size = k === 'Jb' ? 1 : osize === 16 ? 2 : 4;
      const end = bytes.length + size;
      if (v.rel === ABSOLUTE && ctx.relocatable && !v.unknown) {
        return fail(
          () =>
            `a relative jump to the absolute address ${v.n} needs a relocation this elf32 writer does not emit; jump through a register or a label`,
          op.tok,
          8,
        );
      }
      if (v.rel === ctx.section || v.rel === ABSOLUTE) {
        const target = v.n;
        const delta = target - (ctx.address + end);
        // Listing only: NASM shows a branch to a constant address as (target).
        if (v.rel === ABSOLUTE && !ctx.relocatable) fixups.push({ offset: bytes.length, size, value: v, pcrel: true });
        if (k === 'Jb') {
          // A constant target: NASM never shortens the branch to it, but takes `short` (and
          // branches with no near form) as written.
          const sameSection = v.rel === ctx.section || op.jump === 'short' || !hasNearForm(row.mnemonic);
          if (!v.unknown && (!sameSection || delta < -128 || delta > 127)) {
            return fail(
              () => `short jump is out of range: the target is ${delta} bytes away (-128..127)`,
              op.tok,
              op.jump === 'short' || !hasNearForm(row.mnemonic) ? 8 : -1,
            );
          }
          bytes.push(delta & 0xff);
        } else {
          pushInt(bytes, delta, size);
        }
      } else {
        if (k === 'Jb') return fail('a short jump cannot reach another section', op.tok, op.jump === 'short' ? 8 : -1);
        if (!ctx.relocatable) {
          // Resolved here; the fixup only lets the listing show the target as NASM does: (offset).
          fixups.push({ offset: bytes.length, size: size as 2 | 4, value: v, pcrel: true });
          pushInt(bytes, v.n - (ctx.address + end), size);
          continue;
        }
        fixups.push({
          offset: bytes.length,
          size: size as 2 | 4,
          value: { n: v.n - (end - bytes.length), rel: v.rel, unknown: v.unknown },
          pcrel: true,
        });
        pushInt(bytes, v.n - (end - bytes.length), size);
      }
    } else if (k === 'Ap' && op.kind === 'farptr') {
      const off = ctx.value(op.offset);
      const seg = ctx.value(op.segment);
      pushValue(bytes, fixups, off, osize === 16 ? 2 : 4, false);
      checkRange(seg, 2, op.tok, ctx);
      pushValue(bytes, fixups, seg, 2, false);
    }
  }
  // 3DNow!: the operation byte follows the ModRM byte and displacement (AMD 3DNow! Technology Manual).
  if (row.suffix !== undefined) bytes.push(row.suffix);
  return { enc: { bytes, fixups }, memSize: ambiguous && vsize === 0 ? -1 : memSize };
}

/** Facts about a row the encoder needs on every attempt, computed once. */
interface RowInfo {
  usesV: boolean;
  segmentPushPop: boolean;
  /** Index of the Zb/Zv operand (register in the opcode byte), -1 if none. */
  opcodeRegisterOperand: number;
  modrm: boolean;
  /** Has a sign-extended imm8 operand (NASM lists these forms first: they win ties). */
  sbyte: boolean;
}

const ROW_INFO = new Map<InstructionForm, RowInfo>();

function rowInfo(row: InstructionForm): RowInfo {
  let info = ROW_INFO.get(row);
  if (!info) {
    const kinds = row.implicit ? EMPTY_KINDS : row.operands;
    info = {
      usesV: kinds.some(isVKind),
      segmentPushPop: isSegmentPushPop(kinds),
      opcodeRegisterOperand: kinds.findIndex((k) => k === 'Zb' || k === 'Zv'),
      modrm:
        row.ext !== undefined ||
        row.modrm === true ||
        kinds.some((k) => MODRM_REG_KINDS.has(k) || MODRM_RM_KINDS.has(k)),
      sbyte: kinds.includes('IbS'),
    };
    ROW_INFO.set(row, info);
  }
  return info;
}

/** Operand kinds carried by ModRM.reg and ModRM.r/m (SDM Vol.2 Appendix A.2.1). */
const MODRM_REG_KINDS = new Set<OperandKind>(['Gb', 'Gw', 'Gd', 'Gv', 'Sw', 'Cd', 'Dd', 'Td', 'Pq']);
const MODRM_RM_KINDS = new Set<OperandKind>([
  'Eb',
  'Ew',
  'Ed',
  'Ev',
  'Rd',
  'M',
  'Mw',
  'Md',
  'Mq',
  'Mp',
  'Ma',
  'Ms',
  'Mt',
  'Me',
  'Mf',
  'Mx',
  'STi',
  'Qq',
  'Qd',
  'Nq',
]);

function hasNearForm(mnemonic: string): boolean {
  return (BY_MNEMONIC.get(mnemonic) ?? []).some((r) => r.row.operands.includes('Jv'));
}

function isSegmentPushPop(kinds: readonly OperandKind[]): boolean {
  return (
    kinds.length === 1 &&
    (kinds[0] === 'ES' ||
      kinds[0] === 'CS' ||
      kinds[0] === 'SS' ||
      kinds[0] === 'DS' ||
      kinds[0] === 'FS' ||
      kinds[0] === 'GS')
  );
}

function checkRange(v: Value, size: number, tok: Token, ctx: EncodeContext): void {
  if (v.unknown || v.rel !== ABSOLUTE || size >= 4) return;
  const bits = size * 8;
  if (v.n < -(2 ** bits) || v.n >= 2 ** bits)
    ctx.warn(tok, `${sizeName(bits)} value ${v.n} of '${tok.text}' exceeds bounds and is truncated`);
}
