// The 8254 programmable interval timer at ports 40h-43h (Intel 8254 data sheet, order no.
// 231164). Time is not read from a clock: the machine calls advance(ticks) with input clock
// ticks (1.193182 MHz on a PC) derived from the instruction count, so every run is
// deterministic. Facts used, by data sheet section:
// - "Control word format": SC1 SC0 (counter, 11 = read-back), RW1 RW0 (00 = counter latch,
//   01 LSB, 10 MSB, 11 LSB then MSB), M2-M0 (mode; 11x = modes 2 and 3), BCD.
// - "Write operations": a control word sets OUT to its initial state (low in mode 0, high in
//   the others) and waits for a count; the count is loaded into the counting element on the
//   next clock pulse. A count of 0 means 10000h (binary) or 10000 (BCD).
// - Mode 0 (interrupt on terminal count): OUT goes high when the count reaches 0 and stays
//   high; the counter keeps counting down (wrapping).
// - Mode 2 (rate generator): OUT is low for one clock when the count reaches 1, then the
//   count is reloaded; a new count written while counting takes effect at the next reload.
// - Mode 3 (square wave): OUT high for ceil(N/2) clocks and low for floor(N/2); the count
//   goes down by 2 (for odd N, the first clock after a reload takes 1 with OUT high, 3 with
//   OUT low). The data sheet loads a new count at the end of the current half-cycle; here
//   it is loaded at the end of the current period (the next rising edge of OUT), a
//   simplification that keeps the square wave's phase in one number.
// - Mode 4 (software triggered strobe): OUT low for one clock when the count reaches 0.
// - Modes 1 and 5 start on a rising edge of GATE. GATE of counters 0 and 1 is tied high on
//   a PC and this device has no gate input, so in these modes the counters never start.
// - "Read operations": a counter latch command freezes the count until it is read; LSB/MSB
//   reads alternate in mode 11; the read-back command (11 C-bar S-bar CNT2-0) latches count
//   and/or status (OUT, null count, RW, mode, BCD) of several counters.
// Counter 0's OUT drives IRQ0 through the callback given to the constructor.

import type { IoBus, IoDevice } from '../io';

/** Input clock of the PC's 8254, in Hz. */
export const PIT_HZ = 1193182;

const enum Access {
  Latch = 0,
  Lsb = 1,
  Msb = 2,
  LsbMsb = 3,
}

/** One counter's programming, counting element and latches, as plain data. */
export interface PitCounterState {
  mode: number;
  access: number;
  bcd: boolean;
  nullCount: boolean;
  running: boolean;
  period: number;
  pendingPeriod: number;
  pendingAt: number;
  loadedAt: number;
  idleOut: boolean;
  writeLow: boolean;
  lsbWritten: number;
  latched: boolean;
  latchValue: number;
  readLow: boolean;
  statusLatched: boolean;
  statusValue: number;
}

/** The 8254's state (Machine.snapshot): its clock, the three counters and OUT0 as last reported. */
export interface PitState {
  now: number;
  out0: boolean;
  counters: PitCounterState[];
}

class Counter {
  mode = 0;
  access: Access = Access.LsbMsb;
  bcd = false;
  /** A count written and not yet loaded into the counting element. */
  nullCount = true;
  /** Counting element started: period/phase below are valid. */
  running = false;
  /** Count value the element reloads with (1..65536). */
  period = 0x10000;
  /** Count written while running in mode 2/3, applied at the next reload (pendingAt). */
  pendingPeriod = 0;
  pendingAt = 0;
  /** Tick at which the element was (or will be) loaded with `period`. */
  loadedAt = 0;
  /** OUT before counting starts (control word state). */
  idleOut = true;
  // Count register being written.
  private writeLow = true;
  private lsbWritten = 0;
  // Output latch.
  latched = false;
  latchValue = 0;
  private readLow = true;
  statusLatched = false;
  statusValue = 0;

  saveState(): PitCounterState {
    return {
      mode: this.mode,
      access: this.access,
      bcd: this.bcd,
      nullCount: this.nullCount,
      running: this.running,
      period: this.period,
      pendingPeriod: this.pendingPeriod,
      pendingAt: this.pendingAt,
      loadedAt: this.loadedAt,
      idleOut: this.idleOut,
      writeLow: this.writeLow,
      lsbWritten: this.lsbWritten,
      latched: this.latched,
      latchValue: this.latchValue,
      readLow: this.readLow,
      statusLatched: this.statusLatched,
      statusValue: this.statusValue,
    };
  }

  restoreState(s: PitCounterState): void {
    this.mode = s.mode;
    this.access = s.access;
    this.bcd = s.bcd;
    this.nullCount = s.nullCount;
    this.running = s.running;
    this.period = s.period;
    this.pendingPeriod = s.pendingPeriod;
    this.pendingAt = s.pendingAt;
    this.loadedAt = s.loadedAt;
    this.idleOut = s.idleOut;
    this.writeLow = s.writeLow;
    this.lsbWritten = s.lsbWritten;
    this.latched = s.latched;
    this.latchValue = s.latchValue;
    this.readLow = s.readLow;
    this.statusLatched = s.statusLatched;
    this.statusValue = s.statusValue;
  }

  setControl(value: number, now: number): void {
    this.access = (value >> 4) & 3;
    this.mode = (value >> 1) & 7;
    if (this.mode > 5) this.mode -= 4; // 110 = 2, 111 = 3
    this.bcd = (value & 1) !== 0;
    this.running = false;
    this.nullCount = true;
    this.latched = false;
    this.statusLatched = false;
    this.writeLow = true;
    this.readLow = true;
    this.idleOut = this.mode !== 0;
    this.loadedAt = now;
  }

  writeCount(value: number, now: number): void {
    switch (this.access) {
      case Access.Lsb:
        this.load(value, now);
        return;
      case Access.Msb:
        this.load(value << 8, now);
        return;
      default:
        if (this.writeLow) {
          this.lsbWritten = value;
          this.writeLow = false;
          // Mode 0: writing the first byte stops the count and sets OUT low.
          if (this.mode === 0) {
            this.running = false;
            this.idleOut = false;
          }
        } else {
          this.writeLow = true;
          this.load(this.lsbWritten | (value << 8), now);
        }
    }
  }

  private load(raw: number, now: number): void {
    let n = this.bcd ? fromBcd(raw) : raw;
    if (n === 0) n = this.bcd ? 10000 : 0x10000;
    if (this.mode === 1 || this.mode === 5) {
      this.period = n;
      this.nullCount = true;
      return;
    }
    if (this.running && (this.mode === 2 || this.mode === 3)) {
      this.settle(now);
      this.pendingPeriod = n;
      this.pendingAt =
        now < this.loadedAt
          ? this.loadedAt + this.period
          : this.loadedAt + (Math.floor((now - this.loadedAt) / this.period) + 1) * this.period;
      return;
    }
    this.period = n;
    this.pendingPeriod = 0;
    this.running = true;
    this.nullCount = false;
    this.loadedAt = now + 1;
  }

  /** Applies a pending reload once `now` has reached the period boundary it waits for. */
  private settle(now: number): void {
    if (this.pendingPeriod === 0 || now < this.pendingAt) return;
    this.loadedAt = this.pendingAt;
    this.period = this.pendingPeriod;
    this.pendingPeriod = 0;
  }

  /** Count and OUT at tick `now`. */
  state(now: number): { count: number; out: boolean } {
    this.settle(now);
    if (!this.running || now < this.loadedAt) return { count: this.period & 0xffff, out: this.idleOut };
    const e = now - this.loadedAt;
    const n = this.period;
    const wrap = this.bcd ? 10000 : 0x10000;
    switch (this.mode) {
      case 0:
        return { count: mod(n - e, wrap), out: e >= n };
      case 4:
        return { count: mod(n - e, wrap), out: e !== n };
      case 2: {
        const phase = e % n;
        return { count: n - phase, out: phase !== n - 1 || n === 1 };
      }
      default: {
        // mode 3
        const high = Math.ceil(n / 2);
        const phase = e % n;
        if (n === 1) return { count: 1, out: true };
        if (phase < high) return { count: squareCount(n, phase, 1), out: true };
        return { count: squareCount(n, phase - high, 3), out: false };
      }
    }
  }

  /** Rising edges of OUT in the ticks (from, to]. */
  risingEdges(from: number, to: number): number {
    let count = 0;
    let t = from;
    for (;;) {
      const next = this.nextRisingEdge(t);
      if (next > to) return count;
      count++;
      t = next;
      this.settle(t);
      if (this.pendingPeriod === 0 && (this.mode === 2 || this.mode === 3)) {
        // Periodic from here on: the remaining edges are every `period` ticks.
        return count + Math.floor((to - t) / this.period);
      }
    }
  }

  /** The first tick after `now` at which OUT rises, or Infinity. */
  nextRisingEdge(now: number): number {
    this.settle(now);
    if (!this.running) return Infinity;
    const start = this.loadedAt;
    const n = this.period;
    switch (this.mode) {
      case 0: {
        const at = start + n;
        return at > now ? at : Infinity;
      }
      case 4: {
        const at = start + n + 1;
        return at > now ? at : Infinity;
      }
      default: {
        // Modes 2 and 3 rise at the start of every period after the first (a count of 1
        // keeps OUT high).
        if (n === 1) return Infinity;
        if (now < start) return start + n;
        const k = Math.floor((now - start) / n) + 1;
        return start + k * n;
      }
    }
  }

  readByte(now: number): number {
    if (this.statusLatched) {
      this.statusLatched = false;
      return this.statusValue;
    }
    let value: number;
    if (this.latched) value = this.latchValue;
    else value = this.readableCount(now);
    let byte: number;
    switch (this.access) {
      case Access.Lsb:
        byte = value & 0xff;
        this.latched = false;
        break;
      case Access.Msb:
        byte = (value >> 8) & 0xff;
        this.latched = false;
        break;
      default:
        if (this.readLow) {
          byte = value & 0xff;
          this.readLow = false;
        } else {
          byte = (value >> 8) & 0xff;
          this.readLow = true;
          this.latched = false;
        }
    }
    return byte;
  }

  readableCount(now: number): number {
    const count = this.state(now).count;
    return this.bcd ? toBcd(count % 10000) : count & 0xffff;
  }

  latchCount(now: number): void {
    if (this.latched) return; // a second latch before reading is ignored
    this.latched = true;
    this.latchValue = this.readableCount(now);
    this.readLow = true;
  }

  latchStatus(now: number): void {
    if (this.statusLatched) return;
    this.statusLatched = true;
    const out = this.state(now).out;
    const modeBits = this.mode;
    this.statusValue =
      (out ? 0x80 : 0) | (this.nullCount ? 0x40 : 0) | (this.access << 4) | (modeBits << 1) | (this.bcd ? 1 : 0);
  }
}

/** Count in a mode 3 half period: first step `first` for odd N (1 high, 3 low), then 2. */
function squareCount(n: number, step: number, first: number): number {
  if (step === 0) return n;
  if ((n & 1) === 0) return n - 2 * step;
  return n - first - 2 * (step - 1);
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

function fromBcd(v: number): number {
  return ((v >> 12) & 0xf) * 1000 + ((v >> 8) & 0xf) * 100 + ((v >> 4) & 0xf) * 10 + (v & 0xf);
}

function toBcd(n: number): number {
  return (
    ((Math.floor(n / 1000) % 10) << 12) |
    ((Math.floor(n / 100) % 10) << 8) |
    ((Math.floor(n / 10) % 10) << 4) |
    (n % 10)
  );
}

export class Pit8254 implements IoDevice {
  private readonly counters = [new Counter(), new Counter(), new Counter()];
  /** Input clock ticks since power-up. */
  now = 0;
  private out0: boolean;

  /** `onOut0` receives every change of counter 0's OUT (IRQ0 on a PC). */
  constructor(private readonly onOut0: (level: boolean) => void = () => undefined) {
    this.out0 = this.counters[0].state(0).out;
  }

  saveState(): PitState {
    return { now: this.now, out0: this.out0, counters: this.counters.map((c) => c.saveState()) };
  }

  /**
   * The exact inverse of saveState. OUT0 is taken as it was, without reporting a change: the
   * PIC's input line state is restored with the PIC's own state.
   */
  restoreState(s: PitState): void {
    if (s.counters.length !== this.counters.length)
      throw new Error(`a PIT state has ${this.counters.length} counters, not ${s.counters.length}`);
    this.now = s.now;
    this.out0 = s.out0;
    for (let i = 0; i < this.counters.length; i++) this.counters[i].restoreState(s.counters[i]);
  }

  attach(bus: IoBus): void {
    bus.registerDevice(0x40, 4, this);
  }

  /** Lets `ticks` input clocks pass; reports OUT0 edges (each rising edge at least once). */
  advance(ticks: number): void {
    if (ticks <= 0) return;
    const from = this.now;
    this.now += ticks;
    const c0 = this.counters[0];
    const edges = c0.risingEdges(from, this.now);
    const level = c0.state(this.now).out;
    if (edges > 0) {
      if (this.out0) this.onOut0(false);
      this.onOut0(true);
      if (!level) this.onOut0(false);
    } else if (level !== this.out0) {
      this.onOut0(level);
    }
    this.out0 = level;
  }

  /** Ticks until counter 0's OUT next rises (for HLT to skip idle time), or Infinity. */
  ticksToNextIrq0(): number {
    const at = this.counters[0].nextRisingEdge(this.now);
    return at === Infinity ? Infinity : at - this.now;
  }

  /** Counter i's current count and OUT (for tests and the debugger). */
  counterState(i: number): { count: number; out: boolean } {
    return this.counters[i].state(this.now);
  }

  in8(port: number): number {
    const i = port & 3;
    if (i === 3) return 0xff; // the control word register cannot be read
    return this.counters[i].readByte(this.now);
  }

  out8(port: number, value: number): void {
    const i = port & 3;
    if (i !== 3) {
      this.counters[i].writeCount(value, this.now);
      this.syncOut0();
      return;
    }
    const select = value >> 6;
    if (select === 3) {
      // Read-back: bit 5 = 0 latches counts, bit 4 = 0 latches status, bits 3-1 pick counters.
      for (let c = 0; c < 3; c++) {
        if ((value & (2 << c)) === 0) continue;
        if ((value & 0x10) === 0) this.counters[c].latchStatus(this.now);
        if ((value & 0x20) === 0) this.counters[c].latchCount(this.now);
      }
      return;
    }
    const counter = this.counters[select];
    if (((value >> 4) & 3) === Access.Latch) {
      counter.latchCount(this.now);
      return;
    }
    counter.setControl(value, this.now);
    this.syncOut0();
  }

  /** A control word or count can change OUT0 immediately (mode 0: low). */
  private syncOut0(): void {
    const level = this.counters[0].state(this.now).out;
    if (level !== this.out0) {
      this.out0 = level;
      this.onOut0(level);
    }
  }
}
