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
//
// The class is built in layers, one concern per file, each extending the one before:
// sessionBase.ts (state, symbols, guest output), int3Patches.ts (breakpoints as INT3 patches,
// internal breakpoints), exceptionFilters.ts (exception stops and delivery), watchpoints.ts,
// runControl.ts (run, continue, pause, single step), stepping.ts (line and instruction steps,
// step out), reverse.ts (replay, step back, reverse continue) and session.ts (MachineSession).

import type { Machine } from '../emulator';
import { BreakpointTable } from './breakpoints';
import type { ExpressionNode, ExpressionScope } from './expression';
import { type ExceptionFilterId, hex32 } from './faults';
import { GuestMemory } from './guestMemory';
import { History } from './history';
import { type LineEntry, type LoadedImage, symbolicName } from './image';
import type { KernelView } from './kernelView';
import { readRegister } from './registers';
import {
  CONSOLE_PORT,
  DEFAULT_SESSION_OPTIONS,
  EXIT_PORT,
  type FaultDetails,
  type InternalHandler,
  type Outcome,
  type SessionListener,
  type SessionOptions,
  type StopEvent,
  type Watchpoint,
  yieldToEventLoop,
} from './sessionTypes';

export abstract class SessionBase {
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

  protected state: 'stopped' | 'running' | 'exited' = 'stopped';
  protected pauseRequested = false;
  /** Replaying history: suppress console output and breakpoint decisions. */
  protected replaying = false;
  /** Original bytes under the INT3s currently patched in, by physical address. */
  protected readonly patched = new Map<number, number>();
  protected consoleBuffer: number[] = [];
  protected fatalFault: FaultDetails | undefined;
  protected nextWatchId = 1;
  /** A kernel-mode exception the user stopped on: the next time it is raised, deliver it. */
  protected passEvent: { vector: number; eip: number } | undefined;
  protected readonly detachPorts: () => void;
  protected readonly internal = new Map<number, InternalHandler[]>();
  protected internalGeneration = 0;
  /** The faulting address of the last #PF the intercept hook claimed (CR2 is not loaded then). */
  protected claimedCr2: number | undefined;
  /** Instruction count of the last arrival at an internal breakpoint. */
  protected internalArrival = -1;
  /**
   * Output high-water mark, on the instruction axis: guest output (console bytes, kernel
   * lines, port and trap traces, syscall-trace lines) at or before it has been sent already,
   * so running forward again after a step back or a reverse continue does not send it twice.
   * An OUT retiring as instruction i sits at position i; an event between instructions (a
   * trap raised at instruction count c, an arrival at a traced kernel address) at c + 0.5.
   * Raised to the furthest point reached each time the machine goes back (replayTo).
   */
  protected outputShown = 0;
  /** Position of the last between-instructions event sent (see outputShown). */
  protected lastEventShown = 0;
  /** UTF-8 decoders of the program's streams (a character may be split across two writes). */
  protected readonly streamDecoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };
  /** Called by an edit with the instruction count it happened at: recorded futures are dropped. */
  readonly onEdit: ((instruction: number) => void)[] = [];

  protected syscallEntryKey = '';
  protected syscallEntryHandlers: (() => void)[] = [];
  /** Physical addresses patched during the current run (kept after removal for recognition). */
  protected lastPatched = new Set<number>();
  /** What the patches in memory were made for; a change means they are made again. */
  protected patchKey:
    { generation: number; internal: number; target: number | undefined; cr3: number; cr0: number } | undefined;
  /** Breakpoint addresses that could not be patched yet (a user page not mapped yet). */
  protected unpatched: number[] = [];

  constructor(
    readonly machine: Machine,
    readonly images: LoadedImage[],
    protected readonly listener: SessionListener,
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

  /** Installs the CPU's intercept hook (exceptionFilters.ts). */
  protected abstract interceptEvents(): void;
  /** One instruction, unpatched (runControl.ts). */
  protected abstract singleStep(): Outcome;
  /** The machine as after `instruction` instructions (reverse.ts). */
  abstract replayTo(instruction: number): boolean;
  /** The internal breakpoints of the system-call filter, for the entry points set now (exceptionFilters.ts). */
  protected abstract refreshSyscallEntries(): void;

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

  /**
   * In a loop of single steps, every YIELD_STEPS steps: a snapshot when due, the output so
   * far sent, the event loop served; a pause request then ends the loop with its stop.
   */
  protected async yieldDuringSteps(): Promise<Outcome | undefined> {
    this.history.maybeTake(this.instruction);
    this.flushConsole();
    await yieldToEventLoop();
    if (!this.pauseRequested) return undefined;
    return this.pausedHere();
  }

  protected pausedHere(): Outcome {
    return { kind: 'stop', event: { reason: 'pause', description: `paused at ${this.describeAddress(this.cpu.eip)}` } };
  }

  // --- Guest output -------------------------------------------------------------------------

  /**
   * A byte of the kernel's log on the host I/O device's log port, from the OUT that retires
   * as instruction `position`: it joins the console (its lines start with the kernel prefix).
   */
  kernelLogByte(byte: number, position: number): void {
    if (this.isNewOutput(position)) this.consoleBuffer.push(byte & 0xff);
  }

  /**
   * The program's fd 1 or 2 through the host I/O device. The device's journal performs each
   * request once (hostIoJournal.ts), so what arrives here is always new.
   */
  programOutput(stream: 'stdout' | 'stderr', bytes: Uint8Array): void {
    this.flushConsole();
    const text = this.streamDecoders[stream].decode(bytes, { stream: true });
    if (text !== '') this.listener.output(text, stream);
  }

  /**
   * Console bytes to output events. Under the kernel the console carries both the kernel's
   * lines (starting with `consoleKernelPrefix`, category console) and the program's output
   * (stdout), so it goes out line by line; a partial line waits unless `final`.
   */
  protected flushConsole(final = false): void {
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
  protected isNewOutput(position: number): boolean {
    return !this.replaying && position > this.outputShown;
  }

  /** An event between instructions, now, is new output; records it as sent if so. */
  protected newEvent(): boolean {
    const position = this.instruction + 0.5;
    if (!this.isNewOutput(position)) return false;
    this.lastEventShown = position;
    return true;
  }

  /** Going back from here: everything up to here has been sent. */
  protected markOutputShown(): void {
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
}
