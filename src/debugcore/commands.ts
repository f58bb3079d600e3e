// Debug Console commands, gdb/QEMU-monitor style: `x/16xw esp`, `info gdt`, `info idt`,
// `info tlb`, `info kip [ADDRESS]`, `info registers`, `info breakpoints`. Each returns text;
// a bad command returns an error message naming what was expected.

import { readDescriptorTable, describeSegmentAttributes, hex16 } from './descriptors';
import { evaluateExpression } from './expression';
import { hex32 } from './faults';
import { translateLinear } from './guestMemory';
import { decodeKip } from './kip';
import { parseKernelConsole } from '../kernel/console';
import { EFLAGS_BITS, GENERAL_32, readRegister } from './registers';
import type { MachineSession } from './session';
import { SEGMENT_NAMES } from '../emulator';

/** What `help` prints in the Debug Console. */
const HELP = [
  'Commands:',
  '  x/NFU ADDR        examine memory: N units, format x d u c s, unit b h w (x/16xw esp, x/s msg)',
  '  info registers    general registers and EFLAGS',
  '  info segments     segment registers with their descriptor caches',
  '  info gdt [N]      global descriptor table (or entry N)',
  '  info idt [N]      interrupt descriptor table (or vector N)',
  '  info tlb          mapped ranges of the current page tables',
  '  info kip [ADDR]   decode a Kernel Interface Page (default: the one the kernel reported)',
  '  info breakpoints  breakpoints, watchpoints and exception filters',
  '  help              this text',
  'Expressions (also in watches, hovers, breakpoint conditions and {..} in logpoints):',
  '  registers eax ax al eip eflags zf cr0 cs ..., labels (.local under the label before EIP),',
  "  numbers 42 0x2a 2ah 0b101 'ab', + - * / % & | ^ ~ << >>, comparisons, && || !,",
  '  memory [expr], byte|word|dword [expr] (linear addresses through the current page tables).',
].join('\n');

export type CommandResult = { ok: true; text: string } | { ok: false; message: string };

export const COMMANDS = [
  'help',
  'x/',
  'info gdt',
  'info idt',
  'info tlb',
  'info kip',
  'info registers',
  'info breakpoints',
  'info segments',
];

/**
 * Whether a line is a command rather than an expression. In the Debug Console (context 'repl')
 * a blank line is one too, answered with nothing, as a shell or gdb prompt does; elsewhere an
 * empty expression stays an error.
 */
export function isCommand(text: string, context?: string): boolean {
  if (context === 'repl' && text.trim() === '') return true;
  return /^\s*(x\/|x\s|info\b|help\s*$)/.test(text);
}

export function runCommand(session: MachineSession, text: string): CommandResult {
  const t = text.trim();
  try {
    if (t === '') return { ok: true, text: '' };
    if (t === 'help') return { ok: true, text: HELP };
    if (t.startsWith('x')) return examine(session, t);
    const [, what = '', rest = ''] = /^info\s*(\S*)\s*(.*)$/.exec(t) ?? [];
    switch (what) {
      case 'gdt':
        return tableText('GDT', session, session.cpu.gdtBase >>> 0, session.cpu.gdtLimit, rest);
      case 'idt':
        return tableText('IDT', session, session.cpu.idtBase >>> 0, session.cpu.idtLimit, rest);
      case 'tlb':
        return { ok: true, text: pageMappings(session) };
      case 'kip':
        return kipText(session, rest);
      case 'registers':
        return { ok: true, text: registersText(session) };
      case 'segments':
        return { ok: true, text: segmentsText(session) };
      case 'breakpoints':
        return { ok: true, text: breakpointsText(session) };
      default:
        return {
          ok: false,
          message: `unknown command 'info ${what}': try info gdt, info idt, info tlb, info kip [ADDRESS], info registers, info segments, info breakpoints`,
        };
    }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * `x/NFU ADDRESS` (gdb): N units (default 1), format x (hex), d (signed), u (unsigned),
 * c (characters), s (string); unit b (1), h (2), w (4, default).
 */
function examine(session: MachineSession, t: string): CommandResult {
  const m = /^x(?:\/(\d*)([xducs]?)([bhw]?))?\s+(.+)$/.exec(t);
  if (!m)
    return {
      ok: false,
      message: `usage: x/NFU ADDRESS, e.g. x/16xw esp (N count, F one of x d u c s, U one of b h w)`,
    };
  const count = m[1] ? parseInt(m[1], 10) : 1;
  if (count > 4096) return { ok: false, message: `x: at most 4096 units at a time, asked for ${count}` };
  const format = m[2] || 'x';
  const unit = ({ b: 1, h: 2, w: 4 } as const)[
    (m[3] || (format === 'c' || format === 's' ? 'b' : 'w')) as 'b' | 'h' | 'w'
  ];
  const address = evaluateExpression(m[4], session.scope);
  if (format === 's') {
    const bytes = session.guest.read(address, Math.max(count, 1) * 256);
    const end = bytes.indexOf(0);
    const s = String.fromCharCode(...bytes.subarray(0, end < 0 ? bytes.length : end));
    return { ok: true, text: `0x${hex32(address)}: ${JSON.stringify(s)}` };
  }
  const perLine = unit === 1 ? 16 : unit === 2 ? 8 : 4;
  const lines: string[] = [];
  for (let i = 0; i < count; i += perLine) {
    const at = (address + i * unit) >>> 0;
    const cells: string[] = [];
    for (let k = i; k < Math.min(count, i + perLine); k++) {
      const v = session.guest.readValue(address + k * unit, unit);
      if (v === undefined) {
        cells.push('??');
        continue;
      }
      if (format === 'x') cells.push('0x' + v.toString(16).padStart(unit * 2, '0'));
      else if (format === 'u') cells.push(String(v));
      else if (format === 'd') cells.push(String(unit === 4 ? v | 0 : unit === 2 ? (v << 16) >> 16 : (v << 24) >> 24));
      else cells.push(v >= 0x20 && v < 0x7f ? `'${String.fromCharCode(v)}'` : `\\x${v.toString(16).padStart(2, '0')}`);
    }
    lines.push(`0x${hex32(at)}: ${cells.join(' ')}`);
  }
  if (lines.length > 0 && lines.every((l) => /: (\?\? ?)+$/.test(l))) lines.push('(unreadable: not mapped)');
  return { ok: true, text: lines.join('\n') };
}

function tableText(name: string, session: MachineSession, base: number, limit: number, rest: string): CommandResult {
  const max = rest.trim() === '' ? 64 : parseInt(rest, 10);
  if (!Number.isFinite(max) || max <= 0)
    return { ok: false, message: `info ${name.toLowerCase()} [COUNT]: COUNT must be a positive number` };
  const entries = readDescriptorTable(session.guest, base, limit, max);
  const head = `${name} base=0x${hex32(base)} limit=0x${limit.toString(16)} (${Math.floor((limit + 1) / 8)} entries)`;
  const step =
    name === 'GDT'
      ? (i: number): string => `sel ${hex16(i * 8)}`
      : (i: number): string => `vec ${i.toString(16).padStart(2, '0')}`;
  return { ok: true, text: [head, ...entries.map((e) => `  ${step(e.index)}: ${e.text}`)].join('\n') };
}

/**
 * The emulator keeps no TLB the debugger can read, so `info tlb` shows what the TLB would be
 * filled from: the current page tables' mapped ranges (QEMU's `info tlb` shape, merged runs).
 */
function pageMappings(session: MachineSession): string {
  const cpu = session.cpu;
  if (((cpu.cr0 >>> 0) & 0x80000000) === 0) return 'paging is off (CR0.PG=0): linear addresses are physical';
  const runs: string[] = [];
  let start = -1,
    startPhys = 0,
    flags = '',
    prevPhys = 0;
  const flush = (end: number): void => {
    if (start >= 0) runs.push(`0x${hex32(start)}-0x${hex32(end - 1)} -> 0x${hex32(startPhys)} ${flags}`);
    start = -1;
  };
  for (let page = 0; page < 0x100000; page++) {
    const linear = page * 4096;
    const t = translateLinear(cpu, session.machine.memory, linear);
    const f = t ? `${t.user ? 'user' : 'supervisor'} ${t.writable ? 'rw' : 'ro'}` : '';
    if (t && start >= 0 && f === flags && t.physical === prevPhys + 4096) {
      prevPhys = t.physical;
      continue;
    }
    flush(linear);
    if (t) {
      start = linear;
      startPhys = prevPhys = t.physical;
      flags = f;
    }
    if (runs.length > 512) break;
  }
  flush(0x100000000);
  return [`CR3=0x${hex32(cpu.cr3)}`, ...runs].join('\n');
}

function kipText(session: MachineSession, rest: string): CommandResult {
  let address: number | undefined;
  if (rest.trim() !== '') address = evaluateExpression(rest, session.scope);
  else address = parseKernelConsole(session.kernelLines.join('\n')).kipAddress;
  if (address === undefined) {
    return {
      ok: false,
      message:
        session.consoleKernelPrefix === undefined
          ? 'info kip: no kernel runs in bare mode, so there is no KIP to find; `info kip ADDRESS` decodes the page at ADDRESS'
          : 'info kip: the kernel has not reported its KIP address yet; `info kip ADDRESS` decodes the page at ADDRESS',
    };
  }
  const r = decodeKip(session.guest, address);
  if (!r.ok) return { ok: false, message: r.message };
  return { ok: true, text: r.fields.map((f) => `${f.name.padEnd(22)} ${f.value}`).join('\n') };
}

function registersText(session: MachineSession): string {
  const cpu = session.cpu;
  const regs = GENERAL_32.map((r) => `${r}=0x${hex32(readRegister(cpu, r) ?? 0)}`);
  const eflags = cpu.getEflags();
  const set = EFLAGS_BITS.filter((f) => f.width === 1 && ((eflags >>> f.bit) & 1) !== 0).map((f) =>
    f.name.toUpperCase(),
  );
  return [
    regs.slice(0, 4).join(' '),
    regs.slice(4).join(' '),
    `eip=0x${hex32(cpu.eip)} eflags=0x${hex32(eflags)} [${set.join(' ')}] cpl=${cpu.cpl}`,
  ].join('\n');
}

function segmentsText(session: MachineSession): string {
  const cpu = session.cpu;
  return SEGMENT_NAMES.map(
    (n, i) =>
      `${n}=${hex16(cpu.segSelector[i])} base=0x${hex32(cpu.segBase[i])} limit=0x${hex32(cpu.segLimit[i])} ${describeSegmentAttributes(cpu.segAttr[i])}`,
  ).join('\n');
}

function breakpointsText(session: MachineSession): string {
  const all = session.breakpoints.all();
  if (all.length === 0 && session.watchpoints.length === 0) return 'no breakpoints';
  const lines = all.map((b) => {
    const where = b.line
      ? `${b.line.file}:${b.line.line}`
      : b.addresses.map((a) => session.describeAddress(a)).join(', ');
    const extra = [
      b.condition ? 'conditional' : '',
      b.hitCondition ? `hit ${b.hitCondition.op} ${b.hitCondition.count}` : '',
      b.logMessage !== undefined ? 'logpoint' : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `#${b.id} ${b.kind} ${where}${b.verified ? '' : ` (unverified: ${b.problem})`} hits=${b.hits}${extra ? ` [${extra}]` : ''}`;
  });
  for (const w of session.watchpoints)
    lines.push(`#${w.id} watch ${w.description} (${w.size} bytes at 0x${hex32(w.address)})`);
  return lines.join('\n');
}
