// The NASM preprocessor subset (NASM manual chapter 4): %define/%xdefine/%idefine/%undef,
// %assign, %macro/%imacro with parameters, defaults, greedy '+' and %% local labels,
// %if/%elif/%else/%endif and the %ifdef/%ifndef/%ifidn families, %rep/%exitrep/%endrep,
// %include, %error/%warning/%fatal. Anything else starting with '%' is reported by name.
//
// Output is a flat list of lines, each with the location the debugger and the diagnostics
// should point at (a macro's body lines point at the invocation).

import { STACK_MODELS, standardMacroUniques } from './ppstandard';
import { DiagnosticSink, SourceLocation } from './diagnostics';
import { commentStart } from './lexer';
import { isMnemonic } from './encode';
import { isReservedNonMnemonic } from './parse';
import { CONDITIONS } from '../isa/instructions';
import { argOrLocal, defineDirective, stringDirective } from './ppstrings';
import type { Value } from './expr';
import { expandDefines, pasteAndExpand } from './ppdefines';
import { condition, evalCritical, evalCriticalText, labelExpression, noteLine } from './ppexpr';
import { paramRange, pasteTokens, rejoined, resolveInclude, nextArgStart, splitArgs } from './pptext';

export interface SourceLine extends SourceLocation {
  text: string;
  /** A call of a NASM standard macro taken as a directive: the last macro-local number it took. */
  uniq?: number;
}

export interface PreprocessOptions {
  fileName: string;
  format?: 'bin' | 'elf32';
  /** Record the listing trace (every source line with its expansion depth). */
  listing?: boolean;
  readFile?: (path: string) => string | Uint8Array | undefined;
  includePaths?: string[];
  defines?: Record<string, string>;
}

/** Limits that keep hostile input bounded (bounded memory and time). */
export const LIMITS = {
  maxOutputLines: 1_000_000,
  maxMacroDepth: 256,
  maxIncludeDepth: 32,
  maxDefineExpansions: 10_000,
  maxRepCount: 1_000_000,
};

interface SingleLineMacro {
  params: string[] | undefined;
  body: string;
}

interface MultiLineMacro {
  name: string;
  min: number;
  max: number;
  greedy: boolean;
  defaults: string[];
  body: string[];
  /** Line numbers of the body lines in the defining file (for the listing). */
  bodyLineNos: number[];
  caseless: boolean;
  /** The body uses `%00`: a label before the call is its value, not a line of its own (NASM 4.3.12). */
  capturesLabel: boolean;
}

interface Frame {
  lines: string[];
  /** Line numbers of `lines` in `file`, or undefined when every line reports `fixed`. */
  lineNos: number[] | undefined;
  file: string;
  fixed: SourceLocation | undefined;
  index: number;
  /** Remaining repetitions of a %rep body (0 for files and macros). */
  repeats: number;
  kind: 'file' | 'macro' | 'rep';
  args?: string[];
  uniq?: number;
  /** A macro expansion: the name as the call spelt it (%?) and as the definition did (%??). */
  names?: [string, string];
  /** `%00`: the label before the call (empty without one). */
  label?: string;
  /** Depth of the %if stack when a %rep body started (restored by %exitrep). */
  condDepth?: number;
  /** The macro expansion whose parameters this frame's lines see (itself, or the macro around a %rep). */
  macro?: Frame;
  /** Line numbers the listing shows for a macro body (where the body was defined). */
  listLineNos?: number[];
}

/** One line of the listing as NASM prints it: source text, line number, expansion depth. */
export interface ListingLine {
  text: string;
  line: number;
  /** 0 for a line of a file, n for a line produced by n levels of macro or %rep expansion. */
  depth: number;
  /** Index of the first preprocessed line this line produced, -1 if none. */
  out: number;
}

interface Conditional {
  /** This branch's lines are processed. */
  active: boolean;
  /** Some branch of this %if has been taken. */
  taken: boolean;
  /** The enclosing context is active. */
  parentActive: boolean;
  sawElse: boolean;
}

const UNSUPPORTED_NOTE = 'is not supported';

/** The preprocessor's state; its directives live here and in ppstrings.ts, ppexpr.ts and pptext.ts. */
export class Preprocessor {
  readonly defines = new Map<string, SingleLineMacro>();
  readonly idefines = new Map<string, SingleLineMacro>();
  readonly macros = new Map<string, MultiLineMacro[]>();
  /** EQU constants (plain numbers) and labels of the lines emitted so far (ppexpr.ts, noteLine). */
  readonly equs = new Map<string, Value>();
  readonly labels = new Map<string, number>();
  labelScope = '';
  readonly frames: Frame[] = [];
  readonly conds: Conditional[] = [];
  readonly out: SourceLine[] = [];
  uniqCounter = 0;
  /** The %push/%pop context stack (NASM 4.7); `%$name` is local to the top context. */
  readonly contexts: { name: string; id: number }[] = [];
  macroDepth = 0;
  aborted = false;

  constructor(
    readonly options: PreprocessOptions,
    readonly diags: DiagnosticSink,
  ) {
    this.bits = options.format === 'elf32' ? 32 : 16;
    this.trace = options.listing ? [] : undefined;
    for (const [name, value] of Object.entries(options.defines ?? {})) {
      this.defines.set(name, { params: undefined, body: value });
    }
  }

  run(source: string): SourceLine[] {
    this.pushFile(source, this.options.fileName);
    while (this.frames.length > 0 && !this.aborted) {
      const frame = this.frames[this.frames.length - 1];
      if (frame.index >= frame.lines.length) {
        if (frame.repeats > 1) {
          frame.repeats--;
          frame.index = 0;
          continue;
        }
        this.frames.pop();
        if (frame.kind === 'macro') this.macroDepth--;
        if (frame.kind === 'file') this.checkOpenConditionals(frame);
        continue;
      }
      const i = frame.index++;
      const at: SourceLocation = frame.fixed ?? { file: frame.file, line: frame.lineNos ? frame.lineNos[i] : i + 1 };
      if (this.trace) this.traceLine(frame, i);
      let text = frame.lines[i];
      if (frame.macro) text = this.substituteParams(text, frame.macro, at);
      if (this.contexts.length > 0 && text.includes('%$')) text = this.substituteContext(text, at);
      this.processLine(text, at, frame);
    }
    return this.out;
  }

  fileCondBase: number[] = [];

  pushFile(source: string, file: string): void {
    const raw = source.split(/\r?\n/);
    // The empty string after a final newline is not a line (NASM does not list it).
    if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
    const lines: string[] = [];
    const lineNos: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      let text = raw[i];
      const first = i;
      // NASM 3.1: a backslash at the end of a line continues it on the next.
      while (/\\\s*$/.test(text) && i + 1 < raw.length) {
        text = text.replace(/\\\s*$/, '') + raw[++i];
      }
      lines.push(text);
      lineNos.push(first + 1);
    }
    this.fileCondBase.push(this.conds.length);
    this.frames.push({ lines, lineNos, file, fixed: undefined, index: 0, repeats: 0, kind: 'file' });
  }

  checkOpenConditionals(frame: Frame): void {
    const base = this.fileCondBase.pop() ?? 0;
    if (this.conds.length > base) {
      this.diags.error(
        { file: frame.file, line: frame.lines.length },
        1,
        1,
        "expected '%endif' before the end of the file",
      );
      this.conds.length = base;
    }
  }

  get active(): boolean {
    return this.conds.length === 0 || this.conds[this.conds.length - 1].active;
  }

  /** The listing trace, when a listing was asked for. */
  readonly trace: ListingLine[] | undefined;
  traceIndex = -1;

  traceLine(frame: Frame, i: number): void {
    const line = frame.listLineNos ? frame.listLineNos[i] : frame.lineNos ? frame.lineNos[i] : i + 1;
    // NASM lists macro and %rep lines as it re-joins their tokens, not included files' lines.
    const text = frame.kind === 'file' ? frame.lines[i] : rejoined(frame.lines[i]);
    this.traceIndex = this.trace!.length;
    this.trace!.push({ text, line, depth: this.frames.length - 1, out: -1 });
  }

  emit(text: string, at: SourceLocation): void {
    if (this.trace && this.traceIndex >= 0 && this.trace[this.traceIndex].out < 0)
      this.trace[this.traceIndex].out = this.out.length;
    if (this.out.length >= LIMITS.maxOutputLines) {
      this.diags.error(
        at,
        1,
        1,
        `the source expands to more than ${LIMITS.maxOutputLines} lines (runaway %rep or macro?)`,
      );
      this.aborted = true;
      return;
    }
    this.out.push({ text, file: at.file, line: at.line });
  }

  processLine(text: string, at: SourceLocation, frame: Frame): void {
    const trimmed = text.trimStart();
    if (trimmed.startsWith('%') && /^%[a-zA-Z]/.test(trimmed)) {
      const m = /^%([a-zA-Z_]+)/.exec(trimmed)!;
      const directive = m[1].toLowerCase();
      const column = text.length - trimmed.length + 1;
      const rest = trimmed.slice(m[0].length);
      this.directive(directive, rest, at, column, frame, text);
      return;
    }
    if (!this.active) return;
    let expanded = this.expandDefines(text, at);
    if (expanded.includes('%+')) expanded = this.pasteAndExpand(expanded, at);
    const mode = /^\s*\[?\s*(?:bits\s+(16|32)|use(16|32))\b/i.exec(expanded);
    if (mode) this.bits = Number(mode[1] ?? mode[2]);
    if (this.tryInvokeMacro(expanded, at)) return;
    const used = standardMacroUniques(expanded);
    this.emit(expanded, at);
    if (used > 0) this.out[this.out.length - 1].uniq = this.uniqCounter + used - 1;
    this.uniqCounter += used;
    noteLine(this, expanded);
  }

  directive(name: string, rest: string, at: SourceLocation, column: number, frame: Frame, text: string): void {
    const endColumn = column + name.length + 1;
    const restNoComment = rest.slice(0, commentStart(rest)).trim();
    switch (name) {
      case 'if':
      case 'ifdef':
      case 'ifndef':
      case 'ifidn':
      case 'ifidni':
      case 'ifnidn':
      case 'ifnidni':
      case 'ifctx':
      case 'ifnctx':
      case 'ifmacro':
      case 'ifnmacro':
      case 'ifn':
      case 'ifnum':
      case 'ifnnum':
      case 'ifid':
      case 'ifnid':
      case 'ifstr':
      case 'ifnstr':
      case 'iftoken':
      case 'ifntoken':
      case 'ifempty':
      case 'ifnempty': {
        const parentActive = this.active;
        const value = parentActive ? condition(this, name, restNoComment, at, column) : false;
        this.conds.push({ active: parentActive && value, taken: value, parentActive, sawElse: false });
        return;
      }
      case 'elif':
      case 'elifdef':
      case 'elifndef':
      case 'elifidn':
      case 'elifidni':
      case 'elifctx':
      case 'elifmacro':
      case 'elifnmacro':
      case 'elifn':
      case 'elifnidn':
      case 'elifnidni':
      case 'elifnctx':
      case 'elifnum':
      case 'elifnnum':
      case 'elifid':
      case 'elifnid':
      case 'elifstr':
      case 'elifnstr':
      case 'eliftoken':
      case 'elifntoken':
      case 'elifempty':
      case 'elifnempty': {
        const top = this.conds[this.conds.length - 1];
        if (!top) return this.diags.error(at, column, endColumn, `'%${name}' without a matching '%if'`);
        if (top.sawElse) return this.diags.error(at, column, endColumn, `'%${name}' after '%else'`);
        if (!top.parentActive || top.taken) {
          top.active = false;
          return;
        }
        const value = condition(this, 'if' + name.slice(4), restNoComment, at, column);
        top.active = value;
        top.taken = value;
        return;
      }
      case 'else': {
        const top = this.conds[this.conds.length - 1];
        if (!top) return this.diags.error(at, column, endColumn, "'%else' without a matching '%if'");
        if (top.sawElse) return this.diags.error(at, column, endColumn, "a second '%else' in the same '%if'");
        top.sawElse = true;
        top.active = top.parentActive && !top.taken;
        top.taken = true;
        return;
      }
      case 'endif': {
        const base = this.fileCondBase[this.fileCondBase.length - 1] ?? 0;
        if (this.conds.length <= base)
          return this.diags.error(at, column, endColumn, "'%endif' without a matching '%if'");
        this.conds.pop();
        return;
      }
    }
    if (!this.active) {
      // Skipped %macro/%rep bodies are simply skipped line by line; their nested %if lines
      // were counted above, so the nesting stays right.
      return;
    }
    switch (name) {
      case 'define':
      case 'xdefine':
      case 'idefine':
      case 'xidefine':
        return defineDirective(this, name, restNoComment, at, column);
      case 'undef': {
        const id = restNoComment.split(/\s+/)[0];
        if (!id) return this.diags.error(at, column, endColumn, "expected a macro name after '%undef'");
        this.defines.delete(id);
        this.idefines.delete(id.toLowerCase());
        return;
      }
      case 'assign':
      case 'iassign': {
        const m = /^([A-Za-z_.?@$][\w.?@$#~]*)\s*(.*)$/.exec(restNoComment);
        if (!m) return this.diags.error(at, column, endColumn, `expected a name and an expression after '%${name}'`);
        const expanded = this.expandDefines(m[2], at);
        const v = labelExpression(this, expanded) ?? evalCriticalText(this, expanded, at, column);
        if (v === undefined) return;
        const entry = { params: undefined, body: v };
        if (name === 'iassign') this.idefines.set(m[1].toLowerCase(), entry);
        else this.defines.set(m[1], entry);
        return;
      }
      case 'macro':
      case 'imacro':
        return this.macroDefinition(name, restNoComment, at, column, frame);
      case 'endmacro':
      case 'endm':
        return this.diags.error(at, column, endColumn, `'%${name}' without a matching '%macro'`);
      case 'rep':
        return this.repBlock(restNoComment, at, column, frame);
      case 'endrep':
        return this.diags.error(at, column, endColumn, "'%endrep' without a matching '%rep'");
      case 'exitrep': {
        while (this.frames.length > 0) {
          const f = this.frames[this.frames.length - 1];
          if (f.kind === 'rep') {
            // NASM still lists the rest of the body of the iteration that exits.
            if (this.trace) for (let k = f.index; k < f.lines.length; k++) this.traceLine(f, k);
            this.frames.pop();
            this.conds.length = Math.min(this.conds.length, f.condDepth ?? this.conds.length);
            return;
          }
          if (f.kind === 'file') break;
          this.frames.pop();
          if (f.kind === 'macro') this.macroDepth--;
        }
        return this.diags.error(at, column, endColumn, "'%exitrep' outside a '%rep' block");
      }
      case 'rotate': {
        const macro = frame.macro;
        if (!macro || !macro.args) return this.diags.error(at, column, endColumn, "'%rotate' outside a macro");
        const n = evalCritical(this, this.expandDefines(restNoComment, at), at, column + 7);
        if (n === undefined || macro.args.length === 0) return;
        const k = ((n % macro.args.length) + macro.args.length) % macro.args.length;
        macro.args = [...macro.args.slice(k), ...macro.args.slice(0, k)];
        return;
      }
      case 'push':
        this.contexts.push({ name: restNoComment.split(/\s+/)[0] ?? '', id: this.uniqCounter++ });
        return;
      case 'repl':
      case 'pop': {
        const top = this.contexts[this.contexts.length - 1];
        if (!top) return this.diags.error(at, column, endColumn, `'%${name}' with no context pushed`);
        const ctxName = restNoComment.split(/\s+/)[0] ?? '';
        if (name === 'repl') top.name = ctxName;
        else if (ctxName && ctxName !== top.name)
          return this.diags.error(at, column, endColumn, `'%pop ${ctxName}' but the current context is '${top.name}'`);
        else this.contexts.pop();
        return;
      }
      case 'include':
        return this.include(this.expandDefines(restNoComment, at), at, column);
      case 'unmacro':
      case 'unimacro': {
        const m = /^([A-Za-z_.?@$][\w.?@$#~]*)\s+(\d+)(?:\s*-\s*(\d+|\*))?(\+)?\s*$/.exec(restNoComment);
        if (!m)
          return this.diags.error(
            at,
            column,
            endColumn,
            `expected a macro name and a parameter count after '%${name}'`,
          );
        const min = parseInt(m[2], 10);
        const max = m[3] === '*' ? Infinity : m[3] ? parseInt(m[3], 10) : min;
        const key = name === 'unimacro' ? m[1].toLowerCase() : m[1];
        const list = this.macros.get(key);
        const index = list ? list.findIndex((x) => x.min === min && x.max === max) : -1;
        if (!list || index < 0)
          return this.diags.error(
            at,
            column,
            endColumn,
            `'%${name}': no macro '${m[1]}' taking ${m[2]}${m[3] ? '-' + m[3] : ''} parameters`,
          );
        list.splice(index, 1);
        return;
      }
      case 'strlen':
      case 'substr':
      case 'defstr':
      case 'deftok':
      case 'strcat':
        return stringDirective(this, name, restNoComment, at, column);
      case 'stacksize': {
        const model = STACK_MODELS[restNoComment.toLowerCase()];
        if (!model)
          return this.diags.error(
            at,
            column,
            endColumn,
            `'%stacksize' expects flat, flat64, large or small, found '${restNoComment}'`,
          );
        this.stack = { ...model, argOffset: model.argOffset, localOffset: 0 };
        return;
      }
      case 'arg':
      case 'local':
        return argOrLocal(this, name, restNoComment, at, column);
      case 'error':
      case 'fatal':
      case 'warning': {
        const message = this.expandDefines(restNoComment, at).replace(/^(["'`])(.*)\1$/, '$2');
        if (name === 'warning') this.diags.warning(at, column, column + text.trim().length, message);
        else this.diags.error(at, column, column + text.trim().length, message);
        if (name === 'fatal') this.aborted = true;
        return;
      }
      default:
        return this.diags.error(at, column, endColumn, `'%${name}' ${UNSUPPORTED_NOTE}`);
    }
  }

  /** %stacksize state (NASM 4.8): the frame register, slot size and the next offsets. */
  stack = { base: 'ebp', slot: 4, argOffset: 8, localOffset: 0 };

  /** NASM's standard macros that depend on where they are used (NASM 5.1, 5.3). */
  builtin(word: string, at: SourceLocation): string | undefined {
    if (this.lookupDefine(word)) return undefined;
    switch (word) {
      case '__?LINE?__':
      case '__LINE__':
        return String(at.line);
      case '__?FILE?__':
      case '__FILE__':
        return `'${at.file}'`;
      case '__?BITS?__':
      case '__BITS__':
        return String(this.bits);
      default:
        return undefined;
    }
  }

  /** The mode set by the last `bits`/`use16`/`use32` line, for __?BITS?__. */
  bits: number;

  lookupDefine(name: string): SingleLineMacro | undefined {
    return this.defines.get(name) ?? (this.idefines.size > 0 ? this.idefines.get(name.toLowerCase()) : undefined);
  }

  /** Expand single-line macros in a line (NASM 4.1), leaving strings and comments alone (ppdefines.ts). */
  expandDefines(text: string, at: SourceLocation): string {
    return expandDefines(this, text, at);
  }

  /** `%+` pasting after single-line macro expansion, as NASM orders them (ppdefines.ts). */
  pasteAndExpand(text: string, at: SourceLocation): string {
    return pasteAndExpand(this, text, at);
  }

  /** Collect the lines up to the matching terminator, counting nested openers. */
  collectBlock(frame: Frame, openers: RegExp, closer: RegExp): { lines: string[]; lineNos: number[] } | undefined {
    const lines: string[] = [];
    const lineNos: number[] = [];
    let depth = 1;
    while (frame.index < frame.lines.length) {
      const i = frame.index++;
      if (this.trace) this.traceLine(frame, i);
      const text = frame.lines[i];
      const t = text.trimStart().toLowerCase();
      if (openers.test(t)) depth++;
      else if (closer.test(t)) {
        depth--;
        if (depth === 0) return { lines, lineNos };
      }
      lines.push(text);
      lineNos.push(
        frame.listLineNos
          ? frame.listLineNos[i]
          : frame.lineNos
            ? frame.lineNos[i]
            : frame.fixed
              ? frame.fixed.line
              : i + 1,
      );
    }
    return undefined;
  }

  macroDefinition(kind: string, rest: string, at: SourceLocation, column: number, frame: Frame): void {
    const m =
      /^([A-Za-z_.?@$][\w.?@$#~]*)\s+(\d+)(?:\s*-\s*(\d+|\*))?(\+)?(\.nolist)?\s*(.*)$/.exec(rest) ??
      /^([A-Za-z_.?@$][\w.?@$#~]*)()()()()()\s*$/.exec(rest);
    const block = this.collectBlock(frame, /^%i?macro\b/, /^%endm(acro)?\b/);
    if (!block) {
      this.diags.error(at, column, column + kind.length + 1, "expected '%endmacro' before the end of the file");
      return;
    }
    if (!m) {
      this.diags.error(
        at,
        column,
        column + kind.length + 1,
        `expected a macro name and a parameter count after '%${kind}'`,
      );
      return;
    }
    const min = m[2] ? parseInt(m[2], 10) : 0;
    const max = m[3] === '*' ? Infinity : m[3] ? parseInt(m[3], 10) : min;
    const defaults = m[6] ? splitArgs(m[6]) : [];
    const caseless = kind === 'imacro';
    const key = caseless ? m[1].toLowerCase() : m[1];
    const list = this.macros.get(key) ?? [];
    const macro: MultiLineMacro = {
      name: m[1],
      min,
      max,
      greedy: m[4] === '+',
      defaults,
      body: block.lines,
      bodyLineNos: block.lineNos,
      caseless,
      capturesLabel: block.lines.some((l) => /%00(?!\d)/.test(l)),
    };
    const same = list.findIndex((x) => x.min === min && x.max === max);
    if (same >= 0) list[same] = macro;
    else list.push(macro);
    this.macros.set(key, list);
    if (caseless) this.macros.set(m[1], list);
  }

  repBlock(rest: string, at: SourceLocation, column: number, frame: Frame): void {
    const block = this.collectBlock(frame, /^%rep\b/, /^%endrep\b/);
    if (!block) {
      this.diags.error(at, column, column + 4, "expected '%endrep' before the end of the file");
      return;
    }
    const count = evalCritical(this, this.expandDefines(rest, at), at, column + 4);
    if (count === undefined) return;
    if (count < 0 || count > LIMITS.maxRepCount) {
      this.diags.error(at, column, column + 4, `%rep count ${count} is outside 0..${LIMITS.maxRepCount}`);
      return;
    }
    if (count === 0 || block.lines.length === 0) return;
    if (count * block.lines.length > LIMITS.maxOutputLines) {
      this.diags.error(
        at,
        column,
        column + 4,
        `%rep ${count} of ${block.lines.length} lines exceeds the limit of ${LIMITS.maxOutputLines} lines`,
      );
      return;
    }
    this.frames.push({
      lines: block.lines,
      lineNos: block.lineNos,
      file: at.file,
      fixed: frame.fixed,
      index: 0,
      repeats: count,
      kind: 'rep',
      condDepth: this.conds.length,
      macro: frame.macro,
    });
  }

  include(rest: string, at: SourceLocation, column: number): void {
    const m = /^["'<](.*)["'>]$/.exec(rest.trim()) ?? /^(\S+)$/.exec(rest.trim());
    if (!m) return this.diags.error(at, column, column + 8, "expected a file name in quotes after '%include'");
    const name = m[1];
    const depth = this.frames.filter((f) => f.kind === 'file').length;
    if (depth >= LIMITS.maxIncludeDepth) {
      return this.diags.error(
        at,
        column,
        column + 8,
        `'%include' nested deeper than ${LIMITS.maxIncludeDepth} files (recursive include?)`,
      );
    }
    const found = resolveInclude(name, at.file, this.options);
    if (!found) return this.diags.error(at, column, column + 8 + rest.length, `cannot open include file '${name}'`);
    this.pushFile(found.text, found.path);
  }

  tryInvokeMacro(text: string, at: SourceLocation): boolean {
    if (this.macros.size === 0) return false;
    const m = /^(\s*)([A-Za-z_.?@$][\w.?@$#~]*)(\s*:)?(\s+|$)/.exec(text);
    if (!m) return false;
    let nameStart = m[1].length;
    let name = m[2];
    let label = '';
    let list = this.macros.get(name) ?? this.macros.get(name.toLowerCase())?.filter((x) => x.caseless);
    // `name:` is a label even where a macro has that name (NASM); a macro may follow it.
    // `label macro args` too: NASM takes a first word that is not a macro for a label when a macro follows.
    if (m[3] !== undefined || ((!list || list.length === 0) && !reservedWord(name.toLowerCase()))) {
      // `label: macro args`: the label stays on its own line before the expansion.
      const after = /^\s*([A-Za-z_.?@$][\w.?@$#~]*)(\s+|$)/.exec(text.slice(m[0].length));
      if (!after) return false;
      if (m[3] === undefined && m[4].length === 0) return false;
      label = text.slice(0, m[1].length + m[2].length + (m[3] ?? '').length);
      nameStart = m[0].length + after[0].indexOf(after[1]);
      name = after[1];
      list = this.macros.get(name) ?? this.macros.get(name.toLowerCase())?.filter((x) => x.caseless);
    }
    if (!list || list.length === 0) return false;
    const argText = text.slice(nameStart + name.length, commentStart(text)).trim();
    let args = argText.length === 0 ? [] : splitArgs(argText);
    const macro =
      list.find((x) => args.length >= x.min && args.length <= x.max) ??
      list.find((x) => x.greedy && args.length > x.max);
    if (!macro) {
      const expected = list
        .map((x) => (x.min === x.max ? `${x.min}` : `${x.min}-${x.max === Infinity ? '*' : x.max}`))
        .join(' or ');
      this.diags.error(
        at,
        nameStart + 1,
        nameStart + name.length + 1,
        `macro '${name}' expects ${expected} parameters, found ${args.length}`,
      );
      return true;
    }
    if (macro.greedy && args.length > macro.max) {
      // The last parameter takes the rest of the line, commas included.
      const kept = args.slice(0, macro.max - 1);
      let offset = 0;
      for (let k = 0; k < kept.length; k++) offset = nextArgStart(argText, offset);
      args = [...kept, argText.slice(offset).trim()];
    }
    if (args.length < macro.max && macro.max !== Infinity) {
      const missing = macro.max - args.length;
      const fromDefaults = macro.defaults.slice(args.length - macro.min, args.length - macro.min + missing);
      args = [...args, ...fromDefaults];
    }
    if (this.macroDepth >= LIMITS.maxMacroDepth) {
      this.diags.error(
        at,
        nameStart + 1,
        nameStart + name.length + 1,
        `macro '${name}' nested deeper than ${LIMITS.maxMacroDepth} levels (infinite recursion?)`,
      );
      this.aborted = true;
      return true;
    }
    const captured = macro.capturesLabel ? label.replace(/\s*:$/, '').trim() : undefined;
    if (label && captured === undefined) {
      if (this.trace) {
        // Listed with the number the calling line is listed with (inside a macro: its body line).
        const line = this.traceIndex >= 0 ? this.trace[this.traceIndex].line : at.line;
        this.traceIndex = this.trace.length;
        // NASM lists the label with the colon it adds when the call line had none.
        const listed = m[3] === undefined ? `${label} :` : label + ' ';
        this.trace.push({ text: listed, line, depth: this.frames.length, out: -1 });
      }
      this.emit(m[3] === undefined ? `${label}:` : label, at);
    }
    this.macroDepth++;
    this.frames.push({
      lines: macro.body,
      lineNos: undefined,
      listLineNos: macro.bodyLineNos,
      file: at.file,
      fixed: { file: at.file, line: at.line },
      index: 0,
      repeats: 0,
      kind: 'macro',
      args,
      names: [name, macro.name],
      label: captured,
      uniq: this.uniqCounter++,
    });
    const pushed = this.frames[this.frames.length - 1];
    pushed.macro = pushed;
    return true;
  }

  /** `%$name` -> the top context's `..@N.name`; `%$$name` one context further out (NASM 4.7.2). */
  substituteContext(text: string, at: SourceLocation): string {
    return text.replace(/%(\$+)([A-Za-z_.?@#~][\w.?@$#~]*)/g, (whole, dollars: string, name: string) => {
      const ctx = this.contexts[this.contexts.length - dollars.length];
      if (!ctx) {
        this.diags.error(at, 1, 1, `'${whole}' refers to a context that was not pushed`);
        return whole;
      }
      return `..@${ctx.id}.${name}`;
    });
  }

  /** Replace %1..%N, %{N}, %0, %?, %?? and %%label in a macro body line (NASM 4.3). */
  substituteParams(text: string, frame: Frame, at: SourceLocation): string {
    if (text.indexOf('%') < 0) return text;
    const args = frame.args ?? [];
    let out = text.replace(
      /%(\?\??|%[A-Za-z_.?@$][\w.?@$#~]*|\{(\d+)\}|\{(-?\d+):(-?\d+)\}|\d+|[+-]\d+)/g,
      (whole, body: string, braced: string | undefined, first: string | undefined, last: string | undefined) => {
        if (body[0] === '?') return frame.names?.[body.length - 1] ?? whole;
        if (first !== undefined)
          return paramRange(args, Number(first), Number(last), (message) => this.diags.error(at, 1, 1, message));
        if (body === '00') return frame.label ?? '';
        if (body[0] === '%') return `..@${frame.uniq}.${body.slice(1)}`;
        if (body[0] === '+' || body[0] === '-') {
          // %+n / %-n: parameter n as a condition code, or its inverse (NASM 4.3.8).
          const arg = (args[parseInt(body.slice(1), 10) - 1] ?? '').trim().toLowerCase();
          const cc = CONDITIONS.findIndex((names) => names.includes(arg));
          if (cc < 0) {
            this.diags.error(at, 1, 1, `macro parameter ${whole} must be a condition code, found '${arg}'`);
            return '';
          }
          return body[0] === '+' ? arg : CONDITIONS[cc ^ 1][0];
        }
        const n = parseInt(braced ?? body, 10);
        if (n === 0) return String(args.length);
        // A parameter past the ones given is empty, as in NASM (`%ifempty %2` relies on it).
        return n > args.length ? '' : args[n - 1];
      },
    );
    // A directive pastes here; any other line after its single-line macros are expanded (processLine).
    if (out.includes('%+') && /^\s*%[a-zA-Z]/.test(out)) out = pasteTokens(out);
    return out;
  }
}

/** A mnemonic, register, prefix or other word NASM's tokenizer reserves (not an identifier). */
function reservedWord(lower: string): boolean {
  return isMnemonic(lower) || isReservedNonMnemonic(lower);
}
