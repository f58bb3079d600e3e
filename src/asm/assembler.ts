// The pass driver: symbols, sections, directives and data, over parsed statements.
//
// NASM-style optimisation (NASM manual 2.1.24, -Ox): every pass re-encodes every statement
// with the symbol values of the previous pass (forward references) or of this pass
// (backward references), until no label moves; the bytes and errors of that last pass are
// the output. Instruction sizes may grow and shrink between passes, as in NASM.

import { DiagnosticSink, SourceLocation } from './diagnostics';
import { encodeInstruction, Fixup, isMnemonic, isRelativeBranch, pushValueBytes } from './encode';
import { addToField } from './encodeBytes';
import { encodeFloat } from './float';
import { ABSOLUTE, evaluate, EvalScope, Expr, ExprParser, isSegRel, START_REL, Value, WRT_REL } from './expr';
import type { Token } from './lexer';
import { LineParser, Statement, DataItem, Operand } from './parse';
import type { LineMapEntry } from './linemap';
import type { SourceLine } from './preprocess';
import { directive, incbin } from './directives';
import { elfDefaultAlign } from './elf';
import { BinAttributes, BinSectionDetail, layoutBin, newBinAttributes, resetBinAttributes } from './binlayout';
import type { MapRequest } from './binmap';

export type OutputFormat = 'bin' | 'elf32';

export interface Section {
  name: string;
  index: number;
  nobits: boolean;
  align: number;
  /** Size reached in the current pass. */
  size: number;
  /** Virtual start address that labels count from (bin: vstart after layout; elf32: 0). */
  base: number;
  /** Load address in the bin image (start=, or where the layout put it); `base` unless vstart=. */
  start: number;
  /** bin output: the section attributes of this pass. */
  bin: BinAttributes;
  /** elf32: the flag words given (exec, noexec, write, nowrite, alloc, noalloc), in order. */
  elfFlags: string[];
  bytes: ByteBuffer;
}

/** Output bytes of a section, in a typed array that grows by doubling. */
export class ByteBuffer {
  data = new Uint8Array(256);
  length = 0;

  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }

  append(bytes: readonly number[]): void {
    this.reserve(bytes.length);
    for (let i = 0; i < bytes.length; i++) this.data[this.length++] = bytes[i];
  }

  zeros(n: number): void {
    this.reserve(n);
    this.data.fill(0, this.length, this.length + n);
    this.length += n;
  }

  /** The bytes written so far (a view, not a copy). */
  view(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

export interface SymbolRecord {
  name: string;
  /** Section index, ABSOLUTE for equ and absolute-space labels, or an extern's relocation base. */
  rel: number;
  /** Offset within the section, or the value. */
  offset: number;
  kind: 'label' | 'local' | 'equ' | 'extern';
  pass: number;
  file: string;
  line: number;
  global: boolean;
  /** Last value handed out (values are immutable, so it is shared while it stays right). */
  value?: Value;
}

export interface Relocation {
  section: number;
  offset: number;
  size: 1 | 2 | 4;
  /** Section index or extern base (EXTERN_BASE + k). */
  target: number;
  pcrel: boolean;
}

export interface ListingRecord {
  stmt: number;
  section: number;
  offset: number;
  /** Bytes of the first repetition (all of them for a single statement). */
  bytes: number[];
  /** Repetitions ('times'), 1 otherwise. */
  repeat: number;
  reserved: number;
  /** Relocatable fields of `bytes`, shown as NASM does: [section-relative value], (target) for relative ones. */
  fields: { offset: number; size: number; value: number; pcrel: boolean }[];
  /** Zero bytes before `bytes` (istruc `at`/`iend` padding), shown as 00<rep N>. */
  zeroPad?: number;
  /** incbin data, shown as <bin N>. */
  binary?: boolean;
}

/** Relocation bases at or above this value denote extern symbols (ELF output). */
export const EXTERN_BASE = 1 << 20;

export const ASSEMBLER_LIMITS = {
  // NASM keeps optimising until nothing moves; a long kernel needs more than two dozen passes for its
  // forward jumps to shrink (each pass a few more become short).
  maxPasses: 64,
  maxOutputBytes: 16 << 20,
};

interface PassState {
  pass: number;
  final: boolean;
  bits: 16 | 32;
  section: number;
  /** ABSOLUTE when assembling in `absolute`/`struc` space. */
  absolute: boolean;
  absOffset: number;
  savedSection: number;
  changed: boolean;
  structStart: number[];
  total: number;
}

export interface AssembleOptionsInternal {
  format: OutputFormat;
  /** Keep the per-statement records the listing needs. */
  listing?: boolean;
  readFile?: (path: string) => string | Uint8Array | undefined;
}

/** The pass driver's state; its directives live in directives.ts. */
export class Assembler {
  readonly sections: Section[] = [];
  readonly symbols = new Map<string, SymbolRecord>();
  readonly externs: string[] = [];
  /** `common name size[:align]` symbols (ELF SHN_COMMON), by their extern index. */
  readonly commons = new Map<number, { size: number; align: number }>();
  readonly globals = new Set<string>();
  readonly relocations: Relocation[] = [];
  readonly lines: LineMapEntry[] = [];
  readonly listing: ListingRecord[] = [];
  /** The `org` value (0 without one). */
  origin = 0;
  originSet = false;
  /** bin: where the image starts (the origin, or the first section's start=), and its progbits sections in order. */
  imageOrigin = 0;
  imageOrder: number[] = [0];
  /** The layout's view of each section for the map file, in layout order; what `[map]` asked. */
  binDetails: BinSectionDetail[] = [];
  mapRequest: MapRequest | undefined;
  /** `sectalign off` stops `align` from raising the section's alignment (NASM's standard macros). */
  sectalignOn = true;
  statements: Statement[] = [];
  /** Label base for local labels (`.x`) of each statement. */
  scopes: string[] = [];
  state!: PassState;
  currentStmt = 0;

  constructor(
    readonly options: AssembleOptionsInternal,
    readonly diags: DiagnosticSink,
  ) {
    this.sectionNamed('.text');
  }

  run(lines: SourceLine[]): void {
    const parser = new LineParser(isMnemonic);
    let scope = '';
    for (const line of lines) {
      const st = parser.parse(line.text, line);
      if (parser.error) {
        const t = parser.error.tok;
        const col = t ? t.col + 1 : line.text.trimEnd().length + 1;
        this.diags.error(line, col, t ? t.end + 1 : col + 1, parser.error.message);
        st.op = undefined;
        st.label = undefined;
      }
      // An EQU constant is not a label: NASM keeps the local-label scope of the last real label.
      const isEqu = st.op !== undefined && st.op.kind === 'equ';
      if (st.label && !isEqu && !st.label.text.startsWith('.') && !st.label.text.startsWith('..@'))
        scope = st.label.text;
      if (st.op && st.op.kind === 'directive' && st.op.name === 'struc' && st.op.args[0]) scope = st.op.args[0].text;
      this.statements.push(st);
      this.scopes.push(scope);
    }
    // Lines with syntax errors are dropped; the passes still run so that the errors of the
    // other lines are reported in the same run.
    // Pass 1 only sizes. Every later pass also records bytes and diagnostics; the first one
    // in which no label moved used exactly the values it defined, so its output is final.
    for (let pass = 1; pass <= ASSEMBLER_LIMITS.maxPasses; pass++) {
      this.pass(pass, pass > 1);
      if (pass > 1 && !this.state.changed) {
        this.flushDiagnostics();
        return;
      }
    }
    this.flushDiagnostics();
    this.diags.error(
      this.statements[0]?.at ?? { file: '', line: 1 },
      1,
      1,
      `label addresses did not settle after ${ASSEMBLER_LIMITS.maxPasses} passes`,
    );
  }

  sectionNamed(name: string): Section {
    let s = this.sections.find((x) => x.name === name);
    if (!s) {
      s = {
        name,
        index: this.sections.length,
        nobits: name === '.bss' || (this.options.format === 'elf32' && name === '.tbss'),
        align: this.options.format === 'elf32' ? elfDefaultAlign(name) : 4,
        elfFlags: [],
        size: 0,
        base: 0,
        start: 0,
        bin: newBinAttributes(name, this.sections.length > 0 ? this.sections.length - 1 : undefined),
        bytes: new ByteBuffer(),
      };
      this.sections.push(s);
    }
    return s;
  }

  pass(pass: number, final: boolean): void {
    this.state = {
      pass,
      final,
      bits: this.options.format === 'elf32' ? 32 : 16,
      section: 0,
      absolute: false,
      absOffset: 0,
      savedSection: 0,
      changed: false,
      structStart: [],
      total: 0,
    };
    for (const s of this.sections) {
      s.size = 0;
      s.bytes = new ByteBuffer();
      resetBinAttributes(s.bin);
    }
    this.originSet = false;
    this.sectalignOn = true;
    if (final) {
      this.pending = [];
      this.relocations.length = 0;
      this.lines.length = 0;
      this.listing.length = 0;
    }
    for (let i = 0; i < this.statements.length; i++) {
      this.currentStmt = i;
      this.statement(this.statements[i]);
    }
    this.layout();
  }

  /** NASM's bin layout (binlayout.ts): load and virtual addresses of every section. */
  layout(): void {
    if (this.options.format === 'elf32') return;
    const before = this.sections.map((s) => [s.base, s.start]);
    const r = layoutBin(this.sections, this.originSet ? this.origin : undefined);
    if (r.error) {
      const at = r.error.at ?? this.statements[0]?.at ?? { file: '', line: 1 };
      this.error(at, undefined, r.error.message);
      return;
    }
    this.imageOrigin = r.origin;
    this.imageOrder = r.order;
    this.binDetails = r.details;
    this.sections.forEach((s, i) => {
      if (s.base !== before[i][0] || s.start !== before[i][1]) this.state.changed = true;
    });
  }

  /** The address a relocation base stands for: a section's vstart, its start (section.x.start), else 0. */
  relBase(rel: number): number {
    if (rel < 0 || rel >= EXTERN_BASE || this.options.format === 'elf32') return 0;
    if (rel >= START_REL) return this.sections[rel - START_REL].start;
    return this.sections[rel].base;
  }

  get here(): number {
    const st = this.state;
    return st.absolute ? st.absOffset : this.sections[st.section].size;
  }

  hereValue(): Value {
    const st = this.state;
    if (st.absolute) return { n: st.absOffset, rel: ABSOLUTE, unknown: false };
    const s = this.sections[st.section];
    return { n: s.base + s.size, rel: s.index, unknown: false };
  }

  /** Diagnostics of the current recording pass; only the last pass's are reported. */
  pending: { severity: 'error' | 'warning'; at: SourceLocation; tok: Token | undefined; message: string }[] = [];

  error(at: SourceLocation, tok: Token | undefined, message: string): void {
    if (this.state.final) this.pending.push({ severity: 'error', at, tok, message });
  }

  warn(at: SourceLocation, tok: Token | undefined, message: string): void {
    if (this.state.final) this.pending.push({ severity: 'warning', at, tok, message });
  }

  flushDiagnostics(): void {
    for (const d of this.pending) {
      const col = d.tok ? d.tok.col + 1 : 1;
      this.diags.report(d.severity, d.at, col, d.tok ? d.tok.end + 1 : col + 1, d.message);
    }
    this.pending = [];
  }

  /** The full name of a symbol written at `tok` (local labels get their scope), cached on the token. */
  qualify(name: string, tok: Token): string {
    if (tok.qualified !== undefined) return tok.qualified;
    const full = name.startsWith('.') && !name.startsWith('..') ? this.scopes[this.currentStmt] + name : name;
    tok.qualified = full;
    return full;
  }

  /** The one evaluation scope; it reads the statement being assembled (no per-call closures). */
  readonly evalScope: EvalScope = {
    symbol: (name, tok) => {
      const full = this.qualify(name, tok);
      const sym = this.symbols.get(full);
      if (!sym && this.options.format === 'bin' && full.startsWith('section.')) {
        const v = this.sectionSymbol(full);
        if (v) return v;
      }
      if (!sym) {
        if (this.state.final) this.error(this.scopeStatement!.at, tok, `undefined symbol '${full}'`);
        return undefined;
      }
      return this.symbolValue(sym);
    },
    here: () => {
      if (this.dollarOffset < 0) return this.hereValue();
      if (this.state.absolute) return { n: this.dollarOffset, rel: ABSOLUTE, unknown: false };
      const sec = this.sections[this.state.section];
      return { n: sec.base + this.dollarOffset, rel: sec.index, unknown: false };
    },
    start: () => {
      const s = this.sections[this.state.section];
      return this.state.absolute
        ? { n: 0, rel: ABSOLUTE, unknown: false }
        : { n: s.base, rel: s.index, unknown: false };
    },
    error: (tok, message) => this.error(this.scopeStatement!.at, tok, message),
    selfRelative: (rel) => !this.state.absolute && rel === this.state.section,
  };

  /** `section.NAME.start` (load address) and `section.NAME.vstart` (what its labels count from), bin only. */
  sectionSymbol(full: string): Value | undefined {
    const m = /^section\.(.+)\.(start|vstart)$/.exec(full);
    const s = m ? this.sections.find((x) => x.name === m[1]) : undefined;
    if (!s) return undefined;
    return m![2] === 'start'
      ? { n: s.start, rel: START_REL + s.index, unknown: false }
      : { n: s.base, rel: s.index, unknown: false };
  }

  symbolValue(sym: SymbolRecord): Value {
    const n = this.relBase(sym.rel) + sym.offset;
    const cached = sym.value;
    if (cached !== undefined && cached.n === n && cached.rel === sym.rel) return cached;
    return (sym.value = { n, rel: sym.rel, unknown: false });
  }

  value(st: Statement, e: Expr): Value {
    this.scopeStatement = st;
    return evaluate(e, this.evalScope);
  }

  scopeStatement: Statement | undefined;

  define(st: Statement, tok: Token, rel: number, offset: number, kind: SymbolRecord['kind']): void {
    const name = this.qualify(tok.text.startsWith('$') ? tok.text.slice(1) : tok.text, tok);
    const old = this.symbols.get(name);
    const pass = this.state.pass;
    if (old && old.pass === pass) {
      if (old.kind !== 'extern')
        this.error(st.at, tok, `symbol '${name}' is already defined at ${old.file}:${old.line}`);
      return;
    }
    if (old && old.kind === 'extern') {
      this.error(st.at, tok, `symbol '${name}' is declared extern and cannot be defined here`);
      return;
    }
    if (!old || old.rel !== rel || old.offset !== offset) this.state.changed = true;
    if (old) {
      old.rel = rel;
      old.offset = offset;
      old.pass = pass;
      return;
    }
    this.symbols.set(name, {
      name,
      rel,
      offset,
      pass,
      file: st.at.file,
      line: st.at.line,
      global: this.globals.has(name),
      kind: kind === 'label' && (tok.text.startsWith('.') || tok.text.startsWith('..@')) ? 'local' : kind,
    });
  }

  statement(st: Statement): void {
    this.dollarOffset = -1;
    const op = st.op;
    const state = this.state;
    if (st.label && (!op || op.kind !== 'equ')) {
      if (state.absolute) this.define(st, st.label, ABSOLUTE, state.absOffset, 'label');
      else this.define(st, st.label, state.section, this.here, 'label');
    }
    if (!op) return;
    if (op.kind === 'equ') {
      const v = this.value(st, op.expr);
      this.define(st, st.label!, v.rel, v.n - this.relBase(v.rel), 'equ');
      return;
    }
    // `times N incbin ...` repeats the file's bytes (NASM); other directives take no times.
    if (op.kind === 'directive' && !(st.times && op.name === 'incbin')) return directive(this, st, op);
    let count = 1;
    if (st.times) {
      const v = this.value(st, st.times);
      if (v.rel !== ABSOLUTE)
        return this.error(st.at, st.timesTok, "the 'times' count must be a number, not an address");
      if (v.unknown) {
        if (state.final) return;
        count = 0;
      } else if (v.n < 0) {
        return this.error(st.at, st.timesTok, `the 'times' count is negative (${v.n})`);
      } else count = v.n;
      if (count > ASSEMBLER_LIMITS.maxOutputBytes) {
        this.error(
          st.at,
          st.timesTok,
          `'times ${count}' exceeds the output limit of ${ASSEMBLER_LIMITS.maxOutputBytes} bytes`,
        );
        return;
      }
    }
    if (op.kind === 'directive') return incbin(this, st, op, count);
    const startSection = state.section;
    const startOffset = this.here;
    // NASM: '$' is the start of the line, for every repetition of a 'times'.
    this.dollarOffset = startOffset;
    const listing = state.final && this.options.listing === true;
    const listed: number[] = listing ? [] : NO_BYTES;
    const fields: ListingRecord['fields'] = listing ? [] : NO_FIELDS;
    let repeated: { bytes: number[]; fixups: Fixup[] } | undefined;
    let reserved = 0;
    for (let k = 0; k < count; k++) {
      if (op.kind === 'reserve') {
        const v = this.value(st, op.count);
        if (v.rel !== ABSOLUTE)
          return this.error(st.at, op.tok, `the count of '${op.tok.text}' must be a number, not an address`);
        const n = v.unknown ? 0 : v.n;
        if (n < 0) return this.error(st.at, op.tok, `the count of '${op.tok.text}' is negative (${n})`);
        if (n * op.width > ASSEMBLER_LIMITS.maxOutputBytes)
          return this.error(
            st.at,
            op.tok,
            `'${op.tok.text} ${n}' exceeds the output limit of ${ASSEMBLER_LIMITS.maxOutputBytes} bytes`,
          );
        this.reserve(st, n * op.width, op.tok);
        reserved += n * op.width;
        continue;
      }
      let bytes: number[];
      let fixups: Fixup[];
      if (k > 0 && repeated) {
        // '$' is the line's start in every repetition, so data and non-relative
        // instructions come out the same each time: reuse the first repetition.
        bytes = repeated.bytes;
        fixups = repeated.fixups;
      } else if (op.kind === 'data') {
        bytes = [];
        fixups = [];
        this.data(st, op.width, op.items, bytes, fixups);
      } else {
        const enc = this.encode(st, op);
        if (state.final) for (const w of enc.warnings) this.warn(st.at, w.tok, w.message);
        if (enc.error) {
          this.error(st.at, enc.error.tok, enc.error.message);
          return;
        }
        if (state.final && st.prefixes.length > 0) this.checkLock(st, op.mnemonic);
        bytes = enc.bytes;
        fixups = enc.fixups;
      }
      if (!this.emit(st, bytes, fixups)) return;
      if (k === 0 && count > 1 && (op.kind === 'data' || !isRelativeBranch(op.mnemonic))) repeated = { bytes, fixups };
      if (listing && k === 0) {
        for (let i = 0; i < bytes.length; i++) listed.push(bytes[i]);
        for (const f of fixups) {
          const bin = this.options.format === 'bin';
          if ((f.value.rel === ABSOLUTE && !(f.pcrel && bin)) || (f.pcrel && !bin)) continue;
          const self = f.value.selfRel;
          const base = this.relBase(f.value.rel) - (self === undefined ? 0 : this.relBase(self));
          fields.push({
            offset: f.offset,
            size: f.size,
            value: f.value.n - base,
            pcrel: f.pcrel || self !== undefined,
          });
        }
      }
    }
    if (state.final && !state.absolute) {
      const length = this.here - startOffset;
      if (length > 0 && state.section === startSection) {
        this.recordLine(st, startSection, startOffset, length, op.kind === 'insn' ? 'code' : 'data');
      }
      if (this.options.listing)
        this.listing.push({
          stmt: this.currentStmt,
          section: startSection,
          offset: startOffset,
          bytes: listed,
          repeat: count,
          reserved,
          fields,
        });
    } else if (state.final && this.options.listing) {
      this.listing.push({
        stmt: this.currentStmt,
        section: -1,
        offset: startOffset,
        bytes: [],
        repeat: count,
        reserved,
        fields,
      });
    }
  }

  /**
   * Encode an instruction, reusing the previous pass's result when nothing it depends on
   * changed: the values of its expressions, the mode, the section, and (for relative
   * branches) its address. Most statements hit this cache after the first pass.
   */
  encode(st: Statement, op: Extract<NonNullable<Statement['op']>, { kind: 'insn' }>): CachedEncoding {
    const state = this.state;
    const index = this.currentStmt;
    let exprs = this.exprLists[index];
    if (!exprs) this.exprLists[index] = exprs = operandExpressions(op.operands);
    // The key: mode, section, address (relative branches only), then each value's parts.
    const cached = this.encodings[index];
    const key = this.keyScratch;
    key.length = 0;
    key.push(state.bits, state.absolute ? ABSOLUTE : state.section);
    if (isRelativeBranch(op.mnemonic)) key.push(this.here + (state.absolute ? 0 : this.sections[state.section].base));
    for (let i = 0; i < exprs.length; i++) {
      const v = this.value(st, exprs[i]);
      key.push(v.n, v.rel, v.unknown ? 1 : 0);
    }
    if (cached && sameKey(cached.key, key)) return cached;
    const warnings: { tok: Token; message: string }[] = [];
    const enc = encodeInstruction(op.mnemonic, op.tok, op.operands, st.prefixes, {
      bits: state.bits,
      value: (e) => this.value(st, e),
      section: state.absolute ? ABSOLUTE : state.section,
      address: this.hereValue().n,
      relocatable: this.options.format === 'elf32',
      warn: (tok, message) => warnings.push({ tok, message }),
    });
    const ownKey = key.slice();
    const result: CachedEncoding =
      'message' in enc
        ? { key: ownKey, bytes: [], fixups: [], warnings, error: { tok: enc.tok, message: enc.message } }
        : { key: ownKey, bytes: enc.bytes, fixups: enc.fixups, warnings, error: undefined };
    this.encodings[index] = result;
    return result;
  }

  readonly encodings: (CachedEncoding | undefined)[] = [];
  readonly keyScratch: number[] = [];
  readonly exprLists: (Expr[] | undefined)[] = [];

  /** LOCK on an instruction whose table row does not allow it: NASM warns and emits it. */
  checkLock(st: Statement, mnemonic: string): void {
    if (!st.prefixes.some((p) => p.word.kind === 'lock')) return;
    const op = st.op;
    if (op && op.kind === 'insn' && !op.operands.some((o) => o.kind === 'mem')) {
      const lockTok = st.prefixes.find((p) => p.word.kind === 'lock')!.tok;
      this.warn(st.at, lockTok, `'${mnemonic}' is not lockable: the CPU raises #UD (SDM Vol.2 LOCK)`);
    }
  }

  emit(st: Statement, bytes: number[], fixups: Fixup[]): boolean {
    const state = this.state;
    if (bytes.length === 0) return true;
    if (state.absolute) {
      this.error(
        st.at,
        st.op && 'tok' in st.op ? st.op.tok : undefined,
        'code or data in an absolute or struc block; use resb/resw/resd there',
      );
      return false;
    }
    const s = this.sections[state.section];
    state.total += bytes.length;
    if (state.total > ASSEMBLER_LIMITS.maxOutputBytes) {
      this.error(st.at, undefined, `output exceeds the limit of ${ASSEMBLER_LIMITS.maxOutputBytes} bytes`);
      return false;
    }
    if (s.nobits) {
      this.warn(
        st.at,
        st.op && 'tok' in st.op ? st.op.tok : undefined,
        `initialised data in the nobits section '${s.name}' is ignored`,
      );
      s.size += bytes.length;
      return true;
    }
    if (state.final) {
      for (const f of fixups) {
        if (f.value.rel === WRT_REL || isSegRel(f.value.rel)) {
          this.unsupportedBase(st, f.value.rel);
          continue;
        }
        if (this.options.format === 'elf32' && f.value.selfRel !== undefined) {
          // x - y, y in this section: a PC-relative relocation whose addend is x's offset minus
          // y's, plus the field's own offset (the linker subtracts the field's address).
          bytes = addToField(bytes.slice(), f.offset, f.size, s.size + f.offset);
        }
        if (this.options.format === 'elf32' && f.value.rel !== ABSOLUTE) {
          this.relocations.push({
            section: s.index,
            offset: s.size + f.offset,
            size: f.size,
            target: f.value.rel,
            pcrel: f.pcrel,
          });
        }
      }
      s.bytes.append(bytes);
    }
    s.size += bytes.length;
    return true;
  }

  /** `seg x` and `x wrt y` reach the output: neither format here can express them (NASM's messages). */
  unsupportedBase(st: Statement, rel: number): void {
    const format = this.options.format === 'bin' ? 'binary output format' : 'this elf32 writer';
    this.error(
      st.at,
      undefined,
      rel === WRT_REL ? `WRT not supported by ${format}` : `${format} does not support segment base references`,
    );
  }

  reserve(st: Statement, n: number, tok: Token): void {
    const state = this.state;
    if (state.absolute) {
      state.absOffset += n;
      return;
    }
    const s = this.sections[state.section];
    state.total += n;
    if (state.total > ASSEMBLER_LIMITS.maxOutputBytes) {
      this.error(st.at, tok, `output exceeds the limit of ${ASSEMBLER_LIMITS.maxOutputBytes} bytes`);
      return;
    }
    if (!s.nobits) {
      if (n > 0) this.warn(st.at, tok, `uninitialized space declared in the non-bss section '${s.name}': zeroing`);
      if (state.final) s.bytes.zeros(n);
    }
    s.size += n;
  }

  data(st: Statement, width: 1 | 2 | 4 | 8 | 10, items: DataItem[], bytes: number[], fixups: Fixup[]): void {
    for (const item of items) {
      if (item.float !== undefined) {
        const enc = encodeFloat(item.float, item.negative ?? false, width)!;
        if (enc.overflow) this.warn(st.at, item.tok, 'overflow in floating-point constant');
        bytes.push(...enc.bytes);
        continue;
      }
      if (width === 10) {
        this.error(st.at, item.tok, 'integer supplied as 80-bit data (dt takes floating-point constants)');
        continue;
      }
      if (item.str !== undefined) {
        const str = item.str;
        for (let i = 0; i < str.length; i++) bytes.push(str.charCodeAt(i) & 0xff);
        const pad = (width - (str.length % width)) % width;
        for (let i = 0; i < pad; i++) bytes.push(0);
        continue;
      }
      const v = this.value(st, item.expr!);
      if (v.rel !== ABSOLUTE) {
        if (width === 8) this.error(st.at, item.tok, 'a 64-bit address cannot be stored in 32-bit output');
        fixups.push({ offset: bytes.length, size: width as 1 | 2 | 4, value: v, pcrel: v.selfRel !== undefined });
      } else if (!v.unknown && width < 8) {
        const bits = width * 8;
        if (v.n < -(2 ** bits) || v.n >= 2 ** bits)
          this.warn(
            st.at,
            item.tok,
            `${width === 1 ? 'byte' : width === 2 ? 'word' : 'dword'} data ${v.big ?? v.n} exceeds bounds and is truncated`,
          );
      }
      pushValueBytes(bytes, v, width);
    }
  }

  /** A line map entry; section bases are final in the recording pass that is kept. */
  recordLine(st: Statement, section: number, offset: number, length: number, kind: 'code' | 'data'): void {
    const s = this.sections[section];
    this.lines.push({ address: s.base + offset, length, file: st.at.file, line: st.at.line, section: s.name, kind });
  }

  /** Line map and listing entries of `at`/`iend`: zero padding, then data. */
  recordFill(st: Statement, start: number, pad: number, bytes: number[]): void {
    const state = this.state;
    if (!state.final || state.absolute || pad + bytes.length === 0) return;
    this.recordLine(st, state.section, start, pad + bytes.length, 'data');
    if (this.options.listing)
      this.listing.push({
        stmt: this.currentStmt,
        section: state.section,
        offset: start,
        bytes,
        repeat: 1,
        reserved: 0,
        fields: [],
        zeroPad: pad,
      });
  }

  structName: string | undefined;
  /** Offset of the current line's start ('$' during a 'times'), -1 outside statements. */
  dollarOffset = -1;
  istrucs: { name: string; start: number }[] = [];

  exprOfTokens(st: Statement, tokens: Token[]): Value | undefined {
    const p = new ExprParser(tokens, 0);
    const e = p.parse();
    if (p.error || p.pos < tokens.length) {
      const t = p.error ? p.error.tok : tokens[p.pos];
      this.error(st.at, t, p.error ? p.error.message : `unexpected '${tokens[p.pos].text}'`);
      return undefined;
    }
    return this.value(st, e);
  }
}

/** Shared empty arrays for statements when no listing is kept (never written to). */
const NO_BYTES: number[] = [];
const NO_FIELDS: ListingRecord['fields'] = [];

interface CachedEncoding {
  key: number[];
  bytes: number[];
  fixups: Fixup[];
  warnings: { tok: Token; message: string }[];
  error: { tok: Token; message: string } | undefined;
}

function sameKey(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every expression an instruction's encoding can depend on. */
function operandExpressions(operands: Operand[]): Expr[] {
  const out: Expr[] = [];
  for (const o of operands) {
    if (o.kind === 'imm') out.push(o.expr);
    else if (o.kind === 'mem' && o.disp) out.push(o.disp);
    else if (o.kind === 'farptr') out.push(o.segment, o.offset);
  }
  return out;
}
