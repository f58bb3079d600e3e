// The PC's two 8259A programmable interrupt controllers: the master at ports 20h/21h, the
// slave at A0h/A1h with its INT output on the master's IR2 (Intel 8259A data sheet, order
// no. 231468). Facts used, by data sheet section:
// - "Initialization command words": ICW1 (A0 = 0, D4 = 1: IC4, SNGL, LTIM) clears the mask,
//   makes IR7 the lowest priority, leaves special mask mode and selects IRR for reads; it
//   is followed by ICW2 (vector T7-T3) on A0 = 1, ICW3 when SNGL = 0 (master: a bit per
//   IR with a slave; slave: its id on the master) and ICW4 when IC4 = 1 (uPM, AEOI, M/S,
//   BUF, SFNM).
// - "Operation command words": OCW1 = the mask (A0 = 1 after initialization); OCW2 (D4:D3 =
//   00) = EOI and rotation commands R SL EOI L2-L0; OCW3 (D4:D3 = 01) = ESMM SMM, P, RR RIS.
// - "Interrupt sequence": on INTA the highest-priority unmasked IRR bit moves to ISR and the
//   vector is T7-T3 | level; with no request left an IR7 (spurious) vector is given and no
//   ISR bit is set. With AEOI the ISR bit is cleared at the end of the acknowledge.
// - "Fully nested mode": a request is served only if its priority is higher than every
//   level in service; in special mask mode only the masked in-service levels are ignored.
// - "Edge triggered mode": the IRR bit is set on a low-to-high transition of IR and stays set
//   until acknowledged; "level triggered mode" (LTIM) follows the level.
// - "Cascade": the master sees the slave's INT as the level of IR2; on acknowledging IR2 the
//   slave supplies the vector. With SFNM the master lets a slave's higher request through
//   while IR2 is in service.
// Devices drive lines through setIrq(irq 0-15, level); the CPU asks pendingVector() when
// EFLAGS.IF = 1 and takes an interrupt with acknowledge().

import type { IoBus, IoDevice } from '../io';

const NO_VECTOR = -1;

/** One 8259A's registers and sequencing state, as plain data (Machine.snapshot). */
export interface Pic8259State {
  irr: number;
  isr: number;
  imr: number;
  lines: number;
  vectorBase: number;
  lowestPriority: number;
  levelTriggered: boolean;
  single: boolean;
  cascade: number;
  autoEoi: boolean;
  specialFullyNested: boolean;
  rotateOnAutoEoi: boolean;
  specialMask: boolean;
  readIsr: boolean;
  pollNext: boolean;
  initStep: number;
  expectIcw4: boolean;
}

export interface PicPairState {
  master: Pic8259State;
  slave: Pic8259State;
}

/** One 8259A. */
export class Pic8259 {
  irr = 0;
  isr = 0;
  imr = 0;
  /** Input line levels as last seen (edge detection). */
  private lines = 0;
  vectorBase = 0;
  /** The IR with the lowest priority; the highest is (lowestPriority + 1) & 7. */
  lowestPriority = 7;
  /** ICW1.LTIM */
  levelTriggered = false;
  /** ICW1.SNGL */
  single = false;
  /** ICW3: master: bit per IR with a slave; slave: its id. */
  cascade = 0;
  /** ICW4 */
  autoEoi = false;
  specialFullyNested = false;
  /** OCW2 R=1 SL=0 EOI=0: rotate on automatic EOI. */
  rotateOnAutoEoi = false;
  /** OCW3 */
  specialMask = false;
  readIsr = false;
  private pollNext = false;
  /** 0: operational; 2, 3, 4: the ICW expected next. */
  private initStep = 0;
  private expectIcw4 = false;

  constructor(readonly isMaster: boolean) {}

  /** Everything but the wiring (isMaster). */
  saveState(): Pic8259State {
    return {
      irr: this.irr,
      isr: this.isr,
      imr: this.imr,
      lines: this.lines,
      vectorBase: this.vectorBase,
      lowestPriority: this.lowestPriority,
      levelTriggered: this.levelTriggered,
      single: this.single,
      cascade: this.cascade,
      autoEoi: this.autoEoi,
      specialFullyNested: this.specialFullyNested,
      rotateOnAutoEoi: this.rotateOnAutoEoi,
      specialMask: this.specialMask,
      readIsr: this.readIsr,
      pollNext: this.pollNext,
      initStep: this.initStep,
      expectIcw4: this.expectIcw4,
    };
  }

  restoreState(s: Pic8259State): void {
    this.irr = s.irr;
    this.isr = s.isr;
    this.imr = s.imr;
    this.lines = s.lines;
    this.vectorBase = s.vectorBase;
    this.lowestPriority = s.lowestPriority;
    this.levelTriggered = s.levelTriggered;
    this.single = s.single;
    this.cascade = s.cascade;
    this.autoEoi = s.autoEoi;
    this.specialFullyNested = s.specialFullyNested;
    this.rotateOnAutoEoi = s.rotateOnAutoEoi;
    this.specialMask = s.specialMask;
    this.readIsr = s.readIsr;
    this.pollNext = s.pollNext;
    this.initStep = s.initStep;
    this.expectIcw4 = s.expectIcw4;
  }

  /** Drives input IRn. */
  setLine(n: number, level: boolean): void {
    const bit = 1 << n;
    if (level) {
      if (this.levelTriggered || (this.lines & bit) === 0) this.irr |= bit;
      this.lines |= bit;
    } else {
      this.lines &= ~bit;
      if (this.levelTriggered) this.irr &= ~bit;
    }
  }

  /** Priority rank of IRn: 0 is the highest. */
  private rank(n: number): number {
    return (n - this.lowestPriority - 1) & 7;
  }

  /** The highest-priority bit set in `bits`, or -1. */
  private highest(bits: number): number {
    for (let r = 0; r < 8; r++) {
      const n = (this.lowestPriority + 1 + r) & 7;
      if (bits & (1 << n)) return n;
    }
    return -1;
  }

  /** The IR that INTA would serve now, or -1 (fully nested / special mask rules). */
  requestToServe(): number {
    const request = this.highest(this.irr & ~this.imr);
    if (request < 0) return -1;
    const inService = this.highest(this.specialMask ? this.isr & ~this.imr : this.isr);
    if (inService < 0 || this.rank(request) < this.rank(inService)) return request;
    // Special fully nested mode: a slave input in service does not block itself, so the
    // slave's higher-priority requests get through.
    const slaveInput = this.isMaster && this.specialFullyNested && (this.cascade & (1 << request)) !== 0;
    return slaveInput && inService === request ? request : -1;
  }

  /** INT output. */
  get interruptOutput(): boolean {
    return this.initStep === 0 && this.requestToServe() >= 0;
  }

  /** The INTA cycle: moves the request to ISR, returns the IR served or 7 when spurious. */
  acknowledgeLevel(): { level: number; spurious: boolean } {
    const n = this.requestToServe();
    if (n < 0) return { level: 7, spurious: true };
    const bit = 1 << n;
    this.irr &= ~bit;
    if (this.levelTriggered && this.lines & bit) this.irr |= bit;
    if (this.autoEoi) {
      if (this.rotateOnAutoEoi) this.lowestPriority = n;
    } else {
      this.isr |= bit;
    }
    return { level: n, spurious: false };
  }

  vectorFor(level: number): number {
    return (this.vectorBase & 0xf8) | level;
  }

  readCommand(): number {
    if (this.pollNext) {
      this.pollNext = false;
      const n = this.requestToServe();
      if (n < 0) return 0;
      this.acknowledgeLevel();
      return 0x80 | n;
    }
    return this.readIsr ? this.isr : this.irr;
  }

  readData(): number {
    return this.imr;
  }

  writeCommand(value: number): void {
    if (value & 0x10) {
      this.initialize(value);
      return;
    }
    if (value & 0x08) {
      this.writeOcw3(value);
      return;
    }
    this.writeOcw2(value);
  }

  writeData(value: number): void {
    switch (this.initStep) {
      case 2:
        this.vectorBase = value & 0xf8;
        this.initStep = this.single ? (this.expectIcw4 ? 4 : 0) : 3;
        return;
      case 3:
        this.cascade = value;
        this.initStep = this.expectIcw4 ? 4 : 0;
        return;
      case 4:
        // uPM (bit 0) selects 8086 vectors; the 8080 call sequence has no use on this bus.
        this.autoEoi = (value & 0x02) !== 0;
        this.specialFullyNested = (value & 0x10) !== 0;
        this.initStep = 0;
        return;
      default:
        this.imr = value;
    }
  }

  private initialize(icw1: number): void {
    this.expectIcw4 = (icw1 & 0x01) !== 0;
    this.single = (icw1 & 0x02) !== 0;
    this.levelTriggered = (icw1 & 0x08) !== 0;
    this.imr = 0;
    // The edge sense circuit is reset: an input must go low-to-high again to request.
    this.irr = 0;
    this.isr = 0;
    this.lines = 0;
    this.lowestPriority = 7;
    this.specialMask = false;
    this.readIsr = false;
    this.pollNext = false;
    this.autoEoi = false;
    this.rotateOnAutoEoi = false;
    this.specialFullyNested = false;
    this.initStep = 2;
  }

  private writeOcw2(value: number): void {
    const level = value & 7;
    switch (value >> 5) {
      case 0b001: // non-specific EOI
      case 0b101: {
        // rotate on non-specific EOI
        const n = this.highest(this.isr);
        if (n < 0) return;
        this.isr &= ~(1 << n);
        if (value & 0x80) this.lowestPriority = n;
        return;
      }
      case 0b011: // specific EOI
        this.isr &= ~(1 << level);
        return;
      case 0b111: // rotate on specific EOI
        this.isr &= ~(1 << level);
        this.lowestPriority = level;
        return;
      case 0b100:
        this.rotateOnAutoEoi = true;
        return;
      case 0b000:
        this.rotateOnAutoEoi = false;
        return;
      case 0b110: // set priority
        this.lowestPriority = level;
        return;
      default: // 0b010: no operation
        return;
    }
  }

  private writeOcw3(value: number): void {
    if (value & 0x40) this.specialMask = (value & 0x20) !== 0;
    if (value & 0x04) this.pollNext = true;
    if (value & 0x02) this.readIsr = (value & 0x01) !== 0;
  }
}

/** The cascaded pair as wired in a PC/AT: slave INT -> master IR2. */
export class PicPair implements IoDevice {
  readonly master = new Pic8259(true);
  readonly slave = new Pic8259(false);

  constructor() {
    // Until the guest initializes them, every input is masked (the data sheet leaves the
    // power-up state undefined; a PC's firmware initializes the PICs before enabling IF).
    this.master.imr = 0xff;
    this.slave.imr = 0xff;
  }

  saveState(): PicPairState {
    return { master: this.master.saveState(), slave: this.slave.saveState() };
  }

  /** The exact inverse of saveState (the cascade line is part of the master's state). */
  restoreState(s: PicPairState): void {
    this.master.restoreState(s.master);
    this.slave.restoreState(s.slave);
  }

  /** Claims ports 20h-21h and A0h-A1h. */
  attach(bus: IoBus): void {
    bus.registerDevice(0x20, 2, this);
    bus.registerDevice(0xa0, 2, this);
  }

  /** Drives IRQ line 0-15 (8-15 are the slave's IR0-7). */
  setIrq(irq: number, level: boolean): void {
    if (irq >= 8) {
      this.slave.setLine(irq - 8, level);
      this.updateCascade();
    } else {
      this.master.setLine(irq, level);
    }
  }

  /** A rising then falling edge on an edge-triggered line. */
  pulseIrq(irq: number): void {
    this.setIrq(irq, true);
    this.setIrq(irq, false);
  }

  private updateCascade(): void {
    this.master.setLine(2, this.slave.interruptOutput);
  }

  /** The vector acknowledge() would return now, or -1 when INTR is not asserted. */
  pendingVector(): number {
    if (!this.master.interruptOutput) return NO_VECTOR;
    const n = this.master.requestToServe();
    if (!this.master.single && this.master.cascade & (1 << n)) {
      const s = this.slave.requestToServe();
      return this.slave.vectorFor(s < 0 ? 7 : s);
    }
    return this.master.vectorFor(n);
  }

  /** The CPU's interrupt acknowledge cycle: returns the vector and updates IRR/ISR. */
  acknowledge(): number {
    const m = this.master.acknowledgeLevel();
    let vector: number;
    if (!m.spurious && !this.master.single && this.master.cascade & (1 << m.level)) {
      const s = this.slave.acknowledgeLevel();
      vector = this.slave.vectorFor(s.level);
    } else {
      vector = this.master.vectorFor(m.level);
    }
    this.updateCascade();
    return vector;
  }

  in8(port: number): number {
    const pic = port >= 0xa0 ? this.slave : this.master;
    const value = (port & 1) === 0 ? pic.readCommand() : pic.readData();
    if (pic === this.slave) this.updateCascade();
    return value;
  }

  out8(port: number, value: number): void {
    const pic = port >= 0xa0 ? this.slave : this.master;
    if ((port & 1) === 0) pic.writeCommand(value);
    else pic.writeData(value);
    this.updateCascade();
  }
}
