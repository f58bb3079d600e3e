// Stepping (see sessionBase.ts): by instruction and by source line, over calls, out of a
// function (or out of the kernel to user mode), and the boot's run to the program's entry.

import { ESP } from '../emulator';
import { decodeInstruction } from '../isa/decoder';
import { RunControlSession } from './runControl';
import { type Outcome, RUNNING, YIELD_STEPS } from './sessionTypes';

export abstract class SteppingSession extends RunControlSession {
  /**
   * Runs until EIP reaches `entry` (the program's entry under the kernel), then stops.
   * `userModeFrom`, when given, is a kernel address reached before the first entry to user
   * mode and after the program is in place (the kernel's start_first_thread): the boot runs
   * at full speed to it instead of in single steps.
   */
  startAt(entry: number, userModeFrom?: number): void {
    this.history.take(this.instruction);
    this.launch(async () => {
      if (userModeFrom !== undefined) {
        const outcome = await this.runUntil(userModeFrom, 0);
        if (outcome.kind !== 'stop' || outcome.event.reason !== 'step') return outcome;
      }
      // An INT3 at the entry is unsafe before the program runs: the kernel maps and copies
      // the program over it. Step until the CPU first reaches user mode (the kernel enters
      // the program there), then run to the entry if that was not it.
      let steps = 0;
      while (this.cpu.cpl !== 3 && this.cpu.eip !== entry) {
        const outcome = this.singleStep();
        if (outcome.kind !== 'running') return outcome;
        if (++steps % YIELD_STEPS === 0) {
          const paused = await this.yieldDuringSteps();
          if (paused) return paused;
        }
      }
      if (this.cpu.eip === entry)
        return {
          kind: 'stop',
          event: { reason: 'entry', description: `program entry at ${this.describeAddress(entry)}` },
        };
      const outcome = await this.runUntil(entry, 0);
      if (outcome.kind === 'stop' && outcome.event.reason === 'step')
        return {
          kind: 'stop',
          event: { reason: 'entry', description: `program entry at ${this.describeAddress(entry)}` },
        };
      return outcome;
    });
  }

  stepIn(granularity: 'line' | 'instruction'): void {
    this.launch(async () =>
      granularity === 'instruction' || !this.lineAt(this.cpu.eip) ? this.stepInstruction() : this.stepLine(false),
    );
  }

  stepOver(granularity: 'line' | 'instruction'): void {
    this.launch(async () =>
      granularity === 'instruction' || !this.lineAt(this.cpu.eip) ? this.stepOverInstruction() : this.stepLine(true),
    );
  }

  stepOut(): void {
    this.launch(async () => this.stepOutOfFunction());
  }

  // --- Stepping -----------------------------------------------------------------------------

  protected async stepInstruction(): Promise<Outcome> {
    const outcome = this.singleStep();
    if (outcome.kind !== 'running') return outcome;
    this.history.maybeTake(this.instruction);
    return { kind: 'stop', event: { reason: 'step', description: `step to ${this.describeAddress(this.cpu.eip)}` } };
  }

  /** The control-transfer class of the instruction at EIP. */
  protected instructionKind(): 'call' | 'return' | 'other' {
    const bytes = this.guest.read(this.cpu.eip, 15);
    const d = decodeInstruction(bytes, 0, this.cpu.code32, this.cpu.model);
    if (!d.ok) return 'other';
    const exec = d.form.exec;
    if (exec === 'call' || exec === 'callFar') return 'call';
    if (exec === 'ret' || exec === 'retFar' || exec === 'iret') return 'return';
    return 'other';
  }

  protected nextInstructionAddress(): number {
    const bytes = this.guest.read(this.cpu.eip, 15);
    const d = decodeInstruction(bytes, 0, this.cpu.code32, this.cpu.model);
    return (this.cpu.eip + d.length) >>> 0;
  }

  protected async stepOverInstruction(): Promise<Outcome> {
    if (this.instructionKind() !== 'call') return this.stepInstruction();
    const outcome = await this.runUntil(this.nextInstructionAddress(), this.cpu.regs[ESP] >>> 0);
    return outcome;
  }

  /**
   * Step by source line: single instructions until EIP is on a different source line (or
   * outside every image); with `over`, calls run at full speed to their return address.
   */
  protected async stepLine(over: boolean): Promise<Outcome> {
    const start = this.lineAt(this.cpu.eip);
    let steps = 0;
    for (;;) {
      if (over && this.instructionKind() === 'call') {
        const outcome = await this.runUntil(this.nextInstructionAddress(), this.cpu.regs[ESP] >>> 0);
        if (outcome.kind === 'exit' || (outcome.kind === 'stop' && outcome.event.reason !== 'step')) return outcome;
      } else {
        const outcome = this.singleStep();
        if (outcome.kind !== 'running') return outcome;
      }
      const here = this.lineAt(this.cpu.eip);
      // Arriving at the first byte of a line again (a loop back to the same line) is a new line too.
      const leftLine =
        !here || !start || here.file !== start.file || here.line !== start.line || this.cpu.eip === here.address;
      if (leftLine) {
        this.history.maybeTake(this.instruction);
        return {
          kind: 'stop',
          event: { reason: 'step', description: `step to ${this.describeAddress(this.cpu.eip)}` },
        };
      }
      const bp = this.breakpoints.has(this.cpu.eip) ? this.breakpointVerdict(this.cpu.eip) : RUNNING;
      if (bp.kind !== 'running') return bp;
      if (++steps % YIELD_STEPS === 0) {
        const paused = await this.yieldDuringSteps();
        if (paused) return paused;
      }
    }
  }

  /**
   * Step out: run until a return instruction executes at or above the current stack level
   * (ESP only grows back to it when this frame returns; deeper frames return below it).
   */
  protected async stepOutOfFunction(): Promise<Outcome> {
    const level = this.cpu.regs[ESP] >>> 0;
    // Out of the kernel under the kernel: whatever way it leaves (IRET, SYSEXIT, SYSRET), the
    // step ends at the first user-mode instruction, where the entry came from.
    const inKernel = this.kernel !== undefined && this.cpu.protectedMode && this.cpu.cpl === 0;
    let steps = 0;
    for (;;) {
      const returning = this.instructionKind() === 'return' && this.cpu.regs[ESP] >>> 0 >= level;
      const outcome = this.singleStep();
      if (outcome.kind !== 'running') return outcome;
      if (inKernel && this.cpu.cpl === 3) {
        this.history.maybeTake(this.instruction);
        return {
          kind: 'stop',
          event: { reason: 'step', description: `returned to user mode at ${this.describeAddress(this.cpu.eip)}` },
        };
      }
      if (returning) {
        this.history.maybeTake(this.instruction);
        return {
          kind: 'stop',
          event: { reason: 'step', description: `returned to ${this.describeAddress(this.cpu.eip)}` },
        };
      }
      const bp = this.breakpoints.has(this.cpu.eip) ? this.breakpointVerdict(this.cpu.eip) : RUNNING;
      if (bp.kind !== 'running') return bp;
      if (++steps % YIELD_STEPS === 0) {
        const paused = await this.yieldDuringSteps();
        if (paused) return paused;
      }
    }
  }
}
