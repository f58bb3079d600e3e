// Breakpoints as INT3 patches (see sessionBase.ts): the user's breakpoints, a step's
// temporary target and the debugger's internal breakpoints are patched into guest memory
// while the machine runs and taken out when it stops; an INT3 that stops the machine is
// recognised as ours; a user breakpoint reached is decided (condition, hit count, logpoint).

import type { StopInfo } from '../emulator';
import { translateLinear } from './guestMemory';
import { SessionBase } from './sessionBase';
import { INT3, type InternalHandler, type Outcome, RUNNING, type StopEvent, type StopReason } from './sessionTypes';

export abstract class Int3PatchSession extends SessionBase {
  /**
   * A snapshot while the INT3s are in: the original bytes go back for the copy and the INT3s
   * return after it, both as plain stores that no decoded block needs to hear of (nothing runs
   * in between, so the decoded code still matches memory afterwards).
   */
  protected takeSnapshotIfDue(): void {
    if (!this.history.due(this.instruction)) return;
    const u8 = this.machine.memory.u8;
    const lifted: number[] = [];
    for (const [p, original] of this.patched) {
      if (u8[p] !== INT3) continue;
      u8[p] = original;
      lifted.push(p);
    }
    try {
      this.history.take(this.instruction);
    } finally {
      for (const p of lifted) u8[p] = INT3;
    }
  }

  /** One step over the instruction at EIP with its original byte back for that step only. */
  protected singleStepUnpatched(): Outcome {
    const p = this.guest.physical(this.cpu.eip);
    const original = p !== undefined ? this.patched.get(p) : undefined;
    const memory = this.machine.memory;
    if (p === undefined || original === undefined || memory.u8[p] !== INT3) return this.singleStep();
    memory.write8(p, original);
    try {
      return this.singleStep();
    } finally {
      // A step that rewrote the byte (self-modifying code) makes the new byte the original.
      if (memory.u8[p] !== original) this.patched.set(p, memory.u8[p]);
      memory.write8(p, INT3);
    }
  }

  // --- Internal breakpoints -----------------------------------------------------------------

  /**
   * Addresses the debugger itself watches (the kernel's system-call dispatchers for the
   * syscall trace, the kernel's entry points for the system-call filter). They are patched
   * like user breakpoints; arriving there calls the handlers, and one of them may stop.
   * Returns the function that removes the handler.
   */
  addInternalBreakpoint(address: number, handler: InternalHandler): () => void {
    const list = this.internal.get(address >>> 0) ?? [];
    list.push(handler);
    this.internal.set(address >>> 0, list);
    this.internalGeneration++;
    return () => {
      const i = list.indexOf(handler);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.internal.delete(address >>> 0);
      this.internalGeneration++;
    };
  }

  /** EIP arrived at `eip` (by a run or a step): the internal handlers there, if any. */
  protected arriveInternal(eip: number): Outcome | undefined {
    const list = this.internal.get(eip);
    // A step that arrives here runs the handlers; the INT3 then hit at once is the same arrival.
    if (!list || this.replaying || this.instruction === this.internalArrival) return undefined;
    this.internalArrival = this.instruction;
    let stop: StopEvent | undefined;
    for (const h of list) stop = h() ?? stop;
    return stop ? { kind: 'stop', event: stop } : undefined;
  }

  /** Our INT3 stopped the machine: put EIP back on the breakpoint and un-count the INT3. */
  protected recogniseOwnInt3(info: StopInfo): boolean {
    if (info.reason !== 'exception' || info.vector !== 3) return false;
    // Claimed by interceptEvent: EIP is on the INT3, which did not retire. Without an IDT
    // (eventsStopRun) the CPU stopped after it, counted.
    const at = info.intercepted ? this.cpu.eip >>> 0 : (this.cpu.eip - 1) >>> 0;
    const physical = this.guest.physical(at);
    if (physical === undefined || !this.patchedAt(physical)) return false;
    if (!info.intercepted) {
      this.cpu.eip = at;
      this.cpu.instructionCount -= 1;
    }
    return true;
  }

  protected patchedAt(physical: number): boolean {
    return this.lastPatched.has(physical);
  }

  /**
   * Before a slice: the INT3s in place for the current breakpoints, `target` and the internal
   * addresses. Made again when any of them or the address space changed; otherwise only the
   * addresses still waiting for their page are tried, and an INT3 the guest overwrote (a
   * program copied over its own code) is put back over the new byte.
   */
  protected syncPatches(target: number | undefined): void {
    this.refreshSyscallEntries();
    const cpu = this.cpu;
    const key = {
      generation: this.breakpoints.generation,
      internal: this.internalGeneration,
      target,
      cr3: cpu.cr3 >>> 0,
      cr0: cpu.cr0 >>> 0,
    };
    const k = this.patchKey;
    if (
      !k ||
      k.generation !== key.generation ||
      k.internal !== key.internal ||
      k.target !== key.target ||
      k.cr3 !== key.cr3 ||
      k.cr0 !== key.cr0
    ) {
      this.removePatches();
      this.insertPatches(target, true);
      this.patchKey = key;
      return;
    }
    const memory = this.machine.memory;
    for (const [p, original] of this.patched) {
      if (memory.u8[p] === INT3) continue;
      if (memory.u8[p] !== original) this.patched.set(p, memory.u8[p]);
      memory.write8(p, INT3);
    }
    if (this.unpatched.length > 0) {
      const waiting = this.unpatched;
      this.unpatched = [];
      for (const a of waiting) this.patchAt(a);
    }
  }

  protected insertPatches(target: number | undefined, internal: boolean): void {
    this.lastPatched = new Set();
    this.unpatched = [];
    for (const a of this.breakpoints.addresses()) this.patchAt(a);
    if (internal) for (const a of this.internal.keys()) this.patchAt(a);
    if (target !== undefined) this.patchAt(target);
  }

  protected patchAt(linear: number): void {
    if (!this.patchable(linear)) {
      this.unpatched.push(linear);
      return;
    }
    const p = this.guest.physical(linear);
    if (p === undefined || this.patched.has(p)) return;
    const memory = this.machine.memory;
    this.patched.set(p, memory.u8[p]);
    this.lastPatched.add(p);
    memory.write8(p, INT3);
  }

  /**
   * A user-space image's address is patched only while the current page tables map it for
   * user mode: before the kernel has mapped the program, the same linear address means
   * something else (or nothing), and an INT3 there would corrupt it.
   */
  protected patchable(linear: number): boolean {
    const image = this.images.find((i) => i.contains(linear));
    if (!image || !image.userSpace) return true;
    if (!this.cpu.paging) return false;
    return translateLinear(this.cpu, this.machine.memory, linear)?.user === true;
  }

  protected removePatches(): void {
    const memory = this.machine.memory;
    for (const [p, original] of this.patched) {
      // A guest that rewrote the byte under a breakpoint keeps what it wrote.
      if (memory.u8[p] === INT3) memory.write8(p, original);
    }
    this.patched.clear();
    this.patchKey = undefined;
    this.unpatched = [];
  }

  /** A user breakpoint address was reached: evaluate conditions, hit counts, logpoints. */
  protected breakpointVerdict(eip: number): Outcome {
    if (this.replaying) return RUNNING;
    const v = this.breakpoints.decide(eip, this.scope);
    switch (v.action) {
      case 'continue':
        return RUNNING;
      case 'log':
        for (const m of v.messages) this.listener.output(m + '\n', 'console');
        return RUNNING;
      case 'error':
        return {
          kind: 'stop',
          event: { reason: 'breakpoint', description: v.message, breakpointIds: [v.breakpoint.id] },
        };
      case 'stop': {
        for (const m of v.messages) this.listener.output(m + '\n', 'console');
        const kind = v.breakpoints[0].kind;
        const reason: StopReason =
          kind === 'function'
            ? 'function breakpoint'
            : kind === 'instruction'
              ? 'instruction breakpoint'
              : 'breakpoint';
        return {
          kind: 'stop',
          event: {
            reason,
            description: `breakpoint at ${this.describeAddress(eip)}`,
            breakpointIds: v.breakpoints.map((b) => b.id),
          },
        };
      }
    }
  }
}
