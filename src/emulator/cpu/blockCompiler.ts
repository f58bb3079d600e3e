// Compiles a hot basic block into one JavaScript function. Generated handler bodies are
// pasted in with the instruction's fields as constants (so `regs[ins.rm]` becomes `regs[1]`
// and the arithmetic helper calls inline); hand-written handlers are called from a call site
// of their own, which the engine can inline too. The function returns how many instructions
// retired: the whole block, or fewer when an instruction asked to leave the block (a store
// into decoded code, a mode change).
//
// Precise faults: before every instruction that can fault, EIP is set to its first byte, so a
// fault unwinding out of the function leaves EIP there and the interpreter counts the
// instructions before it as retired. Register-only generated instructions cannot fault and
// skip the store.

import type { Cpu } from './cpu';
import type { Instr } from './instr';
import { HELPERS, HELPER_NAMES } from './dispatch';

export type CompiledBlock = (cpu: Cpu) => number;

/**
 * Generated bodies that call any CPU method (memory, stack, limit checks, raising) can fault
 * and can store into decoded code; only the lazy-flag fields are plain data.
 */
function mayFault(body: string): boolean {
  return /cpu\.(?!lazy|flags\b)/.test(body);
}

function inlineFields(body: string, ins: Instr): string {
  return body.replace(/\bins\.(\w+)/g, (_, field: string) => {
    const v = (ins as unknown as Record<string, unknown>)[field];
    if (typeof v !== 'number') throw new Error(`block compiler: field ins.${field} is not a number`);
    return `(${v})`;
  });
}

/**
 * A body that only computes on registers (`regs[(n)]` with constant n) and flags: it cannot
 * fault and touches the register file only through those references, so its registers can
 * live in JavaScript locals.
 */
function registerOnly(body: string): boolean {
  return !mayFault(body) && !/jmpIndirect|callRm|pushRm|popRm|regs\[(?!\(\d\)\])/.test(body);
}

// Lazy flags in locals. Consecutive register-only ALU instructions each record the lazy-flag
// state (flags.ts) that the next one overwrites; the compiler keeps those records in locals
// lzOp..lzFlags and writes them to the CPU only before code that can read them (a helper
// call, a handler, a Jcc, a block exit), so the engine drops the dead stores. While the last
// record's op, size and lazy mask are compile-time constants, a following Jcc or INC/DEC
// computes the flag it needs directly from the locals (CMP + JB becomes one comparison).

const LAZY_FIELDS = ['Op', 'A', 'B', 'Result', 'Size', 'Flags'] as const;
const LAZY_WRITE = /cpu\.lazy(Op|A|B|Result|Size|Flags) = /g;
/** The INC/DEC prelude that folds the old CF into cpu.flags (dispatch.ts generateUnary). */
const FOLD_CF = 'cpu.flags = (cpu.flags & ~1) | flags.getCF(cpu);';

/** Code that may read or record lazy flags: direct field access or any helper given the CPU. */
function readsLazy(code: string): boolean {
  return /cpu\.lazy|\bflags\.|\(cpu[,)]/.test(code);
}

/** The last lazy record, when its op, size and mask are known constants. */
interface KnownLazy {
  op: number;
  size: number;
  mask: number;
}

/**
 * Splits a register-only body into the part before its lazy-flag record and the record
 * part, when the record part touches the CPU only through `cpu.lazyX = ...` stores.
 */
function lazyRecord(body: string): { before: string; record: string; known: KnownLazy | null } | null {
  const first = body.search(/cpu\.lazy(Op|A|B|Result|Size|Flags) = /);
  if (first < 0) return null;
  const record = body.slice(first);
  if (/\bcpu\b|\w+\.\w+\(/.test(record.replace(LAZY_WRITE, ''))) return null;
  const constant = (field: string): number | null => {
    const m = new RegExp(`cpu\\.lazy${field} = (\\d+);`).exec(record);
    return m ? Number(m[1]) : null;
  };
  const op = constant('Op'), size = constant('Size'), mask = constant('Flags');
  const known = op !== null && size !== null && mask !== null ? { op, size, mask } : null;
  return { before: body.slice(0, first), record, known };
}

/** CF from a known 32-bit lazy record held in the locals (flags.getCF), or null. */
function knownCF(k: KnownLazy): string | null {
  if (k.size !== 32) return null;
  if ((k.mask & 1) === 0) return '((cpu.flags & 1) !== 0)'; // INC/DEC: CF already in cpu.flags
  switch (k.op) {
    case 0: return '((lzResult >>> 0) < (lzA >>> 0))'; // ADD
    case 2: return '((lzA >>> 0) < (lzB >>> 0))'; // SUB, CMP
    case 4: return 'false'; // LOGIC
    default: return null;
  }
}

/** A condition test (flags.CONDITION_TEST_NAMES) over a known 32-bit record, or null. */
function knownCondition(name: string, k: KnownLazy): string | null {
  if (k.size !== 32 || (k.mask & 0xc0) !== 0xc0) return null; // ZF and SF must be lazy
  const cf = knownCF(k);
  const zf = '(lzResult === 0)';
  const sf = '(lzResult < 0)';
  let of: string | null = null;
  if ((k.mask & 0x800) !== 0) {
    if (k.op === 0) of = '(((lzA ^ lzResult) & (lzB ^ lzResult)) < 0)';
    else if (k.op === 2) of = '(((lzA ^ lzB) & (lzA ^ lzResult)) < 0)';
    else if (k.op === 4) of = 'false';
  }
  switch (name) {
    case 'conditionB': return cf;
    case 'conditionZ': return zf;
    case 'conditionBE': return cf === null ? null : `(${cf} || ${zf})`;
    case 'conditionS': return sf;
    case 'conditionO': return of;
    case 'conditionL': return of === null ? null : `(${sf} !== ${of})`;
    case 'conditionLE': return of === null ? null : `(${zf} || ${sf} !== ${of})`;
    default: return null;
  }
}

export function compileBlock(instrs: readonly Instr[], byteLength: number): CompiledBlock {
  const lines: string[] = ['const regs = cpu.regs;', 'const e0 = cpu.eip;'];
  const n = instrs.length;
  // A body that passes the instruction object itself on (PUSH/POP r/m: `popRm(cpu, ins)`)
  // cannot be pasted; its handler is called instead, which also sets EIP for its faults.
  const bodies = instrs.map((ins) => (ins.body !== null ? inlineFields(ins.body, ins) : null)).map((b) => (b !== null && /\bins\b/.test(b) ? null : b));
  // Registers that register-only bodies use are kept in locals r0..r7 between instructions
  // that need the register file (memory operands, hand-written handlers, exits).
  const cached = new Set<number>();
  for (const b of bodies) {
    if (b !== null && registerOnly(b)) for (const m of b.matchAll(/regs\[\((\d)\)\]/g)) cached.add(Number(m[1]));
  }
  const dirty = new Set<number>();
  const lazyDirty = new Set<string>();
  let known: KnownLazy | null = null;
  const flushLazy = (): void => {
    for (const f of lazyDirty) lines.push(`cpu.lazy${f} = lz${f};`);
    lazyDirty.clear();
    known = null;
  };
  const flush = (): void => {
    for (const r of dirty) lines.push(`regs[${r}] = r${r};`);
    dirty.clear();
    flushLazy();
  };
  lines.push(`let ${LAZY_FIELDS.map((f) => `lz${f} = 0`).join(', ')};`);
  const reload = (): void => {
    for (const r of cached) lines.push(`r${r} = regs[${r}];`);
  };
  for (const r of cached) lines.push(`let r${r} = regs[${r}];`);

  instrs.forEach((ins, k) => {
    const last = k === n - 1;
    const body = bodies[k];
    const eipHere = `cpu.eip = (e0 + ${ins.offsetInBlock}) >>> 0;`;
    if (body !== null && registerOnly(body) && ins.advance !== 0) {
      for (const m of body.matchAll(/regs\[\((\d)\)\] = /g)) dirty.add(Number(m[1]));
      let code = body;
      const rec = lazyRecord(body);
      if (rec !== null) {
        let before = rec.before;
        const cf = known !== null && before.includes(FOLD_CF) ? knownCF(known) : null;
        if (cf !== null) before = before.replace('flags.getCF(cpu)', `(${cf} ? 1 : 0)`);
        if (readsLazy(before)) flushLazy();
        for (const m of rec.record.matchAll(LAZY_WRITE)) lazyDirty.add(m[1]);
        code = before + rec.record.replace(LAZY_WRITE, 'lz$1 = ');
        known = rec.known;
      } else if (readsLazy(body)) {
        // A helper (shift, ADC...) may read or record lazy flags itself.
        flushLazy();
      }
      lines.push(`{${code.replace(/regs\[\((\d)\)\]/g, 'r$1')}}`);
    } else if (body !== null) {
      let code = body;
      if (known !== null) {
        const k: KnownLazy = known;
        code = code.replace(/flags\.(condition\w+)\(cpu\)/g, (call, name: string) => knownCondition(name, k) ?? call);
      }
      flush();
      const faults = mayFault(body);
      // A branch body reads cpu.eip as its own address; faulting bodies need it for precision.
      if (faults || ins.advance === 0) lines.push(eipHere);
      lines.push(`{${code}}`);
      if (faults && ins.advance !== 0) {
        lines.push(`if (cpu.leaveBlock) { cpu.eip = (e0 + ${ins.offsetInBlock + ins.length}) >>> 0; return ${k + 1}; }`);
      }
      // A side exit (a Jcc in mid-block): taken means leave, EIP already at the target.
      if (ins.advance === 0 && !last) lines.push(`if (cpu.leaveBlock) return ${k + 1};`);
      reload();
    } else {
      flush();
      lines.push(eipHere);
      lines.push(`H[${k}](cpu, I[${k}]);`);
      if (ins.advance !== 0) {
        lines.push(`if (cpu.leaveBlock) { cpu.eip = (cpu.eip + ${ins.length}) >>> 0; return ${k + 1}; }`);
      } else if (!last) {
        throw new Error('block compiler: a branch must end its block');
      }
      reload();
    }
    if (last) {
      flush();
      if (ins.advance !== 0) lines.push(`cpu.eip = (e0 + ${byteLength}) >>> 0;`);
    }
  });
  lines.push(`return ${n};`);
  const source = `"use strict"; return function block(cpu) {\n${lines.join('\n')}\n};`;
  const handlers = instrs.map((i) => i.handler);
  let factory = factories.get(source);
  if (factory === undefined) {
    if (factories.size >= MAX_FACTORIES) factories.clear();
    factory = new Function(...HELPER_NAMES, 'I', 'H', source) as BlockFactory;
    factories.set(source, factory);
  }
  return factory(...HELPERS, instrs, handlers);
}

type BlockFactory = (...args: unknown[]) => CompiledBlock;

/**
 * Factories by generated source. The source holds no address (EIP is relative to the block's
 * start), so the same instructions anywhere, in any machine, or decoded again after a store
 * into their page, share one factory: no new parse, and the closures it makes share the
 * engine's type feedback and optimized code, so a block compiled again is fast at once.
 */
const factories = new Map<string, BlockFactory>();
/** Bound on the cache (a guest generating code could otherwise grow it without end). */
const MAX_FACTORIES = 8192;
