// The 8254 against the Intel 8254 data sheet (order no. 231164): control words, LSB/MSB
// access, count loading one clock after the write, modes 0, 2, 3 and 4, the counter latch
// and read-back commands, BCD, and counter 0's OUT driving IRQ0 of the PIC.
import * as assert from 'node:assert/strict';
import { IoBus } from '../../src/emulator/io';
import { Pit8254 } from '../../src/emulator/devices/pit';
import { attachPcTimerDevices } from '../../src/emulator/devices/pc';

function pitWithLog(): { pit: Pit8254; bus: IoBus; levels: boolean[] } {
  const levels: boolean[] = [];
  const pit = new Pit8254((level) => levels.push(level));
  const bus = new IoBus();
  pit.attach(bus);
  return { pit, bus, levels };
}

function program(bus: IoBus, control: number, count: number): void {
  bus.out8(0x43, control);
  bus.out8(0x40 + (control >> 6), count & 0xff);
  if (((control >> 4) & 3) === 3) bus.out8(0x40 + (control >> 6), count >> 8);
}

function latchedCount(bus: IoBus, counter = 0): number {
  bus.out8(0x43, counter << 6); // counter latch command
  const lo = bus.in8(0x40 + counter);
  return lo | (bus.in8(0x40 + counter) << 8);
}

describe('8254 PIT', () => {
  it('mode 2: OUT low for one clock when the count reaches 1, a period of N clocks', () => {
    const { pit, bus } = pitWithLog();
    program(bus, 0x34, 10); // counter 0, LSB/MSB, mode 2, binary
    pit.advance(1); // the count is loaded on the first clock after the write
    assert.deepEqual(pit.counterState(0), { count: 10, out: true });
    pit.advance(8);
    assert.deepEqual(pit.counterState(0), { count: 2, out: true });
    pit.advance(1);
    assert.deepEqual(pit.counterState(0), { count: 1, out: false });
    pit.advance(1);
    assert.deepEqual(pit.counterState(0), { count: 10, out: true });
  });

  it('the counter latch command freezes the count until both bytes are read', () => {
    const { pit, bus } = pitWithLog();
    program(bus, 0x34, 1000);
    pit.advance(1 + 300);
    bus.out8(0x43, 0x00);
    pit.advance(50);
    const lo = bus.in8(0x40);
    const hi = bus.in8(0x40);
    assert.equal(lo | (hi << 8), 700);
    assert.equal(latchedCount(bus), 650);
  });

  it('mode 3 with an even count: OUT high N/2 clocks, low N/2, the count steps by 2', () => {
    const { pit, bus } = pitWithLog();
    program(bus, 0x36, 10);
    pit.advance(1);
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const s = pit.counterState(0);
      seen.push(`${s.count}${s.out ? 'H' : 'L'}`);
      pit.advance(1);
    }
    assert.deepEqual(seen, ['10H', '8H', '6H', '4H', '2H', '10L', '8L', '6L', '4L', '2L']);
    assert.deepEqual(pit.counterState(0), { count: 10, out: true });
  });

  it('mode 3 with an odd count: OUT high (N+1)/2 clocks and low (N-1)/2', () => {
    const { pit, bus } = pitWithLog();
    program(bus, 0x36, 5);
    pit.advance(1);
    const outs: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      outs.push(pit.counterState(0).out);
      pit.advance(1);
    }
    assert.deepEqual(outs, [true, true, true, false, false, true, true, true, false, false]);
  });

  it('mode 0: OUT low from the control word, high at terminal count and stays high; the count wraps', () => {
    const { pit, bus, levels } = pitWithLog();
    bus.out8(0x43, 0x30);
    assert.deepEqual(levels, [false]);
    bus.out8(0x40, 5);
    bus.out8(0x40, 0);
    pit.advance(5);
    assert.equal(pit.counterState(0).out, false);
    pit.advance(1);
    assert.deepEqual(pit.counterState(0), { count: 0, out: true });
    assert.deepEqual(levels, [false, true]);
    pit.advance(3);
    assert.deepEqual(pit.counterState(0), { count: 0xfffd, out: true });
    assert.equal(pit.ticksToNextIrq0(), Infinity);
  });

  it('mode 4: OUT strobes low for one clock at terminal count', () => {
    const { pit, bus } = pitWithLog();
    program(bus, 0x38, 4);
    pit.advance(1 + 3);
    assert.equal(pit.counterState(0).out, true);
    pit.advance(1);
    assert.deepEqual(pit.counterState(0), { count: 0, out: false });
    pit.advance(1);
    assert.equal(pit.counterState(0).out, true);
  });

  it('LSB-only and MSB-only access; a count of 0 means 65536', () => {
    const { pit, bus } = pitWithLog();
    program(bus, 0x14, 50); // counter 0, LSB only, mode 2
    pit.advance(1);
    assert.equal(pit.counterState(0).count, 50);
    program(bus, 0x24, 0x12); // MSB only: 1200h
    pit.advance(1);
    bus.out8(0x43, 0x00);
    assert.equal(bus.in8(0x40), 0x12, 'MSB-only reads return the MSB');
    program(bus, 0x34, 0);
    pit.advance(1);
    assert.equal(pit.ticksToNextIrq0(), 65536);
  });

  it('mode 2: a count written while counting takes effect at the next reload', () => {
    const { pit, bus } = pitWithLog();
    program(bus, 0x34, 100);
    pit.advance(1 + 40);
    bus.out8(0x40, 20);
    bus.out8(0x40, 0);
    assert.equal(pit.counterState(0).count, 60);
    assert.equal(pit.ticksToNextIrq0(), 60);
    pit.advance(60);
    assert.equal(pit.counterState(0).count, 20);
    assert.equal(pit.ticksToNextIrq0(), 20);
  });

  it('BCD counting: 0100h in BCD is a period of 100', () => {
    const { pit, bus } = pitWithLog();
    program(bus, 0x35, 0x0100);
    pit.advance(1 + 1);
    assert.equal(latchedCount(bus), 0x0099);
    assert.equal(pit.ticksToNextIrq0(), 99);
  });

  it('read-back: status byte (OUT, null count, RW, mode, BCD) then the latched count', () => {
    const { pit, bus } = pitWithLog();
    bus.out8(0x43, 0xb4); // counter 2, LSB/MSB, mode 2
    bus.out8(0x43, 0xe8); // read-back status only, counter 2
    assert.equal(bus.in8(0x42), 0x40 | 0x80 | 0x30 | 0x04, 'null count before a count is written');
    bus.out8(0x42, 0x34);
    bus.out8(0x42, 0x12);
    pit.advance(1 + 4);
    bus.out8(0x43, 0xc8); // read-back count and status, counter 2
    assert.equal(bus.in8(0x42), 0x80 | 0x30 | 0x04, 'status first, count loaded');
    assert.equal(bus.in8(0x42) | (bus.in8(0x42) << 8), 0x1234 - 4);
  });

  it('a long advance counts every period: the count and the next edge stay exact', () => {
    const { pit, bus, levels } = pitWithLog();
    program(bus, 0x34, 1193);
    pit.advance(1 + 1193 * 1000 + 7);
    assert.equal(pit.counterState(0).count, 1193 - 7);
    assert.equal(pit.ticksToNextIrq0(), 1193 - 7);
    assert.deepEqual(levels, [false, true], 'one pulse reported for the many edges');
  });

  it('counter 0 OUT drives IRQ0: each period leaves a request in the PIC', () => {
    const bus = new IoBus();
    const { pic, pit } = attachPcTimerDevices(bus);
    for (const [port, v] of [
      [0x20, 0x11],
      [0x21, 0x20],
      [0x21, 0x04],
      [0x21, 0x01],
      [0x21, 0xfe],
    ])
      bus.out8(port, v);
    program(bus, 0x34, 11932);
    pit.advance(11932);
    assert.equal(pic.pendingVector(), -1, 'first edge one period after the load clock');
    pit.advance(1);
    assert.equal(pic.acknowledge(), 0x20);
    bus.out8(0x20, 0x20);
    pit.advance(11931);
    assert.equal(pic.pendingVector(), -1);
    pit.advance(1);
    assert.equal(pic.pendingVector(), 0x20);
  });

  it('the port sequence of test/system/pic-pit.asm reads what QEMU printed (pic-pit.*.expected)', () => {
    const bus = new IoBus();
    const { pit } = attachPcTimerDevices(bus);
    for (const [port, v] of [
      [0x20, 0x11],
      [0xa0, 0x11],
      [0x21, 0x20],
      [0xa1, 0x28],
      [0x21, 0x04],
      [0xa1, 0x02],
      [0x21, 0x01],
      [0xa1, 0x01],
      [0x21, 0xff],
      [0xa1, 0xff],
      [0x43, 0x30],
      [0x40, 100],
      [0x40, 0],
    ])
      bus.out8(port, v);
    const read = (cmdPort: number, cmd: number, port: number): number => {
      bus.out8(cmdPort, cmd);
      return bus.in8(port);
    };
    pit.advance(100);
    assert.equal(read(0x20, 0x0a, 0x20), 0x00, 'terminal count not reached yet');
    pit.advance(1);
    assert.equal(read(0x20, 0x0a, 0x20), 0x01, 'irr after terminal count');
    assert.equal(read(0x43, 0xe2, 0x40), 0xb0, 'status');
    assert.equal(read(0x20, 0x0b, 0x20), 0x00, 'isr');
    assert.equal(read(0x20, 0x0c, 0x20), 0x00, 'poll with IRQ0 masked');
    bus.out8(0x21, 0xfe);
    assert.equal(read(0x20, 0x0c, 0x20), 0x80, 'poll with IRQ0 unmasked');
    assert.deepEqual([read(0x20, 0x0a, 0x20), read(0x20, 0x0b, 0x20)], [0x00, 0x01]);
    bus.out8(0x20, 0x63);
    assert.deepEqual([read(0x20, 0x0a, 0x20), read(0x20, 0x0b, 0x20)], [0x00, 0x01]);
    bus.out8(0x20, 0x60);
    assert.deepEqual([read(0x20, 0x0a, 0x20), read(0x20, 0x0b, 0x20)], [0x00, 0x00]);
    assert.deepEqual([bus.in8(0x21), bus.in8(0xa1)], [0xfe, 0xff]);
  });

  it('saveState/restoreState: a restored 8254 continues exactly (counts, latches half read, pending reload, OUT0 edges)', () => {
    const setUp = (): { pit: Pit8254; bus: IoBus; levels: boolean[] } => pitWithLog();
    const a = setUp();
    program(a.bus, 0x36, 1001); // counter 0, mode 3, odd count
    program(a.bus, 0x74, 300); // counter 1, mode 2
    a.pit.advance(1234);
    a.bus.out8(0x43, 0x34);
    a.bus.out8(0x40, 77); // LSB of a new counter-0 count written, MSB still due
    a.bus.out8(0x43, 0x40); // latch counter 1
    a.bus.in8(0x41); // LSB read, MSB still due
    const state = a.pit.saveState();
    const b = setUp();
    b.pit.restoreState(structuredClone(state));
    assert.deepEqual(b.pit.saveState(), state);
    const run = (t: { pit: Pit8254; bus: IoBus; levels: boolean[] }): unknown[] => {
      t.levels.length = 0;
      const seen: unknown[] = [t.bus.in8(0x41)];
      t.bus.out8(0x40, 1); // MSB: count 0x14d for counter 0
      for (let i = 0; i < 40; i++) {
        t.pit.advance(37);
        seen.push(t.pit.counterState(0), t.pit.counterState(1), t.pit.ticksToNextIrq0());
      }
      return [...seen, [...t.levels]];
    };
    assert.deepEqual(run(b), run(a));
  });
});
