// Ctrl-C during a run: the run goes in chunks of instructions, and between chunks it lets
// Node deliver signals; a SIGINT marks the run as interrupted, and the command stops at the
// next chunk boundary with its summary. A second Ctrl-C ends the process at once.
import { EXIT } from './options';

/** Instructions between two looks at SIGINT: a fraction of a second at the emulator's speed. */
export const INTERRUPT_CHUNK = 4_000_000;

export class InterruptWatch {
  interrupted = false;
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
    return this.interrupted;
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
