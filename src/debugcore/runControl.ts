// Run control (see sessionBase.ts): a run request starts the machine in slices that yield to
// the event loop, its outcome becomes a stopped or exited event; the fast path runs with the
// INT3s in, single steps run without them.

import { ESP } from '../emulator';
import { type Outcome, RUNNING, yieldToEventLoop } from './sessionTypes';
import { WatchpointSession } from './watchpoints';

export abstract class RunControlSession extends WatchpointSession {
  /** First stop after launch: on entry, or run to the first breakpoint. */
  start(stopOnEntry: boolean): void {
    this.history.take(this.instruction);
    if (stopOnEntry)
      this.report({
        kind: 'stop',
        event: { reason: 'entry', description: `entry at ${this.describeAddress(this.cpu.eip)}` },
      });
    else this.continue();
  }
  continue(): void {
    this.launch(async () => this.runFree());
  }

  pause(): void {
    if (this.state === 'running') this.pauseRequested = true;
    else if (this.state === 'stopped') this.report({ kind: 'stop', event: { reason: 'pause', description: 'paused' } });
  }

  /** Ends the session: no more events after this. */
  terminate(): void {
    this.pauseRequested = true;
    this.removePatches();
    this.state = 'exited';
    this.detachPorts();
  }

  protected launch(body: () => Promise<Outcome>): void {
    if (this.state !== 'stopped') return;
    if (this.fatalFault && !this.fatalFault.fatal) {
      // Under the kernel: continuing delivers the exception the run stopped on (a stop at a
      // kernel entry point, vector -1, has nothing to deliver: the entry already happened).
      if (this.fatalFault.vector >= 0) this.passEvent = { vector: this.fatalFault.vector, eip: this.fatalFault.eip };
      this.fatalFault = undefined;
    }
    this.claimedCr2 = undefined;
    this.refreshSyscallEntries();
    if (this.fatalFault && !this.replaying) {
      const f = this.fatalFault;
      const text = `${f.name} (${f.description}) at ${this.describeAddress(f.eip)} was not handled: ${this.unhandledReason()}`;
      this.report({ kind: 'exit', code: 128 + f.vector, reason: text });
      return;
    }
    this.state = 'running';
    this.pauseRequested = false;
    this.listener.invalidated?.();
    body().then(
      (outcome) => this.report(outcome),
      (e: unknown) =>
        this.report({
          kind: 'exit',
          code: 70,
          reason: `internal debugger error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        }),
    );
  }

  protected report(outcome: Outcome): void {
    if (this.state === 'exited') return;
    this.flushConsole(true);
    if (outcome.kind === 'stop') {
      this.state = 'stopped';
      this.lastStop = outcome.event;
      this.refreshWatchValues();
      this.listener.stopped(outcome.event);
    } else if (outcome.kind === 'exit') {
      for (const end of this.onEnd) end();
      this.flushConsole(true);
      this.state = 'exited';
      this.detachPorts();
      this.listener.exited(outcome.code, outcome.reason);
    }
  }
  // --- Running forward ----------------------------------------------------------------------

  /** Continue: run in slices until a breakpoint, an exception, a watchpoint, HLT or pause. */
  protected async runFree(): Promise<Outcome> {
    return this.runUntil(undefined, 0);
  }

  /**
   * The fast path. Runs with the breakpoints patched in, plus `target` (a temporary stop for
   * step-over/step-out) which counts only once ESP >= minEsp (so a recursive call of the
   * same function does not end the step early).
   */
  protected async runUntil(target: number | undefined, minEsp: number): Promise<Outcome> {
    const first = this.stepOffBreakpoint(target, minEsp);
    if (first.kind !== 'running') return first;
    // The INT3s stay in across slices: each insertion or removal is a store into a code line,
    // which drops the decoded (compiled) blocks there, and recompiling a hot loop every slice
    // cost a quarter of the run (bench dap bp-1000-ratio). They come out when the run stops.
    try {
      for (;;) {
        if (this.pauseRequested) return this.pausedHere();
        const sliceStart = this.instruction;
        this.syncPatches(target);
        const info = this.machine.run(this.options.sliceInstructions);
        const hitOurs = this.recogniseOwnInt3(info);
        if (info.watch) return this.watchpointHit(info.watch);
        if (this.watchpoints.length > 0 && this.watchedValueChanged()) {
          // Finding the writer re-executes from a snapshot: the INT3s must be out for that.
          this.removePatches();
          const watch = this.checkWatchpoints(sliceStart);
          if (watch) return watch;
        }
        this.takeSnapshotIfDue();
        if (hitOurs) {
          const eip = this.cpu.eip;
          const internal = this.arriveInternal(eip);
          if (internal) return internal;
          if (target !== undefined && eip === target && this.cpu.regs[ESP] >>> 0 >= minEsp) {
            return {
              kind: 'stop',
              event: { reason: 'step', description: `step ended at ${this.describeAddress(eip)}` },
            };
          }
          const verdict = this.breakpoints.has(eip) ? this.breakpointVerdict(eip) : RUNNING;
          if (verdict.kind !== 'running') return verdict;
          const again = this.stepOffBreakpoint(target, minEsp);
          if (again.kind !== 'running') return again;
        } else if (info.reason !== 'limit') {
          const outcome = this.machineStopped(info);
          if (outcome.kind !== 'running') return outcome;
        }
        this.flushConsole();
        await yieldToEventLoop();
      }
    } finally {
      this.removePatches();
    }
  }
  /**
   * At a patched address the first instruction must run unpatched (it is the user's
   * instruction, not our INT3): one single step, then the fast loop can patch again.
   */
  protected stepOffBreakpoint(target: number | undefined, minEsp: number): Outcome {
    const eip = this.cpu.eip;
    if (!this.breakpoints.has(eip) && eip !== target && !this.internal.has(eip)) return RUNNING;
    const outcome = this.singleStepUnpatched();
    if (outcome.kind !== 'running') return outcome;
    if (target !== undefined && this.cpu.eip === target && this.cpu.regs[ESP] >>> 0 >= minEsp) {
      return {
        kind: 'stop',
        event: { reason: 'step', description: `step ended at ${this.describeAddress(this.cpu.eip)}` },
      };
    }
    return RUNNING;
  }

  /** One instruction, unpatched; exceptions and HLT become outcomes. */
  protected singleStep(): Outcome {
    const before = this.instruction;
    const info = this.machine.step();
    if (info.watch) return this.watchpointHit(info.watch);
    const watch = this.checkWatchpoints(before);
    if (watch) return watch;
    if (info.reason === 'limit') return this.arriveInternal(this.cpu.eip) ?? RUNNING;
    return this.machineStopped(info);
  }
}
