// Reverse execution (see sessionBase.ts): the machine put back to any instruction count in
// the history by restoring a snapshot and re-executing silently; step back by instruction or
// line; reverse continue to the last breakpoint hit; an edit drops the recorded future.

import { type ExpressionNode, type ExpressionScope, evaluateNode } from './expression';
import type { LineEntry } from './image';
import type { Outcome } from './sessionTypes';
import { yieldToEventLoop } from './sessionTypes';
import { SteppingSession } from './stepping';

export abstract class ReverseSession extends SteppingSession {
  /** The user changed registers or memory: the recorded future no longer follows. */
  edited(): void {
    // The output of the dropped future is not the output of the one that follows the edit:
    // from here on it is new (an event sent at this very point stays sent).
    const here = this.instruction;
    if (this.lastEventShown > here + 0.5) this.lastEventShown = 0;
    this.outputShown = Math.min(this.outputShown, Math.max(here, this.lastEventShown));
    this.history.dropAfter(this.instruction);
    for (const drop of this.onEdit) drop(this.instruction);
    this.history.take(this.instruction);
    this.refreshWatchValues();
  }

  stepBack(granularity: 'line' | 'instruction'): void {
    this.launch(async () => this.stepBackwards(granularity));
  }

  reverseContinue(): void {
    this.launch(async () => this.runBackwards());
  }

  // --- Reverse execution --------------------------------------------------------------------

  /**
   * Puts the machine in the state it had after `instruction` instructions: restore the newest
   * snapshot at or before it, re-execute the rest silently. False when history does not
   * reach that far back.
   */
  replayTo(instruction: number): boolean {
    this.markOutputShown();
    const snap = this.history.restoreAtOrBefore(instruction);
    if (!snap) return false;
    this.replaying = true;
    this.cpu.setWatchpoints([]);
    try {
      while (this.instruction < instruction) {
        const info = this.machine.run(instruction - this.instruction);
        if (info.reason !== 'limit' && this.instruction < instruction) return false;
      }
    } finally {
      this.replaying = false;
      this.armCpuWatchpoints();
    }
    return this.instruction === instruction;
  }

  protected async stepBackwards(granularity: 'line' | 'instruction'): Promise<Outcome> {
    const oldest = this.history.oldest;
    if (oldest === undefined || this.instruction <= oldest) return this.historyStart();
    this.fatalFault = undefined;
    const startLine = this.lineAt(this.cpu.eip);
    let target = this.instruction - 1;
    if (!this.replayTo(target)) return this.historyStart();
    if (granularity === 'line' && startLine) {
      // Back to the first instruction of the previous line: go back while the line is the
      // one we started on, then while the instruction before is still on the new line.
      const sameLine = (e: LineEntry | undefined, l: LineEntry | undefined): boolean =>
        !!e && !!l && e.file === l.file && e.line === l.line;
      let here = this.lineAt(this.cpu.eip);
      while (sameLine(here, startLine) && target > oldest) {
        target--;
        if (!this.replayTo(target)) break;
        here = this.lineAt(this.cpu.eip);
      }
      while (here && target > oldest) {
        if (!this.replayTo(target - 1)) break;
        if (!sameLine(this.lineAt(this.cpu.eip), here)) {
          this.replayTo(target);
          break;
        }
        target--;
      }
    }
    this.history.dropAfter(this.instruction);
    return {
      kind: 'stop',
      event: {
        reason: 'step',
        description: `stepped back to ${this.describeAddress(this.cpu.eip)} (instruction ${this.instruction})`,
      },
    };
  }

  protected historyStart(): Outcome {
    return {
      kind: 'stop',
      event: { reason: 'step', description: 'at the start of the recorded history: cannot go further back' },
    };
  }

  /**
   * Reverse continue: the last breakpoint hit before now. Each snapshot interval, newest
   * first, is re-executed with the breakpoints patched in and every hit recorded.
   */
  protected async runBackwards(): Promise<Outcome> {
    const now = this.instruction;
    const marks = this.history.instructions().filter((i) => i < now);
    let end = now;
    for (let k = marks.length - 1; k >= 0; k--) {
      const hit = this.lastBreakpointHit(marks[k], end);
      if (hit) {
        this.replayTo(hit.instruction);
        this.fatalFault = undefined;
        this.history.dropAfter(this.instruction);
        return {
          kind: 'stop',
          event: {
            reason: 'breakpoint',
            description: `reverse: breakpoint at ${this.describeAddress(this.cpu.eip)} (instruction ${hit.instruction})`,
            breakpointIds: hit.ids,
          },
        };
      }
      end = marks[k];
      await yieldToEventLoop();
      if (this.pauseRequested) break;
    }
    const oldest = this.history.oldest;
    if (oldest !== undefined) this.replayTo(oldest);
    this.fatalFault = undefined;
    this.history.dropAfter(this.instruction);
    return {
      kind: 'stop',
      event: {
        reason: this.pauseRequested ? 'pause' : 'step',
        description: `no breakpoint hit earlier: at the start of the recorded history (instruction ${this.instruction})`,
      },
    };
  }

  /** The last instruction count in [from, end) where a breakpoint's condition held. */
  protected lastBreakpointHit(from: number, end: number): { instruction: number; ids: number[] } | undefined {
    if (!this.replayTo(from)) return undefined;
    let last: { instruction: number; ids: number[] } | undefined;
    const consider = (): void => {
      const eip = this.cpu.eip;
      const ids = this.breakpoints
        .all()
        .filter(
          (b) =>
            b.verified &&
            b.logMessage === undefined &&
            b.addresses.includes(eip) &&
            (!b.condition || safeNonZero(b.condition, this.scope)),
        )
        .map((b) => b.id);
      if (ids.length > 0 && this.instruction < end) last = { instruction: this.instruction, ids };
    };
    this.replaying = true;
    this.cpu.setWatchpoints([]);
    try {
      if (this.instruction > from || this.breakpoints.has(this.cpu.eip)) consider();
      // The same INT3s as a forward run, internal ones included: the stop at the kernel's
      // first entry to user mode is where the program's breakpoints get patched.
      while (this.instruction < end) {
        this.syncPatches(undefined);
        if (this.breakpoints.has(this.cpu.eip) || this.internal.has(this.cpu.eip)) {
          if (this.singleStepUnpatched().kind !== 'running') break;
          // Arriving at the next breakpoint by this step is a hit too (its INT3 is not run).
          if (this.breakpoints.has(this.cpu.eip)) consider();
          continue;
        }
        const info = this.machine.run(end - this.instruction);
        if (this.recogniseOwnInt3(info)) {
          if (this.breakpoints.has(this.cpu.eip)) consider();
        } else if (info.reason !== 'limit') break;
      }
    } finally {
      this.removePatches();
      this.replaying = false;
      this.armCpuWatchpoints();
    }
    return last;
  }
}

function safeNonZero(node: ExpressionNode, scope: ExpressionScope): boolean {
  try {
    return evaluateNode(node, scope) !== 0;
  } catch {
    return true;
  }
}
