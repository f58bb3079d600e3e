// Disassembly formatter over the emulator's decoder: NASM syntax that this assembler (and
// NASM) reassembles to the identical bytes at the same address. Where NASM's syntax would
// choose another encoding, the text says so explicitly (`strict dword`, `[byte eax+0]`,
// `near`, `o16`, `a16`); encodings NASM cannot produce at all (duplicate prefixes, redundant
// SIB bytes, the undocumented 82 /n, F6 /1, C0-D3 /6 forms) come out as `db` lines.

import { decodeInstruction, DecodedInstruction } from '../isa/decoder';
import { INSTRUCTIONS } from '../isa/instructions';
import { OPERAND_SIZED_WORD_DESTINATION, type InstructionForm, type OperandKind } from '../isa/isa';
import { firstOperandInModrmReg } from './encode';
import { prefixKindOfByte, registerName } from './registers';

const SIZE: Record<number, string> = { 8: 'byte', 16: 'word', 32: 'dword', 64: 'qword' };

/** Mnemonics with a sign-extended imm8 row: their full-size immediates need `strict`. */
const HAS_SBYTE_FORM = new Set(INSTRUCTIONS.filter((r) => r.operands.includes('IbS')).map((r) => r.mnemonic));
/** Mnemonics whose only relative form is short (LOOP, JCXZ): NASM refuses `short` on them. */
const SHORT_ONLY = ((): Set<string> => {
  const near = new Set(INSTRUCTIONS.filter((r) => r.operands.includes('Jv')).map((r) => r.mnemonic));
  return new Set(INSTRUCTIONS.filter((r) => r.operands.includes('Jb') && !near.has(r.mnemonic)).map((r) => r.mnemonic));
})();

export interface DisassembledLine {
  address: number;
  length: number;
  text: string;
}

function hex(n: number): string {
  return '0x' + (n >>> 0).toString(16);
}

function signedHex(n: number): string {
  return n < 0 ? `-0x${(-n).toString(16)}` : `+0x${n.toString(16)}`;
}

function bytesAsData(bytes: Uint8Array, offset: number, length: number): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(hex(bytes[offset + i]));
  return `db ${parts.join(', ')}`;
}

/** General register `n` of a size; undefined (the caller writes `db`) for a number it lacks. */
function register(size: number, n: number): string | undefined {
  return registerName(size === 8 ? 'r8' : size === 16 ? 'r16' : 'r32', n);
}

/** `es:` for a segment override, '' for none, undefined for a segment that does not exist. */
function segmentOverride(d: DecodedInstruction): string | undefined {
  if (d.segment < 0) return '';
  const name = registerName('seg', d.segment);
  return name === undefined ? undefined : `${name}:`;
}

const PREFIX_RANK = { lock: 0, rep: 0, segment: 1, operandSize: 2, addressSize: 3 } as const;

/** Canonical NASM prefix order: lock/rep, segment, operand size, address size, each once. */
function prefixesCanonical(prefixes: number[]): boolean {
  const rank = (b: number) => PREFIX_RANK[prefixKindOfByte(b) ?? 'segment'];
  const seen = new Set<number>();
  let last = -1;
  for (const b of prefixes) {
    const r = rank(b);
    if (seen.has(r) || r < last) return false;
    seen.add(r);
    last = r;
  }
  return true;
}

function memoryOperand(d: DecodedInstruction, sizeWord: string | undefined, bits: number): string | undefined {
  const seg = segmentOverride(d);
  if (seg === undefined) return undefined;
  const size = sizeWord ? `${sizeWord} ` : '';
  // A SIB byte NASM would not write: no index and a base other than ESP, or nothing at all.
  if (d.adsize === 32 && d.rm === 4 && d.index < 0 && d.base !== 4) return undefined;
  if (d.base < 0 && d.index < 0) {
    const disp = d.adsize === 32 ? d.disp >>> 0 : d.disp & 0xffff;
    const hint = d.adsize !== bits ? `${SIZE[d.adsize]} ` : '';
    return `${size}[${hint}${seg}${hex(disp)}]`;
  }
  const base = d.base >= 0 ? register(d.adsize, d.base) : '';
  const index = d.index >= 0 ? register(d.adsize, d.index) : '';
  if (base === undefined || index === undefined) return undefined;
  const parts: string[] = [];
  let nosplit = '';
  if (base) parts.push(base);
  if (index) {
    const factor = 1 << d.scale;
    if (d.base < 0 && factor <= 2) nosplit = 'nosplit ';
    parts.push(factor === 1 ? index : `${index}*${factor}`);
  }
  let text = parts.join('+');
  let hint = '';
  if (d.base >= 0) {
    const disp = d.adsize === 32 ? d.disp | 0 : (d.disp << 16) >> 16;
    const baseIsBp = d.adsize === 32 ? d.base === 5 : d.base === 5 && d.index < 0;
    if (d.mod === 1) {
      if (disp === 0 && !baseIsBp) hint = 'byte ';
      if (disp !== 0 || baseIsBp) text += signedHex(disp);
      else text += '+0x0';
    } else if (d.mod === 2) {
      if (disp >= -128 && disp <= 127) hint = d.adsize === 32 ? 'dword ' : 'word ';
      text += signedHex(disp);
    }
  } else {
    text += `+${hex(d.disp)}`;
  }
  return `${size}[${nosplit}${hint}${seg}${text}]`;
}

/**
 * One decoded instruction as reassemblable NASM text. `address` is where it sits (relative
 * branch targets are written as `$+n`, which does not depend on it).
 */
export function formatInstruction(d: DecodedInstruction, bytes: Uint8Array, offset: number, code32: boolean): string {
  const form = d.form;
  const bits = code32 ? 32 : 16;
  if (form.decodeOnly || !prefixesCanonical(d.prefixes)) return bytesAsData(bytes, offset, d.length);
  const kinds: readonly OperandKind[] = form.implicit ? [] : form.operands;
  const hasMemory = d.memory;
  const words: string[] = [];
  if (d.lock) words.push('lock');
  if (d.rep) words.push(d.rep === 'repne' ? 'repne' : form.rep === 'repe' ? 'repe' : 'rep');
  if (d.segment >= 0 && !hasMemory) {
    const seg = registerName('seg', d.segment);
    if (seg === undefined) return bytesAsData(bytes, offset, d.length);
    words.push(seg);
  }
  const vOperandCarriesSize = kinds.some(
    (k) =>
      k === 'Gv' ||
      k === 'Zv' ||
      k === 'eAX' ||
      k === 'Ev' ||
      k === 'Ov' ||
      k === 'Iv' ||
      k === 'IbS' ||
      k === 'Ap' ||
      k === 'Mp' ||
      (k === 'Ew' && OPERAND_SIZED_WORD_DESTINATION.has(form.exec)),
  );
  const usesOpsize = form.osize !== undefined || vOperandCarriesSize;
  const isBranch = kinds.includes('Jv') || kinds.includes('Jb');
  if (d.opsize !== bits && !usesOpsize && !isBranch) words.push(`o${d.opsize}`);
  if (d.adsize !== bits && !hasMemory && form.asize === undefined) words.push(`a${d.adsize}`);
  words.push(form.mnemonic);
  const operands: string[] = [];
  for (let i = 0; i < kinds.length; i++) {
    const text = formatOperand(kinds[i], i, d, form, bits);
    if (text === undefined) return bytesAsData(bytes, offset, d.length);
    operands.push(text);
  }
  if (d.mod === 3 && operands.length === 2 && firstOperandInModrmReg(form.mnemonic)) operands.reverse();
  return words.join(' ') + (operands.length ? ' ' + operands.join(', ') : '');
}

function formatOperand(
  k: OperandKind,
  i: number,
  d: DecodedInstruction,
  form: InstructionForm,
  bits: number,
): string | undefined {
  const v = d.opsize;
  switch (k) {
    case 'Eb':
    case 'Ew':
    case 'Ed':
    case 'Ev': {
      let size = k === 'Eb' ? 8 : k === 'Ew' ? 16 : k === 'Ed' ? 32 : v;
      if (d.mod === 3) {
        if (k === 'Ew' && i === 0 && OPERAND_SIZED_WORD_DESTINATION.has(form.exec)) size = v;
        return register(size, d.rm);
      }
      if (k === 'Ew' && OPERAND_SIZED_WORD_DESTINATION.has(form.exec) && v !== bits) return undefined;
      return memoryOperand(d, SIZE[size], bits);
    }
    case 'Gb':
      return registerName('r8', d.reg);
    case 'Gw':
      return registerName('r16', d.reg);
    case 'Gd':
    case 'Rd':
      return registerName('r32', k === 'Rd' ? d.rm : d.reg);
    case 'Gv':
      return register(v, d.reg);
    case 'M':
    case 'Ms':
    case 'Ma':
      return memoryOperand(d, undefined, bits);
    case 'Mw':
      return memoryOperand(d, 'word', bits);
    case 'Md':
      return memoryOperand(d, 'dword', bits);
    case 'Mq':
      return memoryOperand(d, 'qword', bits);
    case 'Mt':
      return memoryOperand(d, 'tword', bits);
    case 'Pq':
      return registerName('mm', d.reg);
    case 'Nq':
      return registerName('mm', d.rm);
    case 'Qq':
    case 'Qd':
      // Unsized: the MMX register operand sizes it, and NASM refuses `qword` on some forms (PSHUFW).
      if (d.mod === 3) return registerName('mm', d.rm);
      return memoryOperand(d, undefined, bits);
    case 'ST0':
      return 'st0';
    case 'STi':
      return `st${d.rm}`;
    case 'Me':
    case 'Mf':
    case 'Mx':
      return memoryOperand(d, undefined, bits);
    case 'Mp': {
      if (form.mnemonic === 'call' || form.mnemonic === 'jmp') return `far ${memoryOperand(d, SIZE[v], bits)}`;
      return memoryOperand(d, undefined, bits);
    }
    case 'Ob':
    case 'Ov': {
      const seg = segmentOverride(d);
      if (seg === undefined) return undefined;
      const hint = d.adsize !== bits ? `${SIZE[d.adsize]} ` : '';
      return `[${hint}${seg}${hex(d.adsize === 32 ? d.disp : d.disp & 0xffff)}]`;
    }
    case 'Sw':
      return registerName('seg', d.reg);
    case 'Cd':
      return registerName('cr', d.reg);
    case 'Dd':
      return registerName('dr', d.reg);
    case 'Td':
      return registerName('tr', d.reg);
    case 'Zb':
      return registerName('r8', d.opcodeRegister);
    case 'Zv':
      return register(v, d.opcodeRegister);
    case 'AL':
    case 'CL':
    case 'DX':
    case 'AX':
    case 'ES':
    case 'CS':
    case 'SS':
    case 'DS':
    case 'FS':
    case 'GS':
      return k.toLowerCase();
    case 'eAX':
      return v === 16 ? 'ax' : 'eax';
    case 'ONE':
      return '1';
    case 'Ib':
      return hex(immediateOf(d, form, i) & 0xff);
    case 'Iw':
      return hex(immediateOf(d, form, i) & 0xffff);
    case 'IbS': {
      const n = (d.imm << 24) >> 24;
      const size = v !== bits && !sizedByRegister(form) ? `${SIZE[v]} ` : '';
      return size + (n < 0 ? `-${hex(-n)}` : hex(n));
    }
    case 'Iv': {
      const n = v === 16 ? d.imm & 0xffff : d.imm >>> 0;
      const signed = v === 16 ? (n << 16) >> 16 : n | 0;
      const needsStrict = HAS_SBYTE_FORM.has(form.mnemonic) && signed >= -128 && signed <= 127;
      if (needsStrict) return `strict ${SIZE[v]} ${hex(n)}`;
      return (v !== bits && !sizedByRegister(form) ? `${SIZE[v]} ` : '') + hex(n);
    }
    case 'Jb':
    case 'Jv': {
      const delta = d.length + (d.imm | 0);
      const target = delta < 0 ? `$-${hex(-delta)}` : `$+${hex(delta)}`;
      if (k === 'Jb') return SHORT_ONLY.has(form.mnemonic) ? target : `short ${target}`;
      // NASM: a size keyword selects the near form and its displacement size; Jcc takes none.
      if (v !== bits) return form.condition === undefined ? `${SIZE[v]} ${target}` : undefined;
      return `near ${target}`;
    }
    case 'Ap': {
      const size = v !== bits ? `${SIZE[v]} ` : '';
      return `${size}${hex(d.imm2 & 0xffff)}:${hex(v === 16 ? d.imm & 0xffff : d.imm >>> 0)}`;
    }
    default:
      return undefined;
  }
}

/** Another operand of the row (a v-sized register or r/m) already fixes the operand size. */
function sizedByRegister(form: InstructionForm): boolean {
  return form.operands.some((k) => k === 'Gv' || k === 'Zv' || k === 'eAX' || k === 'Ev');
}

/** ENTER has two immediates (Iw then Ib); every other form one. */
function immediateOf(d: DecodedInstruction, form: InstructionForm, i: number): number {
  const immediates = form.operands.filter((k) => k[0] === 'I');
  if (immediates.length > 1 && form.operands.indexOf('Ib') === i && form.operands.indexOf('Iw') < i) return d.imm2;
  return d.imm;
}

/** Disassemble `length` bytes from `offset` as reassemblable lines. */
/**
 * MOV CS, r/m (8E /1): #UD on every processor modelled, so the decoder refuses it, but NASM
 * assembles `mov cs, ...` to it. Shown as NASM writes it: the text of the same bytes with
 * DS (8E /3), whose operands are formatted alike, and the segment name changed.
 */
function movToCs(bytes: Uint8Array, pos: number, code32: boolean): { text: string; length: number } | undefined {
  let k = pos;
  while (k < bytes.length && k - pos < 4 && prefixKindOfByte(bytes[k]) !== undefined) k++;
  if (k + 1 >= bytes.length || bytes[k] !== 0x8e || ((bytes[k + 1] >> 3) & 7) !== 1) return undefined;
  const copy = bytes.slice(pos);
  copy[k + 1 - pos] = (copy[k + 1 - pos] & ~0x38) | (3 << 3);
  const d = decodeInstruction(copy, 0, code32);
  if (!d.ok) return undefined;
  const text = formatInstruction(d, copy, 0, code32);
  if (!/(^|\s)mov ds, /.test(text)) return undefined;
  return { text: text.replace(/(^|\s)mov ds, /, '$1mov cs, '), length: d.length };
}

export function disassemble(
  bytes: Uint8Array,
  offset: number,
  length: number,
  code32: boolean,
  address: number,
): DisassembledLine[] {
  const out: DisassembledLine[] = [];
  let pos = offset;
  const end = Math.min(bytes.length, offset + length);
  const window = bytes.subarray(0, end);
  while (pos < end) {
    const d = decodeInstruction(window, pos, code32);
    if (!d.ok && d.error === 'lock' && prefixKindOfByte(window[pos]) === 'lock') {
      // LOCK on a form that does not allow it (#UD, the `lock nop` probe): show it as written.
      const rest = decodeInstruction(window, pos + 1, code32);
      if (rest.ok && !rest.lock) {
        const text = formatInstruction(rest, window, pos + 1, code32);
        if (!text.startsWith('db ')) {
          out.push({ address: address + (pos - offset), length: rest.length + 1, text: `lock ${text}` });
          pos += rest.length + 1;
          continue;
        }
      }
    }
    const movCs = d.ok ? undefined : movToCs(window, pos, code32);
    if (movCs !== undefined) {
      out.push({ address: address + (pos - offset), length: movCs.length, text: movCs.text });
      pos += movCs.length;
      continue;
    }
    if (!d.ok) {
      const n = Math.max(1, Math.min(d.length, end - pos));
      out.push({ address: address + (pos - offset), length: n, text: bytesAsData(window, pos, n) });
      pos += n;
      continue;
    }
    out.push({ address: address + (pos - offset), length: d.length, text: formatInstruction(d, window, pos, code32) });
    pos += d.length;
  }
  return out;
}
