// Breakpoint sets: source lines, instruction addresses and labels resolve to code addresses;
// each breakpoint may carry a condition, a hit condition and a log message. The table answers
// one question fast while the guest runs: which addresses must stop the machine.

import {
  ExpressionError,
  type ExpressionNode,
  type ExpressionScope,
  evaluateNode,
  evaluateExpression,
  parseExpression,
} from './expression';
import type { LoadedImage } from './image';

export type BreakpointKind = 'source' | 'instruction' | 'function';

export interface BreakpointOptions {
  condition?: string;
  /** `N` or `>= N` (from the N-th hit on), `== N`, `> N`, `% N` (every N-th hit). */
  hitCondition?: string;
  /** Logpoint: print this (with `{expression}` interpolation) instead of stopping. */
  logMessage?: string;
}

export interface HitCondition {
  op: '>=' | '==' | '>' | '%';
  count: number;
}

export class CodeBreakpoint {
  hits = 0;
  constructor(
    readonly id: number,
    readonly kind: BreakpointKind,
    /** Linear addresses the breakpoint stops at (empty when unverified). */
    readonly addresses: readonly number[],
    readonly condition: ExpressionNode | undefined,
    readonly hitCondition: HitCondition | undefined,
    readonly logMessage: string | undefined,
    /** Why the breakpoint is not verified, or undefined when it is. */
    readonly problem: string | undefined,
    /** The source line it resolved to (it may move from a blank line to the next code line). */
    readonly line?: { file: string; line: number },
  ) {}

  get verified(): boolean {
    return this.problem === undefined && this.addresses.length > 0;
  }
}

export function parseHitCondition(text: string): HitCondition {
  const m = /^\s*(>=|==|>|%|=)?\s*(\d+)\s*$/.exec(text);
  if (!m) throw new ExpressionError(`hit condition '${text}' must be N, >= N, == N, > N or % N`, 1);
  const op = (m[1] === '=' ? '==' : (m[1] ?? '>=')) as HitCondition['op'];
  const count = parseInt(m[2], 10);
  if (op === '%' && count === 0) throw new ExpressionError('hit condition % 0 divides by zero', 1);
  return { op, count };
}

function hitConditionMet(h: HitCondition | undefined, hits: number): boolean {
  if (!h) return true;
  switch (h.op) {
    case '>=':
      return hits >= h.count;
    case '==':
      return hits === h.count;
    case '>':
      return hits > h.count;
    case '%':
      return hits % h.count === 0;
  }
}

/** Replaces each `{expression}` of a log message with its value (hex), or the error text. */
export function interpolateLogMessage(message: string, scope: ExpressionScope): string {
  return message.replace(/\{([^{}]+)\}/g, (_, expr: string) => {
    try {
      return '0x' + evaluateExpression(expr, scope).toString(16);
    } catch (e) {
      return `<${e instanceof Error ? e.message : String(e)}>`;
    }
  });
}

/** What a breakpoint decided when the machine reached its address. */
export type BreakpointVerdict =
  | { action: 'stop'; breakpoints: CodeBreakpoint[]; messages: string[] }
  | { action: 'log'; messages: string[] }
  | { action: 'continue' }
  | { action: 'error'; breakpoint: CodeBreakpoint; message: string };

export class BreakpointTable {
  private nextId = 1;
  private readonly bySource = new Map<string, CodeBreakpoint[]>();
  private instruction: CodeBreakpoint[] = [];
  private functions: CodeBreakpoint[] = [];
  /** Address -> breakpoints there; rebuilt when a set changes. */
  private byAddress = new Map<number, CodeBreakpoint[]>();
  /** Counts changes of the address set (the session re-patches when it moves). */
  generation = 0;

  private make(
    kind: BreakpointKind,
    addresses: number[],
    options: BreakpointOptions,
    problem?: string,
    line?: { file: string; line: number },
  ): CodeBreakpoint {
    let condition: ExpressionNode | undefined;
    let hit: HitCondition | undefined;
    try {
      if (options.condition && options.condition.trim() !== '') condition = parseExpression(options.condition);
      if (options.hitCondition && options.hitCondition.trim() !== '') hit = parseHitCondition(options.hitCondition);
    } catch (e) {
      problem = `${e instanceof Error ? e.message : String(e)}`;
      addresses = [];
    }
    return new CodeBreakpoint(
      this.nextId++,
      kind,
      problem ? [] : addresses,
      condition,
      hit,
      options.logMessage,
      problem,
      line,
    );
  }

  /** Replaces the breakpoints of one source file; each line resolves through the images' line maps. */
  setSourceBreakpoints(
    file: string,
    requests: readonly ({ line: number } & BreakpointOptions)[],
    images: readonly LoadedImage[],
  ): CodeBreakpoint[] {
    const result = requests.map((r) => {
      const image = images.find((i) => i.hasFile(file));
      if (!image)
        return this.make('source', [], r, `no loaded image was assembled from ${file}`, { file, line: r.line });
      const line = image.nextLineWithCode(file, r.line);
      if (line === undefined)
        return this.make('source', [], r, `no code at or after line ${r.line}`, { file, line: r.line });
      return this.make('source', image.addressesOf(file, line), r, undefined, { file, line });
    });
    this.bySource.set(file, result);
    this.rebuild();
    return result;
  }

  setInstructionBreakpoints(requests: readonly ({ address: number } & BreakpointOptions)[]): CodeBreakpoint[] {
    this.instruction = requests.map((r) => this.make('instruction', [r.address >>> 0], r));
    this.rebuild();
    return this.instruction;
  }

  /** Function breakpoints name a label (or any expression that evaluates to an address). */
  setFunctionBreakpoints(
    requests: readonly ({ name: string } & BreakpointOptions)[],
    images: readonly LoadedImage[],
  ): CodeBreakpoint[] {
    this.functions = requests.map((r) => {
      for (const image of images) {
        const s = image.symbol(r.name);
        if (s && s.kind !== 'equ') return this.make('function', [s.address >>> 0], r);
      }
      return this.make('function', [], r, `no label named '${r.name}'`);
    });
    this.rebuild();
    return this.functions;
  }

  /** Re-resolves source and function breakpoints after images change (launch, restart). */
  all(): CodeBreakpoint[] {
    return [...[...this.bySource.values()].flat(), ...this.instruction, ...this.functions];
  }

  private rebuild(): void {
    const map = new Map<number, CodeBreakpoint[]>();
    for (const bp of this.all()) {
      if (!bp.verified) continue;
      for (const a of bp.addresses) {
        const list = map.get(a);
        if (list) list.push(bp);
        else map.set(a, [bp]);
      }
    }
    this.byAddress = map;
    this.generation++;
  }

  /** Every address that must stop the machine. */
  addresses(): IterableIterator<number> {
    return this.byAddress.keys();
  }

  get size(): number {
    return this.byAddress.size;
  }

  has(address: number): boolean {
    return this.byAddress.has(address);
  }

  /**
   * The machine reached `address`: count hits, evaluate conditions, decide. A condition that
   * cannot be evaluated stops the machine with the reason rather than silently continuing.
   */
  decide(address: number, scope: ExpressionScope): BreakpointVerdict {
    const list = this.byAddress.get(address);
    if (!list) return { action: 'continue' };
    const stopping: CodeBreakpoint[] = [];
    const messages: string[] = [];
    for (const bp of list) {
      if (bp.condition) {
        let value: number;
        try {
          value = evaluateNode(bp.condition, scope);
        } catch (e) {
          return {
            action: 'error',
            breakpoint: bp,
            message: `breakpoint condition failed: ${e instanceof Error ? e.message : String(e)}`,
          };
        }
        if (value === 0) continue;
      }
      bp.hits++;
      if (!hitConditionMet(bp.hitCondition, bp.hits)) continue;
      if (bp.logMessage !== undefined) messages.push(interpolateLogMessage(bp.logMessage, scope));
      else stopping.push(bp);
    }
    if (stopping.length > 0) return { action: 'stop', breakpoints: stopping, messages };
    if (messages.length > 0) return { action: 'log', messages };
    return { action: 'continue' };
  }
}
