// Scopes and variables: the machine state of debugcore rendered as DAP variables. General
// registers are editable and carry a memoryReference when they hold a mapped address.

import { Handles, Scope } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { SEGMENT_NAMES } from '../emulator';
import { describeSegmentAttributes, hex16, readDescriptorTable } from '../debugcore/descriptors';
import { hex32 } from '../debugcore/faults';
import { EFLAGS_BITS, GENERAL_32, readRegister } from '../debugcore/registers';
import type { MachineSession } from '../debugcore/session';
import { disassemble } from '../debugcore/disassembly';
import { decodeKip } from '../debugcore/kip';
import { parseKernelConsole } from '../kernel/console';
import { KIP } from '../kernel/abi';
import type { FrameField, KernelThread } from '../debugcore/kernelView';
import { describeFpu } from '../debugcore/fpu';

/** The stub's instructions on one line: `mov edx, esp; sysenter; ret`. */
function stubDisassembly(session: MachineSession, address: number, length: number): string {
  const out: string[] = [];
  for (const ins of disassemble(session, address, 0, 16)) {
    if (ins.address >= address + length) break;
    out.push(ins.text.replace(/\s+;.*$/, ''));
  }
  return out.join('; ');
}

export type Container =
  | { kind: 'general' }
  | { kind: 'eflags' }
  | { kind: 'segments' }
  | { kind: 'segment'; index: number }
  | { kind: 'control' }
  | { kind: 'msrs' }
  | { kind: 'fpu' }
  | { kind: 'tables' }
  | { kind: 'gdt' }
  | { kind: 'idt' }
  | { kind: 'tss' }
  | { kind: 'kernel' }
  | { kind: 'kip'; address: number }
  | { kind: 'saved'; thread: KernelThread };

export const SCOPE_NAMES = {
  general: 'General registers',
  eflags: 'EFLAGS',
  segments: 'Segment registers',
  control: 'Control and debug registers',
  msrs: 'MSRs',
  fpu: 'FPU',
  tables: 'Descriptor tables',
  kernel: 'Kernel',
  saved: 'Saved registers',
} as const;

/** A thread's saved trap frame as registers (frame.inc field, shown name). */
export const SAVED_REGISTERS: readonly [FrameField, string][] = [
  ['F_EAX', 'eax'],
  ['F_EBX', 'ebx'],
  ['F_ECX', 'ecx'],
  ['F_EDX', 'edx'],
  ['F_ESI', 'esi'],
  ['F_EDI', 'edi'],
  ['F_EBP', 'ebp'],
  ['F_USER_ESP', 'esp'],
  ['F_EIP', 'eip'],
  ['F_EFLAGS', 'eflags'],
  ['F_CS', 'cs'],
  ['F_USER_SS', 'ss'],
  ['F_DS', 'ds'],
  ['F_ES', 'es'],
];

/** SDM Vol.3 7.2.1, Figure 7-2: the 32-bit TSS fields a kernel sets up (name, offset, size). */
const TSS_FIELDS: readonly [string, number, 2 | 4][] = [
  ['ESP0', 4, 4],
  ['SS0', 8, 2],
  ['ESP1', 12, 4],
  ['SS1', 16, 2],
  ['ESP2', 20, 4],
  ['SS2', 24, 2],
  ['CR3', 28, 4],
  ['EIP', 32, 4],
  ['EFLAGS', 36, 4],
  ['I/O map base', 102, 2],
];

/** CR0 bits (SDM Vol.3 2.5). */
const CR0_BITS: [number, string][] = [
  [0, 'PE'],
  [1, 'MP'],
  [2, 'EM'],
  [3, 'TS'],
  [4, 'ET'],
  [5, 'NE'],
  [16, 'WP'],
  [18, 'AM'],
  [29, 'NW'],
  [30, 'CD'],
  [31, 'PG'],
];
/** CR4 bits the emulated models have (SDM Vol.3 2.5). */
const CR4_BITS: [number, string][] = [
  [0, 'VME'],
  [1, 'PVI'],
  [2, 'TSD'],
  [3, 'DE'],
  [4, 'PSE'],
  [5, 'PAE'],
  [6, 'MCE'],
  [7, 'PGE'],
  [8, 'PCE'],
];

function bitNames(value: number, bits: [number, string][]): string {
  return (
    bits
      .filter(([b]) => ((value >>> b) & 1) !== 0)
      .map(([, n]) => n)
      .join(' ') || 'none'
  );
}

export function hexValue(v: number): string {
  return '0x' + hex32(v);
}

export class VariableStore {
  readonly handles = new Handles<Container>();

  reset(): void {
    this.handles.reset();
  }

  scopes(kernelMode: boolean): DebugProtocol.Scope[] {
    const make = (name: string, c: Container, expensive = false): DebugProtocol.Scope => {
      const s = new Scope(name, this.ref(c), expensive) as DebugProtocol.Scope;
      s.presentationHint = 'registers';
      return s;
    };
    return [
      make(SCOPE_NAMES.general, { kind: 'general' }),
      make(SCOPE_NAMES.eflags, { kind: 'eflags' }),
      make(SCOPE_NAMES.segments, { kind: 'segments' }),
      make(SCOPE_NAMES.control, { kind: 'control' }),
      make(SCOPE_NAMES.msrs, { kind: 'msrs' }),
      make(SCOPE_NAMES.fpu, { kind: 'fpu' }),
      make(SCOPE_NAMES.tables, { kind: 'tables' }, true),
      ...(kernelMode ? [make(SCOPE_NAMES.kernel, { kind: 'kernel' })] : []),
    ];
  }

  /** A thread that is not running: the registers its trap frame saved, and the kernel's view. */
  savedScopes(thread: KernelThread): DebugProtocol.Scope[] {
    const saved = new Scope(
      `${SCOPE_NAMES.saved} (thread ${thread.id}, ${thread.state})`,
      this.ref({ kind: 'saved', thread }),
      false,
    ) as DebugProtocol.Scope;
    saved.presentationHint = 'registers';
    const kernel = new Scope(SCOPE_NAMES.kernel, this.ref({ kind: 'kernel' }), false) as DebugProtocol.Scope;
    return [saved, kernel];
  }

  container(ref: number): Container | undefined {
    return this.stableContainers.get(ref) ?? this.handles.get(ref);
  }

  /**
   * Containers that read the machine as it is now keep one reference for the whole session,
   * so a request VS Code sends with a reference from the previous stop (an expanded scope
   * refreshed while the next stop arrives) answers with the current state instead of an
   * error. Those that hold a snapshot (a KIP address, a thread) get a fresh handle per stop.
   */
  private readonly stableRefs = new Map<string, number>();
  private readonly stableContainers = new Map<number, Container>();

  private ref(c: Container): number {
    if (c.kind === 'kip' || c.kind === 'saved') return this.handles.create(c);
    const key = c.kind === 'segment' ? `segment:${c.index}` : c.kind;
    let n = this.stableRefs.get(key);
    if (n === undefined) {
      n = this.stableRefs.size + 1;
      this.stableRefs.set(key, n);
      this.stableContainers.set(n, c);
    }
    return n;
  }

  /**
   * Where a variable is kept in guest memory (for a data breakpoint on it): the registers a
   * trap frame saved and the TSS fields; undefined for CPU registers and computed values.
   */
  storageOf(ref: number, name: string, session: MachineSession): { address: number; size: number } | undefined {
    const c = this.container(ref);
    if (c?.kind === 'saved' && session.kernel) {
      const field = SAVED_REGISTERS.find(([, n]) => n === name)?.[0];
      return field ? { address: (c.thread.savedFrame + session.kernel.offset(field)) >>> 0, size: 4 } : undefined;
    }
    if (c?.kind === 'tss' && session.cpu.taskSelector !== 0) {
      const f = TSS_FIELDS.find(([n]) => n === name);
      return f ? { address: (session.cpu.taskBase + f[1]) >>> 0, size: f[2] } : undefined;
    }
    return undefined;
  }

  variables(ref: number, session: MachineSession): DebugProtocol.Variable[] | undefined {
    const c = this.container(ref);
    if (!c) return undefined;
    const cpu = session.cpu;
    const v = (
      name: string,
      value: string,
      type: string,
      extra: Partial<DebugProtocol.Variable> = {},
    ): DebugProtocol.Variable => ({ name, value, type, variablesReference: 0, ...extra });
    switch (c.kind) {
      case 'general': {
        const regs = [...GENERAL_32, 'eip'].map((name) => {
          const value = readRegister(cpu, name) ?? 0;
          const mapped = session.guest.physical(value) !== undefined && value !== 0;
          return v(name, hexValue(value), 'dword', {
            evaluateName: name,
            memoryReference: mapped ? hexValue(value) : undefined,
            presentationHint: { kind: 'property' },
          });
        });
        return regs;
      }
      case 'eflags': {
        const eflags = cpu.getEflags();
        return [
          v('eflags', hexValue(eflags), 'dword', { evaluateName: 'eflags' }),
          ...EFLAGS_BITS.filter((f) => f.name !== 'vif' && f.name !== 'vip').map((f) =>
            v(
              f.name,
              String((eflags >>> f.bit) & ((1 << f.width) - 1)),
              `bit ${f.bit}${f.width > 1 ? `-${f.bit + f.width - 1}` : ''}: ${f.meaning}`,
              { evaluateName: f.name },
            ),
          ),
        ];
      }
      case 'segments':
        return SEGMENT_NAMES.map((name, index) =>
          v(
            name,
            hex16(cpu.segSelector[index]),
            `selector (index ${cpu.segSelector[index] >> 3}, ${cpu.segSelector[index] & 4 ? 'LDT' : 'GDT'}, RPL ${cpu.segSelector[index] & 3})`,
            {
              evaluateName: name,
              variablesReference: this.ref({ kind: 'segment', index }),
              presentationHint: { attributes: ['readOnly'] },
            },
          ),
        );
      case 'segment': {
        const i = c.index;
        return [
          v('selector', hex16(cpu.segSelector[i]), 'word'),
          v('base', hexValue(cpu.segBase[i]), 'descriptor cache'),
          v('limit', hexValue(cpu.segLimit[i]), 'descriptor cache'),
          v(
            'attributes',
            describeSegmentAttributes(cpu.segAttr[i]),
            `descriptor cache attribute bits 0x${(cpu.segAttr[i] >>> 0).toString(16)}`,
          ),
        ];
      }
      case 'control':
        return [
          v('cr0', `${hexValue(cpu.cr0)} (${bitNames(cpu.cr0 >>> 0, CR0_BITS)})`, 'control register', {
            evaluateName: 'cr0',
          }),
          v('cr2', hexValue(cpu.cr2), 'page-fault linear address', { evaluateName: 'cr2' }),
          v('cr3', hexValue(cpu.cr3), 'page directory base', { evaluateName: 'cr3' }),
          v('cr4', `${hexValue(cpu.cr4)} (${bitNames(cpu.cr4 >>> 0, CR4_BITS)})`, 'control register', {
            evaluateName: 'cr4',
          }),
          ...[0, 1, 2, 3, 6, 7].map((n) =>
            v(`dr${n}`, hexValue(cpu.dr[n]), 'debug register', { evaluateName: `dr${n}` }),
          ),
          v('cpl', String(cpu.cpl), 'current privilege level', { evaluateName: 'cpl' }),
          v(
            'instructions',
            String(session.instruction),
            'instructions retired since reset (the time axis of reverse execution)',
          ),
          v('gdtr', `base=${hexValue(cpu.gdtBase)} limit=0x${cpu.gdtLimit.toString(16)}`, 'GDT register'),
          v('idtr', `base=${hexValue(cpu.idtBase)} limit=0x${cpu.idtLimit.toString(16)}`, 'IDT register'),
          v(
            'ldtr',
            `${hex16(cpu.ldtSelector)} base=${hexValue(cpu.ldtBase)} limit=0x${cpu.ldtLimit.toString(16)}`,
            'LDT register',
          ),
          v(
            'tr',
            `${hex16(cpu.taskSelector)} base=${hexValue(cpu.taskBase)} limit=0x${cpu.taskLimit.toString(16)}`,
            'task register',
          ),
        ];
      case 'msrs':
        return [
          v('SYSENTER_CS (0x174)', hexValue(cpu.sysenterCs), 'MSR'),
          v('SYSENTER_ESP (0x175)', hexValue(cpu.sysenterEsp), 'MSR'),
          v('SYSENTER_EIP (0x176)', hexValue(cpu.sysenterEip), 'MSR'),
          v('EFER (0xC0000080)', `${hexValue(cpu.efer)} (SCE=${cpu.efer & 1})`, 'MSR'),
          v(
            'STAR (0xC0000081)',
            `0x${hex32(cpu.starHigh)}_${hex32(cpu.star)}`,
            'MSR: SYSRET CS/SS (63:48), SYSCALL CS/SS (47:32), SYSCALL EIP (31:0)',
          ),
          v(
            'TSC (0x10)',
            String(cpu.instructionCount + cpu.tscOffset),
            'MSR: time-stamp counter (instructions retired)',
          ),
        ];
      case 'fpu':
        return describeFpu(cpu.fpu, cpu.model.features.has('mmx')).map((r) => v(r.name, r.value, r.type));
      case 'tables':
        return [
          v(
            'GDT',
            `base=${hexValue(cpu.gdtBase)} ${Math.floor((cpu.gdtLimit + 1) / 8)} entries`,
            'global descriptor table',
            { variablesReference: this.ref({ kind: 'gdt' }) },
          ),
          v(
            'IDT',
            `base=${hexValue(cpu.idtBase)} ${Math.floor((cpu.idtLimit + 1) / 8)} entries`,
            'interrupt descriptor table',
            { variablesReference: this.ref({ kind: 'idt' }) },
          ),
          v('TSS', `selector ${hex16(cpu.taskSelector)} base=${hexValue(cpu.taskBase)}`, 'task-state segment', {
            variablesReference: this.ref({ kind: 'tss' }),
          }),
        ];
      case 'gdt':
        if (!cpu.protectedMode) return [v('(real mode)', 'no GDT in use', '')];
        return readDescriptorTable(session.guest, cpu.gdtBase >>> 0, cpu.gdtLimit, 256).map((e) =>
          v(`[${hex16(e.index * 8)}]`, e.text, 'descriptor'),
        );
      case 'idt':
        if (!cpu.protectedMode) return [v('(real mode)', 'the IVT at IDTR.base holds 4-byte vectors', '')];
        return readDescriptorTable(session.guest, cpu.idtBase >>> 0, cpu.idtLimit, 256).map((e) =>
          v(`[${e.index.toString(16).padStart(2, '0')}]`, e.text, 'gate'),
        );
      case 'kernel': {
        // What the kernel reported on its console at boot, and the KIP it built, read from
        // guest memory through the ABI layout.
        const report = parseKernelConsole(session.kernelLines.join('\n'));
        const vars = [
          v('cpu model', `${cpu.model.id} (${cpu.model.name})`, 'emulated CPU'),
          v(
            'detected',
            session.kernelLines.find((l) => l.includes('cpu: class'))?.replace(/^\[kernel\] cpu: /, '') ??
              'not reported yet',
            'kernel CPU detection',
          ),
          v('mechanism', report.mechanism ?? 'not reported yet', 'advertised system-call mechanism'),
          v(
            'mechanisms available',
            report.mechanismsAvailable.join(' ') || 'not reported yet',
            'mechanisms that work on this CPU',
          ),
          v(
            'address space',
            cpu.paging ? `CR3=${hexValue(cpu.cr3)} (CPL ${cpu.cpl})` : 'paging off',
            'current page directory',
          ),
        ];
        if (report.kipAddress !== undefined) {
          vars.push(
            v('KIP', hexValue(report.kipAddress), 'Kernel Interface Page', {
              variablesReference: this.ref({ kind: 'kip', address: report.kipAddress }),
              memoryReference: hexValue(report.kipAddress),
            }),
          );
          const stubOffset = session.guest.readValue(report.kipAddress + KIP.STUB_OFFSET, 4);
          const stubLength = session.guest.readValue(report.kipAddress + KIP.STUB_LENGTH, 4);
          if (stubOffset !== undefined && stubLength !== undefined && stubLength <= KIP.STUB_MAX) {
            const stub = stubDisassembly(session, report.kipAddress + stubOffset, stubLength);
            vars.push(
              v('stub', stub, `the advertised stub at ${hexValue(report.kipAddress + stubOffset)}`, {
                memoryReference: hexValue(report.kipAddress + stubOffset),
              }),
            );
          }
        }
        return vars;
      }
      case 'saved': {
        const view = session.kernel;
        if (!view) return [];
        const fields = view.frameAt(c.thread.savedFrame).fields;
        return SAVED_REGISTERS.map(([field, name]) => {
          const value = fields.get(field);
          const at = c.thread.savedFrame + view.offset(field);
          return v(
            name,
            value === undefined ? 'unreadable' : hexValue(value),
            `saved in the trap frame at ${hexValue(at)} (${field})`,
            { memoryReference: hexValue(at) },
          );
        });
      }
      case 'kip': {
        const r = decodeKip(session.guest, c.address);
        return r.ok ? r.fields.map((f) => v(f.name, f.value, 'KIP field')) : [v('(not a KIP)', r.message, '')];
      }
      case 'tss': {
        if (cpu.taskSelector === 0) return [v('(none)', 'no task register loaded (LTR not executed)', '')];
        return TSS_FIELDS.map(([name, offset, size]) => {
          const value = session.guest.readValue(cpu.taskBase + offset, size);
          return v(
            name,
            value === undefined ? 'unreadable' : size === 2 ? hex16(value) : hexValue(value),
            `TSS offset 0x${offset.toString(16)}`,
            { memoryReference: hexValue(cpu.taskBase + offset) },
          );
        });
      }
    }
  }
}
