// The processor state (SDM Vol.1 chapter 3, Vol.3 chapter 2) and the memory and stack
// accesses every instruction goes through. Instruction semantics live in the exec/ files;
// the fetch-decode-execute loop is in interpreter.ts.

import { Fpu } from './fpu/state';
import type { PhysicalMemory } from '../memory';
import type { IoBus } from '../io';
import type { CpuModel } from '../../isa/models';
import { CPU_FAULT, Vector } from './exceptions';
import {
  ATTR_ACCESSED,
  ATTR_CODE,
  ATTR_DB,
  ATTR_EXPAND_DOWN,
  ATTR_G,
  ATTR_PRESENT,
  ATTR_S,
  ATTR_WRITABLE,
  CR0_AM,
  CR0_CD,
  CR0_ET,
  CR0_NW,
  CR0_PE,
  CR0_PG,
  CS,
  EDX,
  ESP,
  SS,
  StopReason,
  NO_EXCEPTION,
  UNIMPLEMENTED_VECTOR,
} from './constants';
import { deliverEvent, EventKind } from './system/interrupts';
import { armDebugRegisters, faultRf, watchAccess } from './debug';
import { TLB_SUP_READ, TLB_SUP_WRITE, TLB_USER_READ, TLB_USER_WRITE, Tlb, walk } from './system/paging';
import { AC, ARITH_FLAGS, FIXED_ONE, ID, IF, LazyOp, RF, TF, VIF, VIP, computeLazy, materialize } from './flags';

export * from './constants';

/**
 * How an event came about, for `interceptEvent`: a fault (EIP on the faulting instruction),
 * a trap (EIP after the instruction that caused it: the single-step #DB), an external
 * interrupt from the PIC, or a software interrupt (INT n, INT3, INTO: EIP on the instruction).
 */
export type CpuEventKind = 'fault' | 'trap' | 'external' | 'software';

export interface CpuEvent {
  vector: number;
  errorCode: number | undefined;
  kind: CpuEventKind;
  /** EIP of the instruction (faults, INT n/INT3/INTO: on it; traps: after it). */
  eip: number;
}

/** A watched linear range: data reads and/or writes overlapping it stop the run. */
export interface Watchpoint {
  linear: number;
  length: number;
  read: boolean;
  write: boolean;
}

/** The data access that stopped a run with StopReason.Watchpoint. */
export interface WatchHit {
  linear: number;
  size: number;
  write: boolean;
  /** Index in the list given to setWatchpoints. */
  index: number;
}

export class Cpu {
  readonly model: CpuModel;
  readonly memory: PhysicalMemory;
  readonly io: IoBus;

  /** EAX ECX EDX EBX ESP EBP ESI EDI. */
  readonly regs = new Int32Array(8);
  /** Offset of the next instruction in CS (unsigned). */
  eip = 0;

  // EFLAGS: `flags` holds every bit except the arithmetic ones listed in `lazyFlags`, which
  // are computed from the last ALU operation (flags.ts).
  flags = FIXED_ONE;
  lazyFlags = 0;
  lazyOp: LazyOp = LazyOp.ADD;
  lazyA = 0;
  lazyB = 0;
  lazyResult = 0;
  lazySize = 32;

  // Segment registers: visible selector and the hidden descriptor cache (SDM Vol.3 3.4.3).
  readonly segSelector = new Uint16Array(6);
  readonly segBase = new Int32Array(6);
  readonly segLimit = new Float64Array(6);
  readonly segAttr = new Int32Array(6);
  // Valid offset ranges derived from the cache: a read of n bytes at off is allowed when
  // readLow <= off and off + n - 1 <= readHigh (limit, expand-down and type folded in).
  readonly readLow = new Float64Array(6);
  readonly readHigh = new Float64Array(6);
  readonly writeLow = new Float64Array(6);
  readonly writeHigh = new Float64Array(6);
  /** CS.D: 32-bit default operand and address size. */
  code32 = false;
  /** SS.B: 32-bit stack pointer. */
  stack32 = false;
  cpl = 0;

  // System registers (SDM Vol.3 2.4, 2.5).
  cr0 = CR0_ET;
  cr2 = 0;
  cr3 = 0;
  cr4 = 0;
  readonly dr = new Int32Array(8);
  readonly tr = new Int32Array(8);
  gdtBase = 0;
  gdtLimit = 0xffff;
  idtBase = 0;
  idtLimit = 0x3ff;
  ldtSelector = 0;
  ldtBase = 0;
  ldtLimit = 0xffff;
  taskSelector = 0;
  taskBase = 0;
  taskLimit = 0xffff;
  /** 32 or 16 for the TSS format TR holds, 0 before LTR. */
  taskType = 0;
  /**
   * Exceptions and interrupts stop the run instead of being delivered: the flat 32-bit test
   * mode (setFlat32) has no IDT until the program loads one with LIDT.
   */
  eventsStopRun = false;

  /**
   * Consulted before an event is delivered through the IVT/IDT (not in `eventsStopRun` mode).
   * Returning true claims it: nothing is delivered, nothing changes (a fault or a software
   * interrupt leaves EIP on its instruction, which does not retire), and the run stops with
   * StopReason.Exception, `exceptionIntercepted` set and `exceptionKind` telling the kind.
   * Running again re-executes the instruction and asks again. Faults raised while an event is
   * being delivered (the double-fault escalation of Table 6-5) are not offered to the hook:
   * they are resolved inside the delivery, which cannot be undone half-way.
   */
  interceptEvent: ((event: CpuEvent) => boolean) | undefined = undefined;

  // Model-specific registers (SDM Vol.4; AMD APM Vol.2 6.1.1).
  sysenterCs = 0;
  sysenterEsp = 0;
  sysenterEip = 0;
  efer = 0;
  star = 0;
  starHigh = 0;
  tscOffset = 0;

  /** The TLB (system/paging.ts). */
  readonly tlb = new Tlb();
  /** The x87 FPU (fpu/state.ts); present on every model, used only where model.fpu is set. */
  readonly fpu = new Fpu();
  /**
   * Set while the processor itself reads or writes descriptor tables, the TSS or an
   * inner-level stack: those accesses are supervisor accesses whatever the CPL (SDM Vol.3 4.6).
   */
  systemAccess = false;

  // --- Interrupt shadows (SDM Vol.3 6.8.3; Vol.2 STI, MOV, POP) ------------------------------
  //
  // STI executed with IF = 0 inhibits maskable interrupts on the instruction boundary after
  // it; MOV SS and POP SS inhibit interrupts, the single-step trap and data breakpoints on the
  // boundary after them. Those instructions set the flags below and end the run with
  // StopReason.Event. While a flag is set, `execute` (interpreter.ts) runs exactly one
  // instruction whatever its budget, clears the flags before running it, and returns with
  // StopReason.Event (or the instruction's own stop), so the boundary after that instruction
  // is where the machine looks for interrupts again.
  //
  // What Machine.run must do (nothing else; the budget it passes does not matter):
  // - while cpu.interruptShadow is true, take no external interrupt (do not even ask the PIC
  //   or cpu.interceptEvent): call execute, which runs the shadowed instruction alone;
  // - when cpu.debugShadow is true after a single step (TF was set and the instruction was
  //   MOV SS / POP SS), do not deliver the single-step #DB yet: the next execute (one
  //   instruction) is followed by it, and that #DB then covers both instructions (17.3.1.4);
  // - a HLT in the shadow (`sti; hlt`) halts normally: the shadow has ended when the machine
  //   looks at the halted CPU, so a pending IRQ wakes it with EIP after the HLT.
  // STI; STI: the second STI finds IF = 1 and opens no shadow, so an interrupt is taken after
  // the second. The two flags are machine state (snapshots must save them).

  /** Maskable interrupts are inhibited at the current boundary (after STI from IF = 0, MOV SS, POP SS). */
  interruptShadow = false;
  /** The single-step trap and data breakpoints are inhibited too (after MOV SS, POP SS). */
  debugShadow = false;
  /** A watchpoint hit by MOV SS / POP SS, reported after the next instruction (SDM Vol.3 6.8.3). */
  deferredWatchHit: WatchHit | undefined = undefined;
  /** Events delivered since reset (tells a single step whether its instruction raised one). */
  eventCount = 0;
  /** RF or 0, ORed into the EFLAGS image the event being delivered saves (deliverEvent's `rf`). */
  eventRf = 0;
  /** Instructions retired since reset (the time base of RDTSC). */
  instructionCount = 0;
  /**
   * Instructions retired before the port access under way: IN, OUT, INS and OUTS set it before
   * touching the bus, because inside a block instructionCount still counts from the block's
   * start. The machine times PIT and PIC accesses with it.
   */
  ioInstructionCount = 0;

  // Stop state, read by the interpreter after a block.
  stopReason: StopReason = StopReason.None;
  /** Set by any instruction after which the current basic block must not continue. */
  leaveBlock = false;
  /** Set by IRET: the block it returns to gains no heat (interpreter.ts runBlocks). */
  returnedFromEvent = false;
  /** Instructions a compiled region retired before the one that faulted (jit/region.ts). */
  regionRetired = 0;
  /** A fault a compiled region's slow path caught, for the interpreter to handle (jit/runtime.ts). */
  pendingFault: unknown = null;
  exceptionVector: number = NO_EXCEPTION;
  exceptionErrorCode: number | undefined = undefined;
  exceptionEip = 0;
  /** The Exception stop was an event claimed by interceptEvent (not delivered). */
  exceptionIntercepted = false;
  /** The kind of the event of an Exception stop. */
  exceptionKind: CpuEventKind | undefined = undefined;
  /** CR2 as it was before the last #PF loaded it: an intercepted #PF puts it back. */
  cr2BeforeFault = 0;
  /** The access that hit, after a Watchpoint stop. */
  watchHit: WatchHit | undefined = undefined;
  /**
   * The watched ranges, as [start, length, read?, write?] flattened for the access check;
   * `watching` is the one test the memory accessors pay when the list is empty.
   */
  watchRanges: Float64Array = new Float64Array(0);
  /** Some data watchpoint or data breakpoint is set (string.ts then keeps REP MOVS/STOS element by element). */
  watching = false;
  /** Enabled data breakpoints of DR0-DR3 as [start, length, reads too?, n] (debug.ts). */
  breakRanges: Float64Array = new Float64Array(0);
  /** Bit n: DRn is an enabled instruction breakpoint. */
  codeBreakpoints = 0;
  /** Bit n: DRn is an enabled I/O breakpoint (CR4.DE). */
  ioBreakpoints = 0;
  /** DR6.B0-B3 of data and I/O breakpoints hit by the instruction under way: a #DB trap follows it. */
  dbHits = 0;
  /** Breakpoint hits of MOV SS / POP SS, held until the instruction after it (SDM Vol.3 6.8.3). */
  dbDeferred = 0;
  unimplementedWhat = '';
  /** HLT executed; stays set until reset (no interrupt sources exist yet). */
  halted = false;

  constructor(model: CpuModel, memory: PhysicalMemory, io: IoBus) {
    this.model = model;
    this.memory = memory;
    this.io = io;
    this.reset();
  }

  // --- Reset and the flat test mode --------------------------------------------------------

  /** Power-on state (SDM Vol.3 9.1.1, Table 9-1). */
  reset(): void {
    this.regs.fill(0);
    // EDX holds the processor signature (family/model/stepping) when CPUID exists; the 386
    // and 486 put their component id there too (0x03xx / 0x04xx).
    const c = this.model.cpuid;
    this.regs[EDX] = c
      ? (c.family << 8) | (c.model << 4) | c.stepping
      : this.model.generation === 386
        ? 0x0308
        : 0x0480;
    this.flags = FIXED_ONE;
    this.lazyFlags = 0;
    this.cr0 = CR0_ET | (this.model.generation >= 486 ? CR0_CD | CR0_NW : 0);
    this.cr2 = this.cr3 = this.cr4 = 0;
    this.dr.fill(0);
    this.dr[6] = 0xffff0ff0 | 0;
    this.dr[7] = 0x400;
    this.dbHits = this.dbDeferred = 0;
    armDebugRegisters(this);
    this.tr.fill(0);
    this.gdtBase = 0;
    this.gdtLimit = 0xffff;
    this.idtBase = 0;
    this.idtLimit = 0x3ff;
    this.ldtSelector = 0;
    this.ldtBase = 0;
    this.ldtLimit = 0xffff;
    this.taskSelector = 0;
    this.taskBase = 0;
    this.taskLimit = 0xffff;
    this.taskType = 0;
    this.eventsStopRun = false;
    this.tlb.flushAll();
    this.sysenterCs = this.sysenterEsp = this.sysenterEip = 0;
    this.efer = this.star = this.starHigh = 0;
    this.tscOffset = 0;
    this.fpu.reset();
    const dataAttr = ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_ACCESSED;
    for (let s = 0; s < 6; s++) this.setSegmentCache(s, 0, 0, 0xffff, dataAttr);
    this.setSegmentCache(
      CS,
      0xf000,
      0xffff0000 | 0,
      0xffff,
      ATTR_PRESENT | ATTR_S | ATTR_CODE | ATTR_WRITABLE | ATTR_ACCESSED,
    );
    this.eip = 0xfff0;
    this.cpl = 0;
    this.stopReason = StopReason.None;
    this.halted = false;
    this.interruptShadow = this.debugShadow = false;
    this.deferredWatchHit = undefined;
  }

  /**
   * 32-bit flat protected mode without descriptor tables: every segment base 0, limit 4 GiB,
   * 32-bit code and stack, CPL 0, CR0.PE set, paging off. The state tests and benchmarks use
   * until the system layer sets up real descriptors.
   */
  setFlat32(): void {
    this.cr0 |= CR0_PE;
    this.cr0 &= ~CR0_PG;
    const data = ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_ACCESSED | ATTR_DB | ATTR_G;
    const code = ATTR_PRESENT | ATTR_S | ATTR_CODE | ATTR_WRITABLE | ATTR_ACCESSED | ATTR_DB | ATTR_G;
    for (let s = 0; s < 6; s++) this.setSegmentCache(s, s === CS ? 0x08 : 0x10, 0, 0xffffffff, s === CS ? code : data);
    this.cpl = 0;
    this.eventsStopRun = true;
  }

  get protectedMode(): boolean {
    return (this.cr0 & CR0_PE) !== 0;
  }

  get paging(): boolean {
    return (this.cr0 & CR0_PG) !== 0;
  }

  /** Loads a segment register's visible and hidden parts and derives the access ranges. */
  setSegmentCache(seg: number, selector: number, base: number, limit: number, attr: number): void {
    this.segSelector[seg] = selector & 0xffff;
    this.segBase[seg] = base | 0;
    this.segLimit[seg] = limit >>> 0;
    this.segAttr[seg] = attr;
    const big = (attr & ATTR_DB) !== 0;
    const present = (attr & ATTR_PRESENT) !== 0;
    const code = (attr & ATTR_CODE) !== 0;
    let low = 0,
      high = limit >>> 0;
    if (!code && attr & ATTR_EXPAND_DOWN) {
      // SDM Vol.3 3.4.5.1: expand-down valid offsets are limit+1 .. FFFFh or FFFFFFFFh.
      low = (limit >>> 0) + 1;
      high = big ? 0xffffffff : 0xffff;
    }
    const readable = present && (!code || (attr & ATTR_WRITABLE) !== 0);
    const writable = present && !code && (attr & ATTR_WRITABLE) !== 0;
    this.readLow[seg] = readable ? low : 1;
    this.readHigh[seg] = readable ? high : 0;
    // In real mode every segment is writable, code included (SDM Vol.3 20.1).
    const realWritable = !this.protectedMode;
    this.writeLow[seg] = writable || realWritable ? low : 1;
    this.writeHigh[seg] = writable || realWritable ? high : 0;
    if (seg === CS) this.code32 = big;
    if (seg === SS) this.stack32 = big;
  }

  // --- EFLAGS ----------------------------------------------------------------------------

  /** The architectural EFLAGS value (materialises the lazy arithmetic flags). */
  getEflags(): number {
    return ((this.flags & ~this.lazyFlags) | (this.lazyFlags ? computeLazy(this, this.lazyFlags) : 0)) >>> 0;
  }

  /**
   * Writes EFLAGS as a privileged loader would: every defined bit the model implements.
   * Bit 1 stays 1; reserved bits stay 0; AC and ID only where the model has them.
   */
  setEflags(value: number): void {
    let writable = 0x3f7fd5; // CF PF AF ZF SF TF IF DF OF IOPL NT RF VM AC VIF VIP ID, as the SDM defines
    if (!this.model.acFlag) writable &= ~AC;
    if (!this.model.idFlag) writable &= ~ID;
    writable &= ~(VIF | VIP); // VIF/VIP: no virtual-8086 mode extensions on these models
    this.flags = (value & writable) | FIXED_ONE;
    this.lazyFlags = 0;
  }

  /** Replaces the arithmetic flags with the bits given (SAHF, POPF arithmetic part). */
  setArithmeticFlags(bits: number): void {
    materialize(this);
    this.flags = (this.flags & ~ARITH_FLAGS) | (bits & ARITH_FLAGS);
  }

  /**
   * After an instruction loaded EFLAGS (POPF, IRET, SYSRET, a task switch): when IF went from
   * 0 to 1 or TF is set, the run stops at this boundary (StopReason.Event) so the machine takes
   * a pending interrupt or the single-step trap right after this instruction, however large
   * its budget was; so does RF set (IRET, a task switch), which the interpreter clears after
   * the next instruction. POPF and IRET open no interrupt shadow (only STI does; SDM Vol.3 6.8.3).
   */
  eflagsLoaded(before: number): void {
    this.leaveBlock = true;
    if ((this.flags & ~before & IF) !== 0 || (this.flags & (TF | RF)) !== 0) this.stopForEvents();
  }

  /** Ends the run at this boundary so the machine looks for interrupts (keeps a stronger stop). */
  stopForEvents(): void {
    this.leaveBlock = true;
    if (this.stopReason === StopReason.None) this.stopReason = StopReason.Event;
  }

  /**
   * MOV SS / POP SS (SDM Vol.3 6.8.3): interrupts, the single-step trap and data breakpoints
   * are held off until the next instruction has run. A watchpoint or data breakpoint this
   * instruction hit is reported after that next instruction.
   */
  openStackShadow(): void {
    if (this.stopReason === StopReason.Watchpoint) {
      this.deferredWatchHit = this.watchHit;
      this.watchHit = undefined;
      this.stopReason = StopReason.None;
    }
    this.dbDeferred = this.dbHits;
    this.dbHits = 0;
    this.interruptShadow = true;
    this.debugShadow = true;
    this.stopForEvents();
  }

  // --- Exceptions ----------------------------------------------------------------------------

  /**
   * Raises a fault: records vector and error code and unwinds the current instruction. EIP
   * still points at the instruction's first byte, so the fault is precise.
   */
  raiseException(vector: number, errorCode?: number): never {
    this.exceptionVector = vector;
    this.exceptionErrorCode = errorCode;
    throw CPU_FAULT;
  }

  /**
   * Stops on a feature the emulator does not have yet (the system layer): loud,
   * never a silent NOP. EIP stays at the instruction.
   */
  unimplemented(what: string): never {
    this.unimplementedWhat = what;
    this.exceptionVector = UNIMPLEMENTED_VECTOR;
    throw CPU_FAULT;
  }

  /**
   * Where every exception ends up, with EIP at the faulting instruction (or after a trap):
   * offered to `interceptEvent`, then delivered through the IVT/IDT (system/interrupts.ts), or,
   * in the flat test mode without an IDT, the run stops and reports it. `ibp`: an instruction breakpoint's #DB.
   */
  deliverException(vector: number, errorCode: number | undefined, kind: CpuEventKind = 'fault', ibp = false): void {
    if (this.eventsStopRun) {
      this.stopOnEvent(vector, errorCode, kind, this.eip, false);
      return;
    }
    if (this.interceptEvent !== undefined && this.offerEvent(vector, errorCode, kind, this.eip)) return;
    deliverEvent(this, vector, errorCode, EventKind.Exception, faultRf(this, vector, kind, ibp));
  }

  /**
   * INT n (`software`), INT3/INTO (`trap`), raised after EIP has moved past the instruction
   * of `length` bytes: a fault while delivering puts EIP back on the instruction. External
   * interrupts (`software` false) come from the machine, which offers them to
   * `interceptEvent` itself before acknowledging the PIC.
   */
  deliverInterrupt(vector: number, software: boolean, length = 0, trap = false): void {
    if (this.eventsStopRun) {
      this.stopOnEvent(vector, undefined, software ? 'software' : 'external', this.eip, false);
      return;
    }
    const next = this.eip;
    if (software && this.interceptEvent !== undefined) {
      const at = (next - length) >>> 0;
      if (this.offerEvent(vector, undefined, 'software', at)) {
        // Unwind as a fault would: the instruction does not retire and EIP stays on it.
        this.eip = at;
        throw CPU_FAULT;
      }
    }
    try {
      deliverEvent(
        this,
        vector,
        undefined,
        !software ? EventKind.External : trap ? EventKind.SoftwareTrap : EventKind.SoftwareInt,
      );
    } catch (e) {
      this.eip = (next - length) >>> 0;
      throw e;
    }
  }

  /**
   * Offers an event to `interceptEvent`; when the hook claims it, records the stop (and puts
   * back CR2 if a #PF had loaded it) and returns true. The machine calls it for external
   * interrupts (kind 'external', before acknowledging the PIC) and the single-step #DB.
   */
  offerEvent(vector: number, errorCode: number | undefined, kind: CpuEventKind, eip: number): boolean {
    const hook = this.interceptEvent;
    if (hook === undefined || !hook({ vector, errorCode, kind, eip })) return false;
    if (vector === Vector.PF && kind === 'fault') this.cr2 = this.cr2BeforeFault;
    this.stopOnEvent(vector, errorCode, kind, eip, true);
    return true;
  }

  /** Ends the run on an event instead of delivering it. */
  private stopOnEvent(
    vector: number,
    errorCode: number | undefined,
    kind: CpuEventKind,
    eip: number,
    intercepted: boolean,
  ): void {
    this.exceptionVector = vector;
    this.exceptionErrorCode = errorCode;
    this.exceptionEip = eip;
    this.exceptionIntercepted = intercepted;
    this.exceptionKind = kind;
    this.stopReason = StopReason.Exception;
    this.leaveBlock = true;
  }

  halt(): void {
    this.halted = true;
    this.stopReason = StopReason.Halt;
    this.leaveBlock = true;
  }

  /** Drops every cached linear-to-physical translation (CR3 writes, paging-mode changes). */
  flushTranslation(): void {
    this.tlb.flushAll();
    this.leaveBlock = true;
  }

  /** #GP(0) or, for the stack segment, #SS(0): segment limit or access-type violation. */
  segmentFault(seg: number): never {
    return this.raiseException(seg === SS ? Vector.SS : Vector.GP, 0);
  }

  // --- Linear and physical memory --------------------------------------------------------

  /**
   * Linear -> physical for a read (SDM Vol.3 4.3): through the TLB, walking the tables on a
   * miss; faults #PF. Without paging the identity.
   */
  translate(linear: number): number {
    if ((this.cr0 & CR0_PG) === 0) return linear >>> 0;
    const e = this.tlb.entries[linear >>> 12];
    const user = this.cpl === 3 && !this.systemAccess;
    if ((e & (user ? TLB_USER_READ : TLB_SUP_READ)) !== 0) return ((e & ~0xfff) | (linear & 0xfff)) >>> 0;
    return walk(this, linear, false, user);
  }

  /** Linear -> physical for a write: needs the writable and dirty bits cached. */
  translateWrite(linear: number): number {
    if ((this.cr0 & CR0_PG) === 0) return linear >>> 0;
    const e = this.tlb.entries[linear >>> 12];
    const user = this.cpl === 3 && !this.systemAccess;
    if ((e & (user ? TLB_USER_WRITE : TLB_SUP_WRITE)) !== 0) return ((e & ~0xfff) | (linear & 0xfff)) >>> 0;
    return walk(this, linear, true, user);
  }

  /**
   * SDM Vol.3 6.15 (Interrupt 17): with CR0.AM and EFLAGS.AC set, a misaligned data reference
   * at CPL 3 raises #AC(0). Called only for references that are not naturally aligned, so
   * aligned accesses pay one test.
   */
  private checkAlignment(): void {
    if ((this.cr0 & CR0_AM) !== 0 && (this.flags & AC) !== 0 && this.cpl === 3 && !this.systemAccess) {
      this.raiseException(Vector.AC, 0);
    }
  }

  readLinear8(linear: number): number {
    const p = this.cr0 & CR0_PG ? this.translate(linear) : linear >>> 0;
    const m = this.memory;
    return p < m.size ? m.u8[p] : m.read8(p);
  }

  readLinear16(linear: number): number {
    if ((linear & 1) !== 0) this.checkAlignment();
    if ((linear & 0xfff) !== 0xfff) {
      const p = this.cr0 & CR0_PG ? this.translate(linear) : linear >>> 0;
      if (p + 1 < this.memory.size) return this.memory.u8[p] | (this.memory.u8[p + 1] << 8);
    }
    return this.readLinear8(linear) | (this.readLinear8(linear + 1) << 8);
  }

  /** Returns the dword as an int32. */
  readLinear32(linear: number): number {
    if ((linear & 3) !== 0) this.checkAlignment();
    const m = this.memory;
    if ((linear & 0xfff) <= 0xffc) {
      const p = this.cr0 & CR0_PG ? this.translate(linear) : linear >>> 0;
      if (p + 3 < m.size) {
        if ((p & 3) === 0) return m.u32[p >>> 2] | 0;
        const u8 = m.u8;
        return u8[p] | (u8[p + 1] << 8) | (u8[p + 2] << 16) | (u8[p + 3] << 24);
      }
    }
    return this.readLinear16(linear) | (this.readLinear16(linear + 2) << 16);
  }

  writeLinear8(linear: number, value: number): void {
    this.memory.write8(this.cr0 & CR0_PG ? this.translateWrite(linear) : linear >>> 0, value);
  }

  writeLinear16(linear: number, value: number): void {
    if ((linear & 1) !== 0) this.checkAlignment();
    if ((this.cr0 & CR0_PG) === 0) this.memory.write16(linear >>> 0, value);
    else if ((linear & 0xfff) !== 0xfff) this.memory.write16(this.translateWrite(linear), value);
    else {
      // SDM Vol.3 4.7: both pages are checked before either byte is written.
      this.translateWrite(linear + 1);
      this.writeLinear8(linear, value);
      this.writeLinear8(linear + 1, value >> 8);
    }
  }

  writeLinear32(linear: number, value: number): void {
    if ((linear & 3) !== 0) this.checkAlignment();
    if ((this.cr0 & CR0_PG) === 0) this.memory.write32(linear >>> 0, value);
    else if ((linear & 0xfff) <= 0xffc) this.memory.write32(this.translateWrite(linear), value);
    else {
      this.translateWrite(linear);
      this.translateWrite(linear + 3);
      this.writeLinear16(linear, value);
      this.writeLinear16(linear + 2, value >>> 16);
    }
  }

  // --- Segmented memory: offset checked against the descriptor cache (SDM Vol.3 5.3) --------

  read8(seg: number, off: number): number {
    if (off < this.readLow[seg] || off > this.readHigh[seg]) this.segmentFault(seg);
    if (this.watching) return this.watchedRead8(seg, off);
    return this.readLinear8(this.segBase[seg] + off);
  }

  read16(seg: number, off: number): number {
    if (off < this.readLow[seg] || off + 1 > this.readHigh[seg]) this.segmentFault(seg);
    if (this.watching) return this.watchedRead16(seg, off);
    return this.readLinear16(this.segBase[seg] + off);
  }

  read32(seg: number, off: number): number {
    if (off < this.readLow[seg] || off + 3 > this.readHigh[seg]) this.segmentFault(seg);
    if (this.watching) return this.watchedRead32(seg, off);
    return this.readLinear32(this.segBase[seg] + off);
  }

  write8(seg: number, off: number, value: number): void {
    if (off < this.writeLow[seg] || off > this.writeHigh[seg]) this.segmentFault(seg);
    this.writeLinear8(this.segBase[seg] + off, value);
    if (this.watching) watchAccess(this, this.segBase[seg] + off, 1, true);
  }

  write16(seg: number, off: number, value: number): void {
    if (off < this.writeLow[seg] || off + 1 > this.writeHigh[seg]) this.segmentFault(seg);
    this.writeLinear16(this.segBase[seg] + off, value);
    if (this.watching) watchAccess(this, this.segBase[seg] + off, 2, true);
  }

  write32(seg: number, off: number, value: number): void {
    if (off < this.writeLow[seg] || off + 3 > this.writeHigh[seg]) this.segmentFault(seg);
    this.writeLinear32(this.segBase[seg] + off, value);
    if (this.watching) watchAccess(this, this.segBase[seg] + off, 4, true);
  }

  private watchedRead8(seg: number, off: number): number {
    const v = this.readLinear8(this.segBase[seg] + off);
    watchAccess(this, this.segBase[seg] + off, 1, false);
    return v;
  }

  private watchedRead16(seg: number, off: number): number {
    const v = this.readLinear16(this.segBase[seg] + off);
    watchAccess(this, this.segBase[seg] + off, 2, false);
    return v;
  }

  private watchedRead32(seg: number, off: number): number {
    const v = this.readLinear32(this.segBase[seg] + off);
    watchAccess(this, this.segBase[seg] + off, 4, false);
    return v;
  }

  // --- Data watchpoints (the debugger's; SDM Vol.3 17.3.1.2 for the semantics) --------------

  /**
   * Replaces the watched linear ranges. A guest data access (an instruction's memory operand,
   * a stack push or pop, a string element) that overlaps one stops the run after the
   * instruction completes, as a data breakpoint's trap does (SDM Vol.3 17.3.1.2); instruction
   * fetches and the processor's descriptor-table and TSS accesses are not data accesses here;
   * its frame pushes are (debug.ts). An empty list costs the accessors one boolean test.
   */
  setWatchpoints(list: readonly Watchpoint[]): void {
    const ranges = new Float64Array(list.length * 4);
    list.forEach((w, i) => {
      if (!Number.isInteger(w.linear) || w.linear < 0 || w.linear > 0xffffffff)
        throw new RangeError(`watchpoint ${i}: linear address ${w.linear} is not a 32-bit address`);
      if (!Number.isInteger(w.length) || w.length < 1 || w.length > 0x100000000)
        throw new RangeError(`watchpoint ${i}: length ${w.length} must be 1 .. 4 GiB`);
      ranges[i * 4] = w.linear;
      ranges[i * 4 + 1] = w.length;
      ranges[i * 4 + 2] = w.read ? 1 : 0;
      ranges[i * 4 + 3] = w.write ? 1 : 0;
    });
    this.watchRanges = ranges;
    armDebugRegisters(this);
  }

  /**
   * Checks that `size` bytes at seg:off may be written, without writing. Read-modify-write
   * and multi-store instructions call it before their first side effect so a fault leaves
   * nothing changed.
   */
  checkWrite(seg: number, off: number, size: number): void {
    if (off < this.writeLow[seg] || off + size - 1 > this.writeHigh[seg]) this.segmentFault(seg);
  }

  checkRead(seg: number, off: number, size: number): void {
    if (off < this.readLow[seg] || off + size - 1 > this.readHigh[seg]) this.segmentFault(seg);
  }

  readSized(seg: number, off: number, size: number): number {
    return size === 32 ? this.read32(seg, off) : size === 16 ? this.read16(seg, off) : this.read8(seg, off);
  }

  writeSized(seg: number, off: number, size: number, value: number): void {
    if (size === 32) this.write32(seg, off, value);
    else if (size === 16) this.write16(seg, off, value);
    else this.write8(seg, off, value);
  }

  // --- Registers by size ----------------------------------------------------------------

  /** 8-bit register: 0..3 = AL CL DL BL, 4..7 = AH CH DH BH. */
  getReg8(r: number): number {
    return (this.regs[r & 3] >> ((r & 4) << 1)) & 0xff;
  }

  setReg8(r: number, value: number): void {
    const i = r & 3,
      shift = (r & 4) << 1;
    this.regs[i] = (this.regs[i] & ~(0xff << shift)) | ((value & 0xff) << shift);
  }

  getReg16(r: number): number {
    return this.regs[r] & 0xffff;
  }

  setReg16(r: number, value: number): void {
    this.regs[r] = (this.regs[r] & ~0xffff) | (value & 0xffff);
  }

  getReg(r: number, size: number): number {
    return size === 32 ? this.regs[r] : size === 16 ? this.regs[r] & 0xffff : this.getReg8(r);
  }

  setReg(r: number, size: number, value: number): void {
    if (size === 32) this.regs[r] = value;
    else if (size === 16) this.setReg16(r, value);
    else this.setReg8(r, value);
  }

  // --- Stack (SDM Vol.1 6.2): SS.B picks ESP or SP -----------------------------------------

  /** The stack offset `delta` bytes from the current top, wrapped to the stack size. */
  stackOffset(delta: number): number {
    const sp = this.regs[ESP] + delta;
    return this.stack32 ? sp >>> 0 : sp & 0xffff;
  }

  /** Moves the stack pointer by `delta` (only SP changes on a 16-bit stack). */
  adjustStack(delta: number): void {
    if (this.stack32) this.regs[ESP] = this.regs[ESP] + delta;
    else this.regs[ESP] = (this.regs[ESP] & ~0xffff) | ((this.regs[ESP] + delta) & 0xffff);
  }

  push(size: number, value: number): void {
    const bytes = size >> 3;
    const off = this.stackOffset(-bytes);
    if (size === 32) this.write32(SS, off, value);
    else this.write16(SS, off, value);
    this.adjustStack(-bytes);
  }

  /** Reads the value on top of the stack without popping it. */
  peek(size: number, delta = 0): number {
    const off = this.stackOffset(delta);
    return size === 32 ? this.read32(SS, off) : this.read16(SS, off);
  }

  pop(size: number): number {
    const v = this.peek(size);
    this.adjustStack(size >> 3);
    return v;
  }
}
