// Registers by name, as a debugger user types them: eax/ax/al/ah..., eip, eflags and its
// bits (cf zf ...), segment selectors, control and debug registers. Reads never change the
// machine; writes go through the CPU's own setters so lazy flags stay consistent.

import { type Cpu, SEGMENT_NAMES } from '../emulator';
import { generalRegisterNames } from '../isa/mnemonics';
import { EFLAGS_FIELDS } from '../isa/eflags';

/** The general registers in hardware order (the CPU's regs[] index), from the one register table. */
export const GENERAL_32: readonly string[] = generalRegisterNames(32);
const GENERAL_16 = generalRegisterNames(16);
const GENERAL_8 = generalRegisterNames(8);

/** EFLAGS bits (SDM Vol.1 3.4.3, Figure 3-8): name, bit, width, meaning, from the isa layer's table. */
export const EFLAGS_BITS: readonly { name: string; bit: number; width: number; meaning: string }[] = EFLAGS_FIELDS.map(
  (f) => ({ name: f.name, bit: 31 - Math.clz32(f.mask & -f.mask), width: popcount(f.mask), meaning: f.meaning }),
);

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

const FLAG_BY_NAME = new Map(EFLAGS_BITS.map((f) => [f.name, f]));

/** Every name `readRegister` knows, for completions. */
export const REGISTER_NAMES: readonly string[] = [
  ...GENERAL_32,
  ...GENERAL_16,
  ...GENERAL_8,
  'eip',
  'eflags',
  ...EFLAGS_BITS.map((f) => f.name),
  ...SEGMENT_NAMES,
  'cr0',
  'cr2',
  'cr3',
  'cr4',
  'dr0',
  'dr1',
  'dr2',
  'dr3',
  'dr6',
  'dr7',
  'cpl',
];

export function readRegister(cpu: Cpu, name: string): number | undefined {
  let i = GENERAL_32.indexOf(name);
  if (i >= 0) return cpu.regs[i] >>> 0;
  i = GENERAL_16.indexOf(name);
  if (i >= 0) return cpu.regs[i] & 0xffff;
  i = GENERAL_8.indexOf(name);
  if (i >= 0) return cpu.getReg8(i);
  if (name === 'eip') return cpu.eip >>> 0;
  if (name === 'eflags') return cpu.getEflags();
  const flag = FLAG_BY_NAME.get(name);
  if (flag) return (cpu.getEflags() >>> flag.bit) & ((1 << flag.width) - 1);
  i = (SEGMENT_NAMES as readonly string[]).indexOf(name);
  if (i >= 0) return cpu.segSelector[i];
  switch (name) {
    case 'cr0':
      return cpu.cr0 >>> 0;
    case 'cr2':
      return cpu.cr2 >>> 0;
    case 'cr3':
      return cpu.cr3 >>> 0;
    case 'cr4':
      return cpu.cr4 >>> 0;
    case 'cpl':
      return cpu.cpl;
  }
  const dr = /^dr([0-7])$/.exec(name);
  if (dr) return cpu.dr[+dr[1]] >>> 0;
  return undefined;
}

/**
 * Writes a register or flag. Returns an error message when the name is not writable here:
 * segment selectors would need a descriptor load, and control registers change the memory
 * model under the running program, so the debugger leaves both to the guest.
 */
export function writeRegister(cpu: Cpu, name: string, value: number): string | undefined {
  let i = GENERAL_32.indexOf(name);
  if (i >= 0) {
    cpu.regs[i] = value | 0;
    return undefined;
  }
  i = GENERAL_16.indexOf(name);
  if (i >= 0) {
    cpu.setReg16(i, value);
    return undefined;
  }
  i = GENERAL_8.indexOf(name);
  if (i >= 0) {
    cpu.setReg8(i, value);
    return undefined;
  }
  if (name === 'eip') {
    cpu.eip = value >>> 0;
    return undefined;
  }
  if (name === 'eflags') {
    cpu.setEflags(value);
    return undefined;
  }
  const flag = FLAG_BY_NAME.get(name);
  if (flag) {
    const mask = ((1 << flag.width) - 1) << flag.bit;
    if (value >>> 0 > (1 << flag.width) - 1)
      return `${name} is ${flag.width} bit${flag.width > 1 ? 's' : ''} wide: ${value} does not fit`;
    cpu.setEflags((cpu.getEflags() & ~mask) | ((value << flag.bit) & mask));
    return undefined;
  }
  if ((SEGMENT_NAMES as readonly string[]).includes(name))
    return `${name} is read-only in the debugger: loading a selector also loads its descriptor, which only the guest can do`;
  if (REGISTER_NAMES.includes(name)) return `${name} is read-only in the debugger`;
  return `unknown register '${name}'`;
}
