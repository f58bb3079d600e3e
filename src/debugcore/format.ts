// One decoded instruction as NASM-syntax text for the Disassembly view, stack frames and
// exception details, driven by the instruction table's operand kinds (SDM Vol.2 Appendix A
// notation). Branch targets are shown with their label. Display only: the assembler's own
// round-trip formatter (src/asm) is the one that must reassemble byte-identically.

import type { DecodedInstruction } from '../emulator/cpu/decoder';
import type { OperandKind } from '../emulator/cpu/isa';

const REG32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'];
const REG16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
const REG8 = ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh'];
const SEGS = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'];
const SIZE_NAME: Record<number, string> = { 8: 'byte', 16: 'word', 32: 'dword', 64: 'qword' };

function hex(v: number): string {
  return '0x' + (v >>> 0).toString(16);
}

function register(size: number, n: number): string {
  return size === 8 ? REG8[n] : size === 16 ? REG16[n] : REG32[n];
}

function effectiveAddress(d: DecodedInstruction): string {
  const regs = d.adsize === 32 ? REG32 : REG16;
  const parts: string[] = [];
  if (d.base >= 0) parts.push(regs[d.base]);
  if (d.index >= 0) parts.push(d.scale > 0 ? `${regs[d.index]}*${1 << d.scale}` : regs[d.index]);
  let text = parts.join('+');
  const disp = d.adsize === 32 ? d.disp | 0 : (d.disp << 16) >> 16;
  if (parts.length === 0) text = hex(d.adsize === 32 ? d.disp : d.disp & 0xffff);
  else if (disp > 0) text += `+${hex(disp)}`;
  else if (disp < 0) text += `-${hex(-disp)}`;
  const seg = d.segment >= 0 ? `${SEGS[d.segment]}:` : '';
  return `[${seg}${text}]`;
}

function operandSize(kind: OperandKind, d: DecodedInstruction): number {
  const last = kind[kind.length - 1];
  if (last === 'b') return 8;
  if (last === 'w') return 16;
  if (last === 'd') return 32;
  if (last === 'q') return 64;
  return d.opsize;
}

function operand(kind: OperandKind, d: DecodedInstruction, address: number, symbolAt: (a: number) => string | undefined): string | undefined {
  switch (kind) {
    case 'Eb': case 'Ew': case 'Ed': case 'Ev': {
      const size = operandSize(kind, d);
      return d.mod === 3 ? register(size, d.rm) : `${SIZE_NAME[size]} ${effectiveAddress(d)}`;
    }
    case 'Gb': case 'Gw': case 'Gd': case 'Gv':
      return register(operandSize(kind, d), d.reg);
    case 'Rd':
      return REG32[d.rm];
    case 'M': case 'Ma': case 'Ms': case 'Mp':
      return effectiveAddress(d);
    case 'Mw': case 'Md': case 'Mq':
      return `${SIZE_NAME[operandSize(kind, d)]} ${effectiveAddress(d)}`;
    case 'Ib': case 'Iw':
      return hex(d.imm);
    case 'Iv':
      return hex(d.opsize === 16 ? d.imm & 0xffff : d.imm);
    case 'IbS':
      return d.imm < 0 ? `-${hex(-d.imm)}` : hex(d.imm);
    case 'Jb': case 'Jv': {
      let target = (address + d.length + d.imm) >>> 0;
      if (d.opsize === 16) target &= 0xffff;
      const name = symbolAt(target);
      return name ? `${hex(target)} <${name}>` : hex(target);
    }
    case 'Ap':
      return `${hex(d.imm2)}:${hex(d.imm)}`;
    case 'Ob': case 'Ov': {
      const size = kind === 'Ob' ? 8 : d.opsize;
      const seg = d.segment >= 0 ? `${SEGS[d.segment]}:` : '';
      return `${SIZE_NAME[size]} [${seg}${hex(d.disp)}]`;
    }
    case 'Sw': return SEGS[d.reg];
    case 'Cd': return `cr${d.reg}`;
    case 'Dd': return `dr${d.reg}`;
    case 'Td': return `tr${d.reg}`;
    case 'Zb': return REG8[d.opcodeRegister];
    case 'Zv': return register(d.opsize, d.opcodeRegister);
    case 'AL': return 'al';
    case 'CL': return 'cl';
    case 'DX': return 'dx';
    case 'AX': return 'ax';
    case 'eAX': return d.opsize === 16 ? 'ax' : 'eax';
    case 'ONE': return '1';
    case 'ES': case 'CS': case 'SS': case 'DS': case 'FS': case 'GS':
      return kind.toLowerCase();
    case 'Xb': case 'Xv': case 'Yb': case 'Yv':
      return undefined;
  }
}

export function formatDecoded(d: DecodedInstruction, address: number, symbolAt: (a: number) => string | undefined): string {
  const prefix: string[] = [];
  if (d.lock) prefix.push('lock');
  if (d.rep && d.form.rep) prefix.push(d.form.rep === 'repe' ? (d.rep === 'rep' ? 'repe' : 'repne') : 'rep');
  const ops = d.form.implicit ? [] : d.form.operands.map((k) => operand(k, d, address, symbolAt)).filter((o): o is string => o !== undefined);
  const head = [...prefix, d.form.mnemonic].join(' ');
  return ops.length > 0 ? `${head} ${ops.join(', ')}` : head;
}
