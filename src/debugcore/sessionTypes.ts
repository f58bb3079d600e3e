// The types a debugger session speaks in (stops, faults, watchpoints, options) and the
// outcome of a run, shared by the layers of MachineSession (session.ts).

import type { FaultEvent, ExceptionFilterId } from './faults';

export type StopReason =
  | 'entry'
  | 'step'
  | 'breakpoint'
  | 'function breakpoint'
  | 'instruction breakpoint'
  | 'data breakpoint'
  | 'exception'
  | 'pause';

export interface FaultDetails extends FaultEvent {
  name: string;
  description: string;
  /** Decoded error code (selector/IDT/EXT bits, page-fault P/W/U bits and CR2). */
  errorText?: string;
  /** Filters the fault matched (the one that stopped comes first). */
  filters: ExceptionFilterId[];
  /** The guest cannot continue past it (no kernel to handle it in bare mode). */
  fatal: boolean;
}

export interface StopEvent {
  reason: StopReason;
  description: string;
  breakpointIds?: number[];
  fault?: FaultDetails;
}

export interface SessionListener {
  stopped(event: StopEvent): void;
  output(text: string, category: 'stdout' | 'console' | 'stderr'): void;
  exited(exitCode: number, reason: string): void;
  /** The guest ran or was edited; cached views (variables, memory) are stale. */
  invalidated?(): void;
}

export interface SessionOptions {
  /** Instructions per run slice between yields to the event loop. */
  sliceInstructions: number;
  /** Reverse-execution history in instructions (0: off). */
  historyBudget: number;
  /** Instructions between snapshots at most. */
  snapshotInterval: number;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  sliceInstructions: 1_000_000,
  historyBudget: 100_000_000,
  snapshotInterval: 1_000_000,
};

export type WatchAccess = 'read' | 'write' | 'readWrite';

export interface Watchpoint {
  id: number;
  address: number;
  /** Bytes watched (1, 2, 4, 8 or any length up to a page). */
  size: number;
  access: WatchAccess;
  /** Value at the last stop or check (hex, little-endian read as one number); undefined when unreadable. */
  last: string | undefined;
  description: string;
}

export type Outcome =
  { kind: 'stop'; event: StopEvent } | { kind: 'exit'; code: number; reason: string } | { kind: 'running' };

export const RUNNING: Outcome = { kind: 'running' };

/** Called when execution arrives at an internal breakpoint; a StopEvent stops the run there. */
export type InternalHandler = () => StopEvent | undefined;
/** The breakpoint instruction patched over breakpoint addresses. */
export const INT3 = 0xcc;
/** Port the bare-mode console writes to (QEMU -debugcon, Bochs port E9 hack). */
export const CONSOLE_PORT = 0xe9;
/** Port the guest writes its exit status to (QEMU isa-debug-exit). */
export const EXIT_PORT = 0xf4;

/**
 * Single steps between yields to the event loop in the loops that step one instruction at a
 * time (line steps, step out, the boot before the program's entry).
 */
export const YIELD_STEPS = 20_000;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
