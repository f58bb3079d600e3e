// Data breakpoints (see sessionBase.ts) through the CPU's watchpoints, and for writes the
// CPU makes on its own, a changed value found after a slice and its writer found by
// re-execution.

import type { WatchHit } from '../emulator';
import { ExceptionFilterSession } from './exceptionFilters';
import { hex32 } from './faults';
import type { Outcome, WatchAccess, Watchpoint } from './sessionTypes';

export abstract class WatchpointSession extends ExceptionFilterSession {
  /**
   * Data breakpoints on linear addresses, through the CPU's watchpoints (every explicit data
   * access that overlaps the range stops the run after its instruction, SDM Vol.3 17.3.1.2).
   * Writes the CPU makes on its own (an interrupt frame pushed during delivery) are not data
   * accesses of an instruction: for writes, a changed value after a slice is also caught and
   * the writing instruction found by re-execution (checkWatchpoints).
   */
  setWatchpoints(
    requests: readonly { address: number; size: number; access: WatchAccess; description: string }[],
  ): Watchpoint[] {
    this.watchpoints = requests.map((r) => ({
      id: this.nextWatchId++,
      address: r.address >>> 0,
      size: r.size,
      access: r.access,
      last: this.watchedValue(r.address >>> 0, r.size),
      description: r.description,
    }));
    this.armCpuWatchpoints();
    return this.watchpoints;
  }

  protected armCpuWatchpoints(): void {
    this.cpu.setWatchpoints(
      this.watchpoints.map((w) => ({
        linear: w.address,
        length: w.size,
        read: w.access !== 'write',
        write: w.access !== 'read',
      })),
    );
  }

  /** The watched bytes as one little-endian hex number, or undefined when not all are mapped. */
  watchedValue(address: number, size: number): string | undefined {
    const bytes = this.guest.read(address, size);
    if (bytes.length < size) return undefined;
    let hex = '';
    for (let i = bytes.length - 1; i >= 0; i--) hex += bytes[i].toString(16).padStart(2, '0');
    return '0x' + hex;
  }

  protected refreshWatchValues(): void {
    for (const w of this.watchpoints) w.last = this.watchedValue(w.address, w.size);
  }

  // --- Watchpoints --------------------------------------------------------------------------

  /**
   * A watched value differs from the last check: some instruction since `since` wrote it.
   * With history, the exact instruction is found by re-executing from the last snapshot and
   * bisecting on the instruction count; the stop is right after that instruction.
   */
  protected watchedValueChanged(): boolean {
    return this.watchpoints.some((w) => w.access !== 'read' && this.watchedValue(w.address, w.size) !== w.last);
  }

  protected checkWatchpoints(since: number): Outcome | undefined {
    if (this.watchpoints.length === 0 || this.replaying) return undefined;
    const changed = this.watchpoints.find(
      (w) => w.access !== 'read' && this.watchedValue(w.address, w.size) !== w.last,
    );
    if (!changed) return undefined;
    const now = this.instruction;
    const before = changed.last;
    if (this.history.enabled && now - since > 1) {
      const first = this.firstChange(changed, before, since, now);
      if (first !== undefined) this.replayTo(first);
    }
    const value = this.watchedValue(changed.address, changed.size);
    this.refreshWatchValues();
    return {
      kind: 'stop',
      event: {
        reason: 'data breakpoint',
        description: `${changed.description} (${changed.size} bytes at 0x${hex32(changed.address)}) changed ${before ?? 'unreadable'} -> ${value ?? 'unreadable'}`,
        breakpointIds: [changed.id],
      },
    };
  }

  /** The CPU stopped after an instruction's data access hit watchpoint `hit.index`. */
  protected watchpointHit(hit: WatchHit): Outcome {
    const w = this.watchpoints[hit.index];
    if (!w)
      return {
        kind: 'stop',
        event: { reason: 'data breakpoint', description: `data access at 0x${hex32(hit.linear)}` },
      };
    const before = w.last;
    const value = this.watchedValue(w.address, w.size);
    this.refreshWatchValues();
    const access = `${hit.write ? 'write' : 'read'} of ${hit.size} byte${hit.size === 1 ? '' : 's'} at 0x${hex32(hit.linear)}`;
    const what = hit.write ? `${before ?? 'unreadable'} -> ${value ?? 'unreadable'}` : `= ${value ?? 'unreadable'}`;
    // Like an x86 data breakpoint, the stop is after the instruction that made the access.
    return {
      kind: 'stop',
      event: {
        reason: 'data breakpoint',
        description: `${w.description} (${w.size} bytes at 0x${hex32(w.address)}): ${access} ${what}; stopped after the instruction, at ${this.describeAddress(this.cpu.eip)}`,
        breakpointIds: [w.id],
      },
    };
  }

  /** Smallest instruction count in (since, now] after which the watched value differs. */
  protected firstChange(w: Watchpoint, before: string | undefined, since: number, now: number): number | undefined {
    let lo = since;
    let hi = now;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (!this.replayTo(mid)) return undefined;
      if (this.watchedValue(w.address, w.size) !== before) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}
