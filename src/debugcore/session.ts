// Machine control for a debugger (docs/ARCHITECTURE.md, "debugcore"): one Machine plus its loaded
// images, run in slices that yield to the event loop (so a pause request is seen even in an
// endless guest loop), breakpoints, stepping by line and by instruction, exception stops,
// watchpoints and reverse execution. No protocol types: the DAP session translates.
//
// Breakpoints cost nothing while the guest runs: their addresses are patched with INT3
// (0xCC) only while the machine runs and restored as soon as it stops, the way a native
// debugger does it. With an IDT the CPU offers each INT3 to `interceptEvent` before delivery
// and the session claims its own (EIP stays on it, nothing retires); without one the CPU
// stops after it, and the session moves EIP back and takes the INT3 out of the instruction
// count. Either way the guest's notion of time is unchanged.

import type { Machine, StopInfo } from '../emulator';
import { decodeInstruction } from '../isa/decoder';
import { type CpuEvent, ESP, type WatchHit } from '../emulator';
import { Vector } from '../emulator';
import { ADDRESS, PTE_SOFTWARE, VECTOR } from '../kernel/abi';
import { BreakpointTable } from './breakpoints';
import { type ExpressionNode, type ExpressionScope, evaluateNode, parseExpression } from './expression';
import {
  type ExceptionFilterId,
  type FaultEvent,
  describeErrorCode,
  hex32,
  matchingFilters,
  vectorDescription,
  vectorMnemonic,
} from './faults';
import { GuestMemory, translateLinear } from './guestMemory';
import { History } from './history';
import { type LineEntry, type LoadedImage, symbolicName } from './image';
import { intInstruction, type KernelView } from './kernelView';
import { syscallEntryPoints, type SyscallEntryPoint } from './syscallEntries';
import { syscallName } from './syscallTrace';
import { readRegister } from './registers';

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

type Outcome =
  { kind: 'stop'; event: StopEvent } | { kind: 'exit'; code: number; reason: string } | { kind: 'running' };

const RUNNING: Outcome = { kind: 'running' };

/** Called when execution arrives at an internal breakpoint; a StopEvent stops the run there. */
export type InternalHandler = () => StopEvent | undefined;
const INT3 = 0xcc;
/** Port the bare-mode console writes to (QEMU -debugcon, Bochs port E9 hack). */
export const CONSOLE_PORT = 0xe9;
/** Port the guest writes its exit status to (QEMU isa-debug-exit). */
export const EXIT_PORT = 0xf4;

export class MachineSession {
  readonly breakpoints = new BreakpointTable();
  readonly guest: GuestMemory;
  readonly history: History;
  /** Enabled exception filters with their optional conditions. */
  readonly exceptionFilters = new Map<ExceptionFilterId, ExpressionNode | undefined>();
  watchpoints: Watchpoint[] = [];
  lastStop: StopEvent | undefined;
  exitCode = 0;
  /** Launch trace "ports": every OUT as a `port value` line (hex) on the console. */
  tracePorts = false;
  /** Launch trace "traps": every exception and software interrupt as a line on the console. */
  traceTraps = false;
  /** Under the kernel: console lines starting with this are the kernel's own. */
  consoleKernelPrefix: string | undefined;
  /** The kernel's console lines so far (its boot report: CPU, mechanisms, KIP address). */
  readonly kernelLines: string[] = [];
  /** Under the kernel: its thread table and trap frames, read through its symbols. */
  kernel: KernelView | undefined;
  /** Called once when the run ends, before the exited event (a trace completes its lines). */
  readonly onEnd: (() => void)[] = [];

  private state: 'stopped' | 'running' | 'exited' = 'stopped';
  private pauseRequested = false;
  /** Replaying history: suppress console output and breakpoint decisions. */
  private replaying = false;
  /** Original bytes under the INT3s currently patched in, by physical address. */
  private readonly patched = new Map<number, number>();
  private consoleBuffer: number[] = [];
  private fatalFault: FaultDetails | undefined;
  private nextWatchId = 1;
  /** A kernel-mode exception the user stopped on: the next time it is raised, deliver it. */
  private passEvent: { vector: number; eip: number } | undefined;
  private readonly detachPorts: () => void;
  private readonly internal = new Map<number, InternalHandler[]>();
  private internalGeneration = 0;
  /** The faulting address of the last #PF the intercept hook claimed (CR2 is not loaded then). */
  private claimedCr2: number | undefined;
  /** Instruction count of the last arrival at an internal breakpoint. */
  private internalArrival = -1;
  /**
   * Output high-water mark, on the instruction axis: guest output (console bytes, kernel
   * lines, port and trap traces, syscall-trace lines) at or before it has been sent already,
   * so running forward again after a step back or a reverse continue does not send it twice.
   * An OUT retiring as instruction i sits at position i; an event between instructions (a
   * trap raised at instruction count c, an arrival at a traced kernel address) at c + 0.5.
   * Raised to the furthest point reached each time the machine goes back (replayTo).
   */
  private outputShown = 0;
  /** Position of the last between-instructions event sent (see outputShown). */
  private lastEventShown = 0;

  constructor(
    readonly machine: Machine,
    readonly images: LoadedImage[],
    private readonly listener: SessionListener,
    readonly options: SessionOptions = DEFAULT_SESSION_OPTIONS,
  ) {
    this.guest = new GuestMemory(machine.cpu, machine.memory);
    this.history = new History(
      { memory: machine.memory, machine },
      { budget: options.historyBudget, interval: options.snapshotInterval },
    );
    this.interceptEvents();
    this.detachPorts = machine.io.onOut((port, value, size) => {
      if (this.replaying) return;
      if (port === EXIT_PORT) this.exitCode = value;
      // The OUT retires as instruction ioInstructionCount + 1 (the count before it, set by
      // the CPU before the bus access even inside a compiled block).
      if (!this.isNewOutput(this.cpu.ioInstructionCount + 1)) return;
      if (this.tracePorts) {
        this.flushConsole();
        this.listener.output(`port ${port.toString(16)} ${value.toString(16).padStart(size / 4, '0')}\n`, 'console');
      }
      if (port === CONSOLE_PORT) this.consoleBuffer.push(value & 0xff);
    });
  }

  // --- State --------------------------------------------------------------------------------

  get cpu(): Machine['cpu'] {
    return this.machine.cpu;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  get exited(): boolean {
    return this.state === 'exited';
  }

  /** Guest instructions retired: the time axis of breakpoints hits and of reverse execution. */
  get instruction(): number {
    return this.machine.cpu.instructionCount;
  }

  get canReverse(): boolean {
    return this.history.enabled;
  }

  /** Registers, labels and memory, for conditions, logpoints and the Debug Console. */
  readonly scope: ExpressionScope = {
    register: (name) => readRegister(this.machine.cpu, name),
    symbol: (name) => this.symbolAddress(name),
    read: (address, size) => this.guest.readValue(address, size),
  };

  /**
   * A label's address. A local label written alone (`.next`, as on hover in the editor)
   * resolves under the non-local label that precedes EIP, as NASM scopes it.
   */
  symbolAddress(name: string): number | undefined {
    for (const image of this.images) {
      const s = image.symbol(name);
      if (s) return s.address;
    }
    if (name.startsWith('.') && !name.startsWith('..')) {
      for (const image of this.images) {
        const below = image.symbolAtOrBelow(this.cpu.eip >>> 0);
        const parent = below?.name.split('.')[0];
        const s = parent ? image.symbol(parent + name) : undefined;
        if (s) return s.address;
      }
    }
    return undefined;
  }

  /** The label that starts exactly at `address`, if any. */
  symbolAt(address: number): string | undefined {
    for (const image of this.images) {
      const s = image.symbolAtOrBelow(address);
      if (s && s.address === address) return s.name;
    }
    return undefined;
  }

  lineAt(address: number): (LineEntry & { image: LoadedImage }) | undefined {
    for (const image of this.images) {
      const e = image.lineAt(address);
      if (e) return { ...e, image };
    }
    return undefined;
  }

  /** `label+0x12` in an image, `kip_stub+0x5` in the kernel's stub, or undefined. */
  nameOf(address: number): string | undefined {
    return symbolicName(this.images, address) ?? this.kernel?.stubName(address);
  }

  describeAddress(address: number): string {
    const sym = this.nameOf(address);
    return sym ? `0x${hex32(address)} <${sym}>` : `0x${hex32(address)}`;
  }

  /** The user changed registers or memory: the recorded future no longer follows. */
  edited(): void {
    // The output of the dropped future is not the output of the one that follows the edit:
    // from here on it is new (an event sent at this very point stays sent).
    const here = this.instruction;
    if (this.lastEventShown > here + 0.5) this.lastEventShown = 0;
    this.outputShown = Math.min(this.outputShown, Math.max(here, this.lastEventShown));
    this.history.dropAfter(this.instruction);
    this.history.take(this.instruction);
    this.refreshWatchValues();
  }

  // --- Exception filters and watchpoints ----------------------------------------------------

  /** Enables filters; each condition is parsed now so a typo is reported at once. */
  setExceptionFilters(filters: readonly { id: ExceptionFilterId; condition?: string }[]): (string | undefined)[] {
    this.exceptionFilters.clear();
    return filters.map((f) => {
      try {
        const cond = f.condition && f.condition.trim() !== '' ? parseExpression(f.condition) : undefined;
        this.exceptionFilters.set(f.id, cond);
        return undefined;
      } catch (e) {
        this.exceptionFilters.set(f.id, undefined);
        return `condition of '${f.id}': ${e instanceof Error ? e.message : String(e)} (the filter stops unconditionally)`;
      }
    });
  }

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

  private armCpuWatchpoints(): void {
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

  private refreshWatchValues(): void {
    for (const w of this.watchpoints) w.last = this.watchedValue(w.address, w.size);
  }

  // --- Run control (public) -----------------------------------------------------------------

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
        if (++steps % 20000 === 0) {
          this.history.maybeTake(this.instruction);
          this.flushConsole();
          await yieldToEventLoop();
          if (this.pauseRequested)
            return {
              kind: 'stop',
              event: { reason: 'pause', description: `paused at ${this.describeAddress(this.cpu.eip)}` },
            };
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

  continue(): void {
    this.launch(async () => this.runFree());
  }

  pause(): void {
    if (this.state === 'running') this.pauseRequested = true;
    else if (this.state === 'stopped') this.report({ kind: 'stop', event: { reason: 'pause', description: 'paused' } });
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

  stepBack(granularity: 'line' | 'instruction'): void {
    this.launch(async () => this.stepBackwards(granularity));
  }

  reverseContinue(): void {
    this.launch(async () => this.runBackwards());
  }

  /** Ends the session: no more events after this. */
  terminate(): void {
    this.pauseRequested = true;
    this.removePatches();
    this.state = 'exited';
    this.detachPorts();
  }

  private launch(body: () => Promise<Outcome>): void {
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

  private report(outcome: Outcome): void {
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

  /**
   * Console bytes to output events. Under the kernel the console carries both the kernel's
   * lines (starting with `consoleKernelPrefix`, category console) and the program's output
   * (stdout), so it goes out line by line; a partial line waits unless `final`.
   */
  private flushConsole(final = false): void {
    if (this.consoleBuffer.length === 0) return;
    const text = new TextDecoder('utf-8').decode(new Uint8Array(this.consoleBuffer));
    this.consoleBuffer = [];
    const prefix = this.consoleKernelPrefix;
    if (prefix === undefined) {
      this.listener.output(text, 'stdout');
      return;
    }
    const lines = text.split(/(?<=\n)/);
    const last = lines[lines.length - 1];
    if (!final && !last.endsWith('\n')) {
      lines.pop();
      this.consoleBuffer = [...new TextEncoder().encode(last)];
    }
    for (const line of lines) {
      const kernel = line.startsWith(prefix);
      if (kernel) this.kernelLines.push(line);
      this.listener.output(line, kernel ? 'console' : 'stdout');
    }
  }

  /**
   * Output at `position` (see outputShown) is new: not a replay, and beyond the furthest
   * point the output has been sent up to.
   */
  private isNewOutput(position: number): boolean {
    return !this.replaying && position > this.outputShown;
  }

  /** An event between instructions, now, is new output; records it as sent if so. */
  private newEvent(): boolean {
    const position = this.instruction + 0.5;
    if (!this.isNewOutput(position)) return false;
    this.lastEventShown = position;
    return true;
  }

  /** Going back from here: everything up to here has been sent. */
  private markOutputShown(): void {
    this.outputShown = Math.max(this.outputShown, this.instruction, this.lastEventShown);
  }

  /**
   * A line of the debugger's own (a trace), after the guest output that came before it.
   * Sent only the first time execution gets here (not again after a step back).
   */
  traceLine(text: string): void {
    if (!this.newEvent()) return;
    this.flushConsole(true);
    this.listener.output(text + '\n', 'console');
  }

  // --- Running forward ----------------------------------------------------------------------

  /** Continue: run in slices until a breakpoint, an exception, a watchpoint, HLT or pause. */
  private async runFree(): Promise<Outcome> {
    return this.runUntil(undefined, 0);
  }

  /**
   * The fast path. Runs with the breakpoints patched in, plus `target` (a temporary stop for
   * step-over/step-out) which counts only once ESP >= minEsp (so a recursive call of the
   * same function does not end the step early).
   */
  private async runUntil(target: number | undefined, minEsp: number): Promise<Outcome> {
    const first = this.stepOffBreakpoint(target, minEsp);
    if (first.kind !== 'running') return first;
    // The INT3s stay in across slices: each insertion or removal is a store into a code line,
    // which drops the decoded (compiled) blocks there, and recompiling a hot loop every slice
    // cost a quarter of the run (bench dap bp-1000-ratio). They come out when the run stops.
    try {
      for (;;) {
        if (this.pauseRequested)
          return {
            kind: 'stop',
            event: { reason: 'pause', description: `paused at ${this.describeAddress(this.cpu.eip)}` },
          };
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
   * A snapshot while the INT3s are in: the original bytes go back for the copy and the INT3s
   * return after it, both as plain stores that no decoded block needs to hear of (nothing runs
   * in between, so the decoded code still matches memory afterwards).
   */
  private takeSnapshotIfDue(): void {
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

  /**
   * At a patched address the first instruction must run unpatched (it is the user's
   * instruction, not our INT3): one single step, then the fast loop can patch again.
   */
  private stepOffBreakpoint(target: number | undefined, minEsp: number): Outcome {
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

  /** One step over the instruction at EIP with its original byte back for that step only. */
  private singleStepUnpatched(): Outcome {
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

  /** One instruction, unpatched; exceptions and HLT become outcomes. */
  private singleStep(): Outcome {
    const before = this.instruction;
    const info = this.machine.step();
    if (info.watch) return this.watchpointHit(info.watch);
    const watch = this.checkWatchpoints(before);
    if (watch) return watch;
    if (info.reason === 'limit') return this.arriveInternal(this.cpu.eip) ?? RUNNING;
    return this.machineStopped(info);
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

  /**
   * The "system call entry" filter for the call gate, SYSENTER and SYSCALL: internal
   * breakpoints at the entry points the machine holds now (the kernel sets the MSRs and the
   * GDT while it boots, so they are read again before each slice and each run).
   */
  private refreshSyscallEntries(): void {
    const wanted = this.exceptionFilters.has('syscall') ? syscallEntryPoints(this.cpu, this.guest) : [];
    const key = wanted.map((e) => `${e.mechanism}@${e.address}`).join(',');
    if (key === this.syscallEntryKey) return;
    this.syscallEntryKey = key;
    for (const remove of this.syscallEntryHandlers) remove();
    this.syscallEntryHandlers = wanted.map((e) => this.addInternalBreakpoint(e.address, () => this.syscallEntered(e)));
  }

  private syscallEntryKey = '';
  private syscallEntryHandlers: (() => void)[] = [];

  /** The CPU arrived at a kernel entry point: stop when the filter (and its condition) says so. */
  private syscallEntered(entry: SyscallEntryPoint): StopEvent | undefined {
    if (this.cpu.cpl !== 0 || !this.exceptionFilters.has('syscall') || !this.filterCondition('syscall'))
      return undefined;
    const eax = this.cpu.regs[0] >>> 0;
    const fault: FaultDetails = {
      vector: -1,
      eip: entry.address,
      lockNop: false,
      syscall: true,
      user: false,
      name: 'system call',
      description: `system call entry through ${entry.mechanism}: eax=${eax} (${syscallName(eax, false)})`,
      filters: ['syscall'],
      fatal: false,
    };
    this.fatalFault = fault;
    return {
      reason: 'exception',
      description: `${fault.description}, in the kernel at ${this.describeAddress(entry.address)}`,
      fault,
    };
  }

  /** EIP arrived at `eip` (by a run or a step): the internal handlers there, if any. */
  private arriveInternal(eip: number): Outcome | undefined {
    const list = this.internal.get(eip);
    // A step that arrives here runs the handlers; the INT3 then hit at once is the same arrival.
    if (!list || this.replaying || this.instruction === this.internalArrival) return undefined;
    this.internalArrival = this.instruction;
    let stop: StopEvent | undefined;
    for (const h of list) stop = h() ?? stop;
    return stop ? { kind: 'stop', event: stop } : undefined;
  }

  /** Our INT3 stopped the machine: put EIP back on the breakpoint and un-count the INT3. */
  private recogniseOwnInt3(info: StopInfo): boolean {
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

  private patchedAt(physical: number): boolean {
    return this.lastPatched.has(physical);
  }

  /** Physical addresses patched during the current run (kept after removal for recognition). */
  private lastPatched = new Set<number>();
  /** What the patches in memory were made for; a change means they are made again. */
  private patchKey:
    { generation: number; internal: number; target: number | undefined; cr3: number; cr0: number } | undefined;
  /** Breakpoint addresses that could not be patched yet (a user page not mapped yet). */
  private unpatched: number[] = [];

  /**
   * Before a slice: the INT3s in place for the current breakpoints, `target` and the internal
   * addresses. Made again when any of them or the address space changed; otherwise only the
   * addresses still waiting for their page are tried, and an INT3 the guest overwrote (a
   * program copied over its own code) is put back over the new byte.
   */
  private syncPatches(target: number | undefined): void {
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

  private insertPatches(target: number | undefined, internal: boolean): void {
    this.lastPatched = new Set();
    this.unpatched = [];
    for (const a of this.breakpoints.addresses()) this.patchAt(a);
    if (internal) for (const a of this.internal.keys()) this.patchAt(a);
    if (target !== undefined) this.patchAt(target);
  }

  private patchAt(linear: number): void {
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
  private patchable(linear: number): boolean {
    const image = this.images.find((i) => i.contains(linear));
    if (!image || !image.userSpace) return true;
    if (!this.cpu.paging) return false;
    return translateLinear(this.cpu, this.machine.memory, linear)?.user === true;
  }

  private removePatches(): void {
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
  private breakpointVerdict(eip: number): Outcome {
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

  /** The machine stopped by itself: HLT, an exception, a shutdown. */
  private machineStopped(info: StopInfo): Outcome {
    // The emulator's StopInfo is still growing (delivery through the IDT came later); the
    // reasons are compared as strings so a new one ends the run with its text, not silently.
    const reason: string = info.reason;
    if (reason === 'limit') return RUNNING;
    if (reason === 'halt')
      return {
        kind: 'exit',
        code: this.exitCode,
        reason: `HLT at ${this.describeAddress((this.cpu.eip - 1) >>> 0)}: the program ended`,
      };
    if (reason === 'shutdown') {
      const fault = this.faultDetails(8, undefined, this.cpu.eip, ['triple-fault']);
      fault.name = 'triple fault';
      fault.description = 'an exception while delivering a double fault: the processor shut down';
      if (this.exceptionFilters.has('triple-fault') && this.filterCondition('triple-fault')) {
        this.fatalFault = fault;
        return {
          kind: 'stop',
          event: { reason: 'exception', description: 'triple fault: the processor shut down', fault },
        };
      }
      return { kind: 'exit', code: 128 + 8, reason: 'triple fault: the processor shut down' };
    }
    const vector = info.vector ?? -1;
    const eip = info.faultEip ?? this.cpu.eip;
    if (this.traceTraps && reason === 'exception' && vector >= 0 && this.newEvent()) {
      const code = info.errorCode !== undefined ? ` error code 0x${info.errorCode.toString(16)}` : '';
      this.listener.output(
        `trap ${vectorMnemonic(vector)} (vector ${vector})${code} at ${this.describeAddress(eip)}\n`,
        'console',
      );
    }
    if (reason !== 'exception' || vector < 0) {
      // The emulator itself stopped: something it does not implement yet, or a defect.
      const extra = info as { detail?: string; message?: string };
      return {
        kind: 'exit',
        code: 70,
        reason: `the emulator stopped (${reason}) at ${this.describeAddress(eip)}: ${extra.detail ?? extra.message ?? 'no detail'}`,
      };
    }
    if (vector === Vector.BP) {
      // The program's own INT3: a breakpoint it asked for; continuing runs on after it.
      return {
        kind: 'stop',
        event: { reason: 'breakpoint', description: `int3 in the program at ${this.describeAddress((eip - 1) >>> 0)}` },
      };
    }
    // With an IDT loaded the event was claimed by the intercept hook before delivery: EIP is
    // on the instruction and continuing delivers it. Without one (bare mode, the kernel's
    // boot before LIDT) the CPU stopped by itself and nothing can handle it.
    const intercepted = info.intercepted === true;
    const trap = !intercepted && (vector >= 32 || vector === Vector.OF);
    const fault = this.faultDetails(vector, info.errorCode, trap ? (eip - 2) >>> 0 : eip, []);
    fault.user = this.cpu.cpl === 3;
    // A claimed #PF put CR2 back; the address the fault loaded is kept in claimedCr2.
    fault.answered = fault.user && this.kernelAnswers(vector, info.errorCode, this.claimedCr2 ?? this.cpu.cr2);
    fault.syscall = intercepted && vector === VECTOR.SYSCALL_INT;
    fault.fatal = !intercepted;
    if (fault.syscall) {
      fault.name = intInstruction(VECTOR.SYSCALL_INT);
      fault.description = `system call entry: eax=${this.cpu.regs[0] >>> 0} (${syscallName(this.cpu.regs[0] >>> 0, false)})`;
    }
    fault.filters = matchingFilters(fault).filter((f) => this.exceptionFilters.has(f) && this.filterCondition(f));
    if (fault.filters.length > 0 && !this.replaying) {
      this.fatalFault = fault;
      return {
        kind: 'stop',
        event: {
          reason: 'exception',
          description: `${fault.name} ${fault.description} at ${this.describeAddress(fault.eip)}`,
          fault,
        },
      };
    }
    if (intercepted) {
      this.passEvent = { vector, eip };
      return RUNNING;
    }
    const what = trap
      ? `int 0x${vector.toString(16)} at ${this.describeAddress(fault.eip)} has no handler`
      : `${fault.name} (${fault.description}) at ${this.describeAddress(fault.eip)}`;
    return { kind: 'exit', code: 128 + (vector & 0x7f), reason: `${what}: ${this.unhandledReason()}` };
  }

  /**
   * Once the guest has an IDT the CPU delivers INT3 and exceptions to the guest's handlers.
   * The debugger must see some of them first: its own INT3s, `int 0x30` for the system-call
   * filter, and the exceptions an enabled filter asks to stop on. The CPU offers every event
   * to `interceptEvent` before delivery; claiming one leaves the CPU as before the instruction
   * (EIP on it, nothing retired) and ends the run. Continuing re-executes the instruction and
   * the event is offered again: then it is let through once (passEvent).
   */
  private interceptEvents(): void {
    const cpu = this.machine.cpu;
    cpu.interceptEvent = (event: CpuEvent): boolean => {
      if (event.kind === 'external') return false;
      if (event.kind === 'software') {
        if (event.vector === Vector.BP) {
          const p = this.guest.physical(event.eip);
          return p !== undefined && this.lastPatched.has(p) && this.machine.memory.u8[p] === INT3;
        }
        if (event.vector !== VECTOR.SYSCALL_INT || !this.exceptionFilters.has('syscall') || this.replaying)
          return false;
        if (this.takePass(event.vector, event.eip)) return false;
        return this.filterCondition('syscall');
      }
      if (this.replaying || this.takePass(event.vector, event.eip)) return false;
      const fault = this.faultDetails(event.vector, event.errorCode, event.eip, []);
      fault.user = cpu.cpl === 3;
      fault.answered = fault.user && this.kernelAnswers(event.vector, event.errorCode, cpu.cr2);
      const claim = matchingFilters(fault).some((f) => this.exceptionFilters.has(f) && this.filterCondition(f));
      // A claimed #PF is not delivered, so the CPU puts CR2 back as it was (SDM Vol.3 6.15:
      // CR2 is loaded as part of the delivery); the faulting address is kept for exceptionInfo.
      if (claim && event.vector === Vector.PF) this.claimedCr2 = cpu.cr2 >>> 0;
      return claim;
    };
  }

  private takePass(vector: number, eip: number): boolean {
    const p = this.passEvent;
    if (!p) return false;
    this.passEvent = undefined;
    return p.vector === vector && p.eip === eip;
  }

  /** Why an exception ends the run instead of reaching a handler. */
  unhandledReason(): string {
    if (this.fatalFault && !this.fatalFault.fatal) return 'continuing delivers it to the kernel';
    return this.consoleKernelPrefix === undefined
      ? 'there is no kernel in bare mode, so the program ends here'
      : 'the kernel has not loaded its IDT yet, so nothing can handle it and the run ends here';
  }

  private filterCondition(id: ExceptionFilterId): boolean {
    const cond = this.exceptionFilters.get(id);
    if (!cond) return true;
    try {
      return evaluateNode(cond, this.scope) !== 0;
    } catch {
      return true;
    }
  }

  /**
   * A fault from user mode that the guest kernel answers without ending the thread: #NM when
   * the model has an FPU (the lazy FPU switch), a not-present #PF on a page table entry the
   * kernel marked for demand paging (PTE_SOFTWARE.LAZY, read through CR3 as the kernel does).
   */
  private kernelAnswers(vector: number, errorCode: number | undefined, faultAddress: number): boolean {
    const cpu = this.machine.cpu;
    if (vector === Vector.NM) return cpu.model.fpu;
    if (vector !== Vector.PF || errorCode === undefined || (errorCode & 1) !== 0) return false;
    const linear = faultAddress >>> 0;
    if (linear < ADDRESS.USER_START || linear >= ADDRESS.USER_END) return false;
    const memory = this.machine.memory;
    const pdeAddr = ((cpu.cr3 & 0xfffff000) >>> 0) + (linear >>> 22) * 4;
    if (pdeAddr + 3 >= memory.size) return false;
    const pde = memory.read32(pdeAddr);
    if ((pde & 1) === 0) return false;
    const pteAddr = ((pde & 0xfffff000) >>> 0) + ((linear >>> 12) & 0x3ff) * 4;
    if (pteAddr + 3 >= memory.size) return false;
    const pte = memory.read32(pteAddr);
    return (pte & (1 | PTE_SOFTWARE.NONE)) === 0 && (pte & PTE_SOFTWARE.LAZY) !== 0;
  }

  faultDetails(vector: number, errorCode: number | undefined, eip: number, filters: ExceptionFilterId[]): FaultDetails {
    const bytes = this.guest.read(eip, 2);
    const lockNop = vector === Vector.UD && bytes.length === 2 && bytes[0] === 0xf0 && bytes[1] === 0x90;
    return {
      vector,
      errorCode,
      eip,
      lockNop,
      name: vectorMnemonic(vector),
      description: lockNop ? 'invalid opcode: lock nop (the kernel interface query)' : vectorDescription(vector),
      errorText:
        errorCode !== undefined
          ? describeErrorCode(
              vector,
              errorCode,
              vector === Vector.PF ? (this.claimedCr2 ?? this.cpu.cr2 >>> 0) : undefined,
            )
          : undefined,
      filters,
      fatal: true,
    };
  }

  get currentFault(): FaultDetails | undefined {
    return this.fatalFault;
  }

  // --- Watchpoints --------------------------------------------------------------------------

  /**
   * A watched value differs from the last check: some instruction since `since` wrote it.
   * With history, the exact instruction is found by re-executing from the last snapshot and
   * bisecting on the instruction count; the stop is right after that instruction.
   */
  private watchedValueChanged(): boolean {
    return this.watchpoints.some((w) => w.access !== 'read' && this.watchedValue(w.address, w.size) !== w.last);
  }

  private checkWatchpoints(since: number): Outcome | undefined {
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
  private watchpointHit(hit: WatchHit): Outcome {
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
  private firstChange(w: Watchpoint, before: string | undefined, since: number, now: number): number | undefined {
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

  // --- Stepping -----------------------------------------------------------------------------

  private async stepInstruction(): Promise<Outcome> {
    const outcome = this.singleStep();
    if (outcome.kind !== 'running') return outcome;
    this.history.maybeTake(this.instruction);
    return { kind: 'stop', event: { reason: 'step', description: `step to ${this.describeAddress(this.cpu.eip)}` } };
  }

  /** The control-transfer class of the instruction at EIP. */
  private instructionKind(): 'call' | 'return' | 'other' {
    const bytes = this.guest.read(this.cpu.eip, 15);
    const d = decodeInstruction(bytes, 0, this.cpu.code32, this.cpu.model);
    if (!d.ok) return 'other';
    const exec = d.form.exec;
    if (exec === 'call' || exec === 'callFar') return 'call';
    if (exec === 'ret' || exec === 'retFar' || exec === 'iret') return 'return';
    return 'other';
  }

  private nextInstructionAddress(): number {
    const bytes = this.guest.read(this.cpu.eip, 15);
    const d = decodeInstruction(bytes, 0, this.cpu.code32, this.cpu.model);
    return (this.cpu.eip + d.length) >>> 0;
  }

  private async stepOverInstruction(): Promise<Outcome> {
    if (this.instructionKind() !== 'call') return this.stepInstruction();
    const outcome = await this.runUntil(this.nextInstructionAddress(), this.cpu.regs[ESP] >>> 0);
    return outcome;
  }

  /**
   * Step by source line: single instructions until EIP is on a different source line (or
   * outside every image); with `over`, calls run at full speed to their return address.
   */
  private async stepLine(over: boolean): Promise<Outcome> {
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
      if (++steps % 20000 === 0) {
        this.history.maybeTake(this.instruction);
        this.flushConsole();
        await yieldToEventLoop();
        if (this.pauseRequested)
          return {
            kind: 'stop',
            event: { reason: 'pause', description: `paused at ${this.describeAddress(this.cpu.eip)}` },
          };
      }
    }
  }

  /**
   * Step out: run until a return instruction executes at or above the current stack level
   * (ESP only grows back to it when this frame returns; deeper frames return below it).
   */
  private async stepOutOfFunction(): Promise<Outcome> {
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
      if (++steps % 20000 === 0) {
        this.history.maybeTake(this.instruction);
        this.flushConsole();
        await yieldToEventLoop();
        if (this.pauseRequested)
          return {
            kind: 'stop',
            event: { reason: 'pause', description: `paused at ${this.describeAddress(this.cpu.eip)}` },
          };
      }
    }
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

  private async stepBackwards(granularity: 'line' | 'instruction'): Promise<Outcome> {
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

  private historyStart(): Outcome {
    return {
      kind: 'stop',
      event: { reason: 'step', description: 'at the start of the recorded history: cannot go further back' },
    };
  }

  /**
   * Reverse continue: the last breakpoint hit before now. Each snapshot interval, newest
   * first, is re-executed with the breakpoints patched in and every hit recorded.
   */
  private async runBackwards(): Promise<Outcome> {
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
  private lastBreakpointHit(from: number, end: number): { instruction: number; ids: number[] } | undefined {
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

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
