// The kernel's system-call surfaces from hostile user programs: each input is a generated
// program (examples/user.inc conventions) that makes dozens of calls with random numbers and
// arguments through the native interface (the KIP stub, so every mechanism: int, call gate,
// sysenter, syscall), raw `int 0x30`, and the Linux personality on `int 0x80` (including
// set_thread_area 243 and modify_ldt 123 with random descriptors, then loading the selector),
// with pointers into the kernel, the KIP, its own code and stack, unmapped memory and map()ed
// pages, and maps over its own pages. It runs under the kernel on a random model, mechanism
// and discovery with an instruction budget. The kernel must stay alive: the run ends with an
// exit status (the program's, or the kernel's report of the faults it ended) or at the
// budget; a panic, a machine that stops or a host exception is a finding. A call the kernel
// does not have answers -ENOSYS, so the harness works before and after new calls exist.

import { assembleProgram } from '../../src/kernel/build';
import { buildKernel, KernelRun } from '../../src/cli/kernelRun';
import { MECHANISM_NAMES, SYSCALL, LINUX, LINUX_CALLS } from '../../src/kernel/abi';
import { descriptorInvariant } from './descriptorCheck';
import { MODEL_IDS } from '../../src/isa/models';
import * as fs from 'fs';
import * as path from 'path';
import type { FuzzContext, Harness, Rng } from './harness';
import { ROOT } from './dapClient';

const KERNEL_BUDGET = 3_000_000;
/** Instructions between two looks at the descriptor invariant (descriptorCheck.ts). */
const CHECK_SLICE = 2_000;
/** Linux i386 numbers of the descriptor calls (arch/x86/entry/syscalls/syscall_32.tbl). */
const LINUX_MODIFY_LDT = 123;
const LINUX_SET_THREAD_AREA = 243;
const LINUX_GET_THREAD_AREA = 244;
const LINUX_MPROTECT = 125;
const LINUX_MREMAP = 163;

function hex(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}

/** An operand for `mov reg, ...`: a number or an address worth attacking. */
function argument(rng: Rng): string {
  switch (rng.below(12)) {
    case 0:
      return hex(rng.interesting());
    case 1:
      return hex(rng.below(0x01000000)); // the kernel's region
    case 2:
      return '[kip]';
    case 3:
      return `buf + ${rng.below(300)}`;
    case 4:
      return `main + ${rng.below(64)}`;
    case 5:
      return `ADDR_FLAT_LOAD`;
    case 6:
      return hex(0x7f000000 - rng.below(0x11000)); // around the stack top and its guard
    case 7:
      return '[mapped]';
    case 8:
      return hex(0x40000000 + (rng.below(64) << 12));
    case 9:
      return hex(rng.below(0x10000));
    case 10:
      return hex(-rng.below(4096));
    default:
      return hex(rng.below(64));
  }
}

function nativeNumber(rng: Rng): number {
  const values = Object.values(SYSCALL) as number[];
  if (rng.chance(0.8)) {
    // exit and thread_exit (from the main thread) end the program: rarer, so most programs reach the end of
    // their calls.
    const n = rng.pick(values);
    return (n === SYSCALL.EXIT || n === SYSCALL.THREAD_EXIT) && rng.chance(0.9) ? SYSCALL.WRITE : n;
  }
  const n = rng.interesting();
  return (n === SYSCALL.EXIT || n === SYSCALL.THREAD_EXIT) && rng.chance(0.9) ? SYSCALL.KERNEL_INFO : n;
}

function linuxNumber(rng: Rng): number {
  const known = Object.entries(LINUX)
    .filter(([k]) => k.startsWith('SYS_'))
    .map(([, v]) => v as number);
  const extra = [
    LINUX_MODIFY_LDT,
    LINUX_SET_THREAD_AREA,
    LINUX_GET_THREAD_AREA,
    LINUX_MPROTECT,
    LINUX_MREMAP,
    243,
    123,
    // Threads: clone (CLONE_THREAD among random flags), futex, the per-thread calls.
    LINUX_CALLS.SYS_CLONE,
    LINUX_CALLS.SYS_FUTEX,
    LINUX_CALLS.SYS_FUTEX_TIME64,
    LINUX_CALLS.SYS_SCHED_YIELD,
    LINUX_CALLS.SYS_SCHED_GETAFFINITY,
    LINUX_CALLS.SYS_SET_TID_ADDRESS,
    LINUX_CALLS.SYS_SET_ROBUST_LIST,
  ];
  const n = rng.chance(0.85) ? rng.pick([...known, ...extra, ...extra]) : rng.interesting();
  return (n === LINUX.SYS_EXIT || n === LINUX.SYS_EXIT_GROUP) && rng.chance(0.9) ? LINUX.SYS_GETPID : n;
}

/** System descriptor types (S = 0) and gates a hostile descriptor may try to smuggle in (SDM Vol.3 3.5). */
const SYSTEM_TYPES = [0x1, 0x2, 0x3, 0x4, 0x5, 0x9, 0xb, 0xc, 0xe, 0xf];

/**
 * A Linux struct user_desc (entry_number, base_addr, limit, flags) in `desc`, drawn to cover
 * what the kernel must refuse or tame: every flag bit (seg_32bit, contents 0..3,
 * read_exec_only, limit_in_pages, seg_not_present, useable, lm), entry numbers below, inside
 * and above the range and -1 (allocate), and words that would be a ring-0 or system
 * descriptor, a call/interrupt/trap/task gate, if a kernel copied them into a table as they are.
 */
function descriptorSetup(rng: Rng, ldt: boolean): string[] {
  const range = ldt ? LINUX_CALLS.LDT_ENTRIES : LINUX_CALLS.TLS_ENTRY_MIN + LINUX_CALLS.TLS_ENTRIES;
  const entry = rng.pick([
    -1,
    rng.below(range),
    range,
    range + 1,
    LINUX_CALLS.TLS_ENTRY_MIN - 1,
    0,
    8191,
    8192,
    0x10000,
    rng.interesting(),
  ]);
  const dpl = rng.below(4);
  const rawType = rng.chance(0.5) ? rng.pick(SYSTEM_TYPES) : 0x10 | rng.below(16);
  // A raw descriptor's high dword: P, the DPL, S and the type (a gate when S = 0 and type 4/5/c/e/f).
  const rawHigh = (0x8000 | (dpl << 13) | (rawType << 8)) >>> 0;
  const base = rng.pick([0, 0x01000000, 0xc0000000, 0x7f000000, rng.interesting(), 0x100, rawHigh]);
  const limit = rng.pick([0xfffff, 0, 0xffff, rng.interesting(), rawHigh, 0x00100000 | rng.below(0x10000)]);
  // flags: every combination of the eight defined bits, sometimes with a raw access byte above them.
  const low = rng.below(0x100);
  const flags = rng.chance(0.3) ? (low | (rawHigh & 0xff00)) >>> 0 : rng.chance(0.1) ? rng.u32() : low;
  return [
    `    mov dword [desc], ${hex(entry)}`,
    `    mov dword [desc + 4], ${hex(base)}`,
    `    mov dword [desc + 8], ${hex(limit)}`,
    `    mov dword [desc + 12], ${hex(flags)}`,
    `    mov dword [desc_base], ${hex(base)}`,
  ];
}

let label = 0;

/**
 * Loads the selector of the descriptor just installed (the entry the kernel wrote back; TI = 1
 * for the LDT) into a segment register: mov into FS/GS/ES/DS/SS, or a far jmp/call into CS at
 * the offset that lands on the next instruction if the base is as asked. Each way then goes
 * back to the flat segments, so a load that the CPU accepts does not end the program.
 */
function loadSelector(rng: Rng, ldt: boolean): string[] {
  const n = label++;
  const lines = ['    mov eax, [desc]', '    shl eax, 3', `    or eax, ${ldt ? 7 : 3}`];
  const how = rng.pick(['fs', 'gs', 'es', 'ds', 'ss', 'jmp', 'call']);
  if (how === 'jmp' || how === 'call') {
    lines.push(
      '    mov [far_ptr + 4], ax',
      '    mov bx, cs',
      '    mov [back_ptr + 4], bx',
      `    mov dword [back_ptr], far_back_${n}`,
      `    mov eax, far_in_${n}`,
      '    sub eax, [desc_base]',
      '    mov [far_ptr], eax',
      how === 'jmp' ? '    jmp far [far_ptr]' : '    call far [far_ptr]',
      `    jmp far_back_${n}`,
      // In the new code segment: back to the flat one (a call's return address is on the stack).
      `far_in_${n}:`,
      how === 'jmp' ? '    jmp far [back_ptr]' : '    retf',
      `far_back_${n}:`,
    );
  } else if (how === 'ss') {
    lines.push('    mov bx, ss', '    mov ss, ax', '    mov eax, [esp]', '    mov ss, bx');
  } else {
    lines.push(
      `    mov bx, ${how}`,
      `    mov ${how}, ax`,
      `    mov eax, [${how}:${hex(rng.below(0x1000))}]`,
      `    mov ${how}, bx`,
    );
  }
  return lines;
}

function call(rng: Rng): string[] {
  const lines: string[] = [];
  const regs = ['ebx', 'ecx', 'edx', 'esi', 'edi'];
  // Raw entries and selector loads usually end the calling thread: rare, so that most
  // programs get through most of their calls.
  const kind = rng.chance(0.03) ? 9 : rng.below(9);
  if (kind < 5) {
    const n = nativeNumber(rng);
    lines.push(`    mov eax, ${hex(n)}`);
    for (const r of regs.slice(0, 1 + rng.below(5))) lines.push(`    mov ${r}, ${argument(rng)}`);
    // A long sleep is legitimate and only spends the budget: mostly short ones.
    if (n === SYSCALL.SLEEP && rng.chance(0.9)) lines.push(`    mov ebx, ${rng.below(3)}`);
    lines.push(kind === 0 ? '    int VEC_SYSCALL_INT' : '    call [syscall_entry]');
  } else if (kind < 8) {
    const n = linuxNumber(rng);
    if (n === LINUX_SET_THREAD_AREA || n === LINUX_MODIFY_LDT || n === LINUX_GET_THREAD_AREA) {
      lines.push(...descriptorSetup(rng, n === LINUX_MODIFY_LDT));
      lines.push(`    mov eax, ${n}`);
      if (n === LINUX_MODIFY_LDT)
        lines.push(
          `    mov ebx, ${rng.pick(['0', '1', '0x11', '2', hex(rng.interesting())])}`,
          `    mov ecx, ${rng.chance(0.8) ? 'desc' : argument(rng)}`,
          `    mov edx, ${rng.pick(['16', '0', '8', hex(rng.interesting())])}`,
        );
      else lines.push(`    mov ebx, ${rng.chance(0.8) ? 'desc' : argument(rng)}`);
      lines.push('    int 0x80');
      // Use what was set up, in every segment register and by far transfers into CS.
      if (rng.chance(0.5)) lines.push(...loadSelector(rng, n === LINUX_MODIFY_LDT));
    } else {
      if (n === LINUX.SYS_MMAP2 && rng.chance(0.5)) {
        // A fixed map over the program's own pages, or over the kernel's.
        lines.push(
          `    mov eax, ${n}`,
          `    mov ebx, ${rng.pick(['ADDR_FLAT_LOAD', 'main', 'buf', '0x1000', '[mapped]', 'esp', hex(0x7f000000 - 0x1000), hex(LINUX_CALLS.VDSO)])}`,
          '    and ebx, 0xfffff000',
          `    mov ecx, ${rng.pick(['0x1000', '0x2000', hex(rng.interesting())])}`,
          '    mov edx, 3',
          `    mov esi, ${rng.pick(['0x32', '0x22', '0x12', hex(rng.below(0x100))])}`,
          '    mov edi, -1',
          '    push ebp',
          '    xor ebp, ebp',
          '    int 0x80',
          '    pop ebp',
        );
        return lines;
      }
      if (n === LINUX_CALLS.SYS_CLONE && rng.chance(0.7)) {
        // A thread the way libcs make one (its TLS from `desc`), with random extra flags at times.
        const thread =
          LINUX_CALLS.CLONE_VM |
          LINUX_CALLS.CLONE_FS |
          LINUX_CALLS.CLONE_FILES |
          LINUX_CALLS.CLONE_SIGHAND |
          LINUX_CALLS.CLONE_THREAD |
          LINUX_CALLS.CLONE_SYSVSEM |
          LINUX_CALLS.CLONE_SETTLS |
          LINUX_CALLS.CLONE_PARENT_SETTID |
          LINUX_CALLS.CLONE_CHILD_CLEARTID;
        lines.push(...descriptorSetup(rng, false));
        lines.push(
          `    mov eax, ${n}`,
          `    mov ebx, ${hex(rng.chance(0.7) ? thread : thread ^ (1 << rng.below(32)))}`,
          `    mov ecx, ${rng.pick(['[mapped_top]', '0', argument(rng)])}`,
          `    mov edx, ${rng.pick(['buf', argument(rng)])}`,
          `    mov esi, ${rng.pick(['desc', argument(rng)])}`,
          `    mov edi, ${rng.pick(['buf + 4', argument(rng)])}`,
          '    int 0x80',
        );
        return lines;
      }
      if ((n === LINUX_CALLS.SYS_FUTEX || n === LINUX_CALLS.SYS_FUTEX_TIME64) && rng.chance(0.7)) {
        // A futex operation on the program's own words, with a short timeout or none.
        const op = rng.pick([0, 1, 3, 4, 5, 9, 10, rng.below(16)]) | rng.pick([0, 0x80, 0x100, 0x180]);
        lines.push(
          '    mov dword [buf + 16], 0',
          `    mov dword [buf + 20], ${hex(rng.below(30_000_000))}`,
          '    mov dword [buf + 24], 0',
          '    mov dword [buf + 28], 0',
          `    mov eax, ${n}`,
          `    mov ebx, ${rng.pick(['buf', 'buf + 8', argument(rng)])}`,
          `    mov ecx, ${hex(op)}`,
          `    mov edx, ${rng.pick(['0', '1', '[buf]', hex(rng.interesting())])}`,
          `    mov esi, ${rng.pick(['buf + 16', '0', '1', argument(rng)])}`,
          `    mov edi, ${rng.pick(['buf + 8', 'buf', argument(rng)])}`,
          '    push ebp',
          `    mov ebp, ${hex(rng.pick([-1, 1, 0, rng.interesting()]))}`,
          '    int 0x80',
          '    pop ebp',
        );
        return lines;
      }
      lines.push(`    mov eax, ${hex(n)}`);
      for (const r of regs.slice(0, 1 + rng.below(5))) lines.push(`    mov ${r}, ${argument(rng)}`);
      lines.push('    int 0x80');
    }
  } else if (kind === 8) {
    // A thread at a random place, or one that calls and ends.
    lines.push(
      '    mov eax, SYS_THREAD_CREATE',
      `    mov ebx, ${rng.pick(['worker', 'worker', argument(rng)])}`,
      `    mov ecx, ${rng.pick(['[mapped_top]', '[mapped_top]', argument(rng)])}`,
      `    mov edx, ${argument(rng)}`,
      '    call [syscall_entry]',
    );
  } else {
    // Raw entries with hostile registers: sysenter/syscall where the model lacks them are #UD.
    lines.push(
      '    push ebp',
      '    mov ebp, esp',
      `    mov ecx, ${argument(rng)}`,
      `    mov edx, ${argument(rng)}`,
      `    mov eax, ${hex(nativeNumber(rng))}`,
      `    mov esp, ${rng.chance(0.5) ? 'ebp' : argument(rng)}`,
    );
    lines.push(
      rng.pick(['    db 0x0f, 0x34', '    db 0x0f, 0x05', '    int VEC_SYSCALL_INT', '    int 0x80']),
      '    mov esp, ebp',
      '    pop ebp',
    );
  }
  return lines;
}

/** The hostile program's source; it prints its marker and exits 0 if it gets to the end. */
export function hostileProgram(rng: Rng, calls: number): string {
  const body: string[] = [];
  for (let i = 0; i < calls; i++) body.push(`    ; call ${i + 1}`, ...call(rng));
  const bytes = Array.from(rng.bytes(320), (b) => hex(b)).join(', ');
  return [
    'bits 32',
    '%include "abi.inc"',
    'org ADDR_FLAT_LOAD',
    '%include "user.inc"',
    'main:',
    '    call ask_kernel',
    '    mov eax, SYS_MAP',
    '    mov ebx, 0x4000',
    '    call [syscall_entry]',
    '    mov [mapped], eax',
    '    add eax, 0x4000',
    '    mov [mapped_top], eax',
    ...body,
    '    print "fuzz-syscalls: survived", 10',
    '    xor ebx, ebx',
    '    jmp exit',
    'worker:',
    '    mov eax, SYS_KERNEL_INFO',
    '    mov ebx, INFO_THREAD_ID',
    '    call [syscall_entry]',
    '    mov eax, SYS_THREAD_EXIT',
    '    call [syscall_entry]',
    'mapped dd 0',
    'mapped_top dd 0',
    'desc times 4 dd 0',
    'desc_base dd 0',
    'far_ptr dd 0',
    '    dw 0',
    'back_ptr dd 0',
    '    dw 0',
    `buf db ${bytes}`,
  ].join('\n');
}

export interface SyscallVerdict {
  end: string;
  survived: boolean;
  problem?: string;
}

export function runHostile(
  source: string,
  model: (typeof MODEL_IDS)[number],
  mechanism: string,
  discovery: 'lock-nop' | 'shared-page',
  seed: number,
): SyscallVerdict {
  const userInc = fs.readFileSync(path.join(ROOT, 'examples', 'user.inc'), 'utf8');
  const r = assembleProgram(source, 'hostile.asm', (p) => (p.endsWith('user.inc') ? userInc : undefined));
  if (!r.ok || !r.bytes)
    return {
      end: 'not assembled',
      survived: false,
      problem: `the generated program does not assemble: ${r.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `${d.line}: ${d.message}`)
        .slice(0, 3)
        .join('; ')}`,
    };
  const kernel = buildKernel();
  if (!kernel.ok) throw new Error(kernel.message);
  try {
    const run = KernelRun.boot(
      kernel.value,
      { name: 'hostile', bytes: r.bytes, symbols: new Map() },
      { model, mechanism: mechanism as 'auto', discovery, seed },
    );
    if (typeof run === 'string') return { end: run, survived: false, problem: run };
    // Slices short enough that the descriptor invariant is looked at around every call.
    let end = run.runFast(CHECK_SLICE);
    let broken = descriptorInvariant(run);
    while (!broken && end.kind === 'limit' && run.instructions < KERNEL_BUDGET) {
      end = run.runFast(Math.min(KERNEL_BUDGET, run.instructions + CHECK_SLICE));
      broken = descriptorInvariant(run);
    }
    const report = run.report();
    if (broken) return { end: 'invariant', survived: false, problem: `descriptor invariant broken: ${broken}` };
    const survived = run.console.includes('fuzz-syscalls: survived');
    if (report.panic) return { end: 'panic', survived, problem: `kernel panic: ${report.panic}` };
    if (end.kind === 'machine')
      return { end: 'machine', survived, problem: `the kernel died: ${end.description}\n${run.console.slice(-800)}` };
    return { end: end.kind === 'exit' ? `exit` : 'budget', survived };
  } catch (e) {
    return {
      end: 'threw',
      survived: false,
      problem: `host exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    };
  }
}

export const syscallHarness: Harness = {
  name: 'syscalls',
  description:
    'hostile generated programs: random native/int 0x30/int 0x80 calls, kernel and own-page pointers, set_thread_area/modify_ldt descriptors, maps over own pages, on every model and mechanism: the kernel stays alive',
  async run(ctx: FuzzContext): Promise<void> {
    const outcomes = new Map<string, number>();
    while (ctx.timeLeft()) {
      const source = hostileProgram(ctx.rng, 10 + ctx.rng.below(50));
      const model = ctx.rng.pick(MODEL_IDS);
      const mechanism = ctx.rng.pick(['auto', ...MECHANISM_NAMES]);
      const discovery = ctx.rng.chance(0.8) ? 'lock-nop' : 'shared-page';
      const v = runHostile(source, model, mechanism, discovery, ctx.rng.u32());
      ctx.tried();
      const key = `${v.end}${v.survived ? ' (all calls made)' : ''}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (v.problem)
        ctx.fail({
          why: `${model} ${mechanism} ${discovery}: ${v.problem}`,
          input: `; ${model} ${mechanism} ${discovery}\n${source}\n`,
          ext: 'asm',
        });
      await new Promise((r) => setImmediate(r));
    }
    ctx.note(`outcomes: ${[...outcomes].map(([k, n]) => `${k} ${n}`).join('; ')}`);
  },
};
