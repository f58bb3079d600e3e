// Ctrl-C during a run: the run goes in chunks of instructions, and between chunks it lets
// Node deliver signals; a SIGINT marks the run as interrupted, and the command stops at the
// next chunk boundary with its summary. A second Ctrl-C ends the process at once.
// Commands made of many measurements (demo, bench) stop at their next checkpoint by throwing
// Interrupted, which the top-level guard prints as one line with status 130. A child process
// (qemu-i386, a native run) that a Ctrl-C at the terminal killed with us counts as a Ctrl-C too.
import { EXIT } from './options';

/** Ctrl-C stopped a command at a checkpoint; `during` says what it was doing. */
export class Interrupted extends Error {
  constructor(readonly during: string) {
    super(`interrupted (Ctrl-C) ${during}`);
  }
}

/** Set when a child process ended by SIGINT: the terminal's Ctrl-C reached its process group. */
let childInterrupted = false;

/** A child process this command waited for ended by SIGINT. */
export function noteChildInterrupted(): void {
  childInterrupted = true;
}

/** Instructions between two looks at SIGINT: a fraction of a second at the emulator's speed. */
export const INTERRUPT_CHUNK = 4_000_000;

export class InterruptWatch {
  interrupted = false;
  /** What the command is doing, for the Interrupted line (e.g. 'cpu int-loop'). */
  activity = 'the command';
  private readonly onSignal = (): void => {
    if (this.interrupted) process.exit(EXIT.INTERRUPTED);
    this.interrupted = true;
  };

  constructor() {
    process.on('SIGINT', this.onSignal);
  }

  /** Lets pending events (a SIGINT) in; true when the run should stop. */
  async check(): Promise<boolean> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (childInterrupted) this.interrupted = true;
    return this.interrupted;
  }

  /** A checkpoint: throws Interrupted (`during` what) when Ctrl-C came since the last one. */
  async checkpoint(during: string): Promise<void> {
    if (await this.check()) throw new Interrupted(during);
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal);
  }
}

/**
 * Runs `step(target)` (run until the absolute instruction count `target` or an earlier end)
 * in chunks up to `limit`, looking at SIGINT between chunks. Returns the last step's result,
 * or 'interrupted'. `isLimit` tells a step that only reached its target.
 */
export async function runInChunks<T>(
  step: (target: number) => T,
  executed: () => number,
  limit: number,
  isLimit: (result: T) => boolean,
  watch: InterruptWatch,
): Promise<T | 'interrupted'> {
  for (;;) {
    const result = step(Math.min(limit, executed() + INTERRUPT_CHUNK));
    if (!isLimit(result) || executed() >= limit) return result;
    if (await watch.check()) return 'interrupted';
  }
}
