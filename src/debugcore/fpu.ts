// The x87 state as text for the debugger (SDM Vol.1 8.1): control and status word fields,
// and each ST(i) as a decimal value, its raw 80 bits and its tag; on MMX models also MM0-MM7,
// the significands of the physical registers R0-R7 (SDM Vol.1 9.5.1).

import type { Fpu } from '../emulator';

const TAG_NAMES = ['valid', 'zero', 'special', 'empty'];
const PRECISION = ['24-bit', 'reserved', '53-bit', '64-bit'];
const ROUNDING = ['nearest', 'down', 'up', 'toward zero'];
const EXCEPTIONS = ['IE', 'DE', 'ZE', 'OE', 'UE', 'PE'];

function hex(v: number, digits: number): string {
  return (v >>> 0).toString(16).padStart(digits, '0');
}

/** A double extended value in decimal (17 significant digits; exact class names for the specials). */
export function extendedToString(exp16: number, hi: number, lo: number): string {
  const sign = exp16 & 0x8000 ? '-' : '';
  const exp = exp16 & 0x7fff;
  const integer = (hi & 0x80000000) !== 0;
  if (exp === 0x7fff) {
    if (!integer) return `${sign}pseudo-${hi === 0 && lo === 0 ? 'infinity' : 'NaN'} (unsupported)`;
    if ((hi & 0x7fffffff) === 0 && lo === 0) return `${sign}inf`;
    return `${sign}${hi & 0x40000000 ? 'QNaN' : 'SNaN'}`;
  }
  if (exp !== 0 && !integer) return `${sign}unnormal (unsupported)`;
  if (exp === 0 && hi === 0 && lo === 0) return `${sign}0`;
  const sig = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  const e = (exp === 0 ? 1 : exp) - 16383 - 63;
  // Exact decimal digits from the binary value: sig * 2^e.
  let num = sig,
    den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  let dec = 0;
  while (num >= den * 10n ** 17n) {
    den *= 10n;
    dec++;
  }
  while (num < den * 10n ** 16n) {
    num *= 10n;
    dec--;
  }
  const digits = (num * 2n + den) / (den * 2n); // 17 digits, rounded
  let text = digits.toString();
  if (text.length > 17) {
    text = text.slice(0, 17);
    dec++;
  }
  const exponent = dec + 16;
  const mantissa = `${text[0]}.${text.slice(1).replace(/0+$/, '') || '0'}`;
  const denormal = exp === 0 ? ' (denormal)' : '';
  return `${sign}${mantissa}e${exponent >= 0 ? '+' : ''}${exponent}${denormal}`;
}

export interface FpuRow {
  name: string;
  value: string;
  type: string;
}

/** `mmx`: the CPU model has MMX; MM0-MM7 follow the x87 rows. */
export function describeFpu(f: Fpu, mmx = false): FpuRow[] {
  const sw = f.statusWord();
  const cw = f.cw;
  const rows: FpuRow[] = [];
  for (let i = 0; i < 8; i++) {
    const p = f.phys(i);
    const tag = f.tagOf(p);
    const raw = `${hex(f.regExp[p], 4)}:${hex(f.regHi[p], 8)}${hex(f.regLo[p], 8)}`;
    const value = tag === 3 ? 'empty' : extendedToString(f.regExp[p], f.regHi[p], f.regLo[p]);
    rows.push({ name: `st${i}`, value: `${value} [${raw}]`, type: `R${p}, tag ${TAG_NAMES[tag]}` });
  }
  const masked = EXCEPTIONS.filter((_, b) => (cw >> b) & 1).join(' ') || 'none';
  rows.push({
    name: 'cw',
    value: `0x${hex(cw, 4)} (${PRECISION[(cw >> 8) & 3]}, round ${ROUNDING[(cw >> 10) & 3]}, masked: ${masked})`,
    type: 'control word',
  });
  const raised = EXCEPTIONS.filter((_, b) => (sw >> b) & 1);
  if (sw & 0x40) raised.push('SF');
  if (sw & 0x80) raised.push('ES');
  const cc = [8, 9, 10, 14].map((b, k) => `C${k}=${(sw >> b) & 1}`).join(' ');
  rows.push({
    name: 'sw',
    value: `0x${hex(sw, 4)} (TOP=${(sw >> 11) & 7} ${cc} ${raised.join(' ') || 'no exceptions'}${sw & 0x8000 ? ' B' : ''})`,
    type: 'status word',
  });
  rows.push({ name: 'tag', value: `0x${hex(f.tag, 4)}`, type: 'tag word (2 bits per physical register R0-R7)' });
  rows.push({ name: 'fip', value: `${hex(f.fcs, 4)}:${hex(f.fip, 8)}`, type: 'last instruction' });
  rows.push({ name: 'fdp', value: `${hex(f.fds, 4)}:${hex(f.fdp, 8)}`, type: 'last data operand' });
  rows.push({ name: 'fop', value: `0x${hex(f.fop, 3)}`, type: 'last opcode (11 bits)' });
  if (mmx) {
    for (let p = 0; p < 8; p++) {
      const hi = f.regHi[p],
        lo = f.regLo[p];
      const words = [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff].map((w) => hex(w, 4)).join(' ');
      rows.push({
        name: `mm${p}`,
        value: `0x${hex(hi, 8)}${hex(lo, 8)} (words ${words})`,
        type: `MMX: R${p} significand`,
      });
    }
  }
  return rows;
}
