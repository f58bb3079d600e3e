// The 8259A pair against the Intel 8259A data sheet (order no. 231468): initialization
// sequence, fully nested priority, EOI forms, masking, cascade on IR2, AEOI, rotation,
// special mask mode, poll mode, edge and level triggering.
import * as assert from 'node:assert/strict';
import { IoBus } from '../../src/emulator/io';
import { PicPair } from '../../src/emulator/devices/pic';

/** The PC/AT initialization: master vectors 20h, slave 28h, slave on IR2, 8086 mode. */
function initialized(icw4 = 0x01): { pic: PicPair; bus: IoBus } {
  const bus = new IoBus();
  const pic = new PicPair();
  pic.attach(bus);
  bus.out8(0x20, 0x11); // ICW1: edge, cascade, ICW4 needed
  bus.out8(0xa0, 0x11);
  bus.out8(0x21, 0x20); // ICW2
  bus.out8(0xa1, 0x28);
  bus.out8(0x21, 0x04); // ICW3: slave on IR2
  bus.out8(0xa1, 0x02); // ICW3: slave id 2
  bus.out8(0x21, icw4); // ICW4
  bus.out8(0xa1, icw4);
  return { pic, bus };
}

function readIsr(bus: IoBus, port = 0x20): number {
  bus.out8(port, 0x0b); // OCW3: read ISR
  return bus.in8(port);
}

function readIrr(bus: IoBus, port = 0x20): number {
  bus.out8(port, 0x0a); // OCW3: read IRR
  return bus.in8(port);
}

describe('8259A PIC pair', () => {
  it('masks everything before the guest initializes it', () => {
    const bus = new IoBus();
    const pic = new PicPair();
    pic.attach(bus);
    pic.setIrq(0, true);
    assert.equal(pic.pendingVector(), -1);
    assert.equal(bus.in8(0x21), 0xff);
  });

  it('ICW1 clears the mask; OCW1 sets it and reads back on the odd port', () => {
    const { bus } = initialized();
    assert.equal(bus.in8(0x21), 0x00);
    bus.out8(0x21, 0xfe);
    bus.out8(0xa1, 0xbf);
    assert.equal(bus.in8(0x21), 0xfe);
    assert.equal(bus.in8(0xa1), 0xbf);
  });

  it('edge triggered: a rising edge requests once; acknowledge moves IRR to ISR and gives T7-T3|level', () => {
    const { pic, bus } = initialized();
    pic.setIrq(1, true);
    assert.equal(readIrr(bus), 0x02);
    assert.equal(pic.pendingVector(), 0x21);
    assert.equal(pic.acknowledge(), 0x21);
    assert.equal(readIrr(bus), 0x00);
    assert.equal(readIsr(bus), 0x02);
    bus.out8(0x20, 0x20); // non-specific EOI
    assert.equal(readIsr(bus), 0x00);
    assert.equal(pic.pendingVector(), -1, 'line still high, but no new edge');
    pic.setIrq(1, false);
    pic.setIrq(1, true);
    assert.equal(pic.pendingVector(), 0x21);
  });

  it('an edge stays latched in IRR after the line falls, until acknowledged', () => {
    const { pic } = initialized();
    pic.pulseIrq(4);
    assert.equal(pic.pendingVector(), 0x24);
  });

  it('fully nested: IR0 highest; a lower request waits for the EOI of a higher one in service', () => {
    const { pic, bus } = initialized();
    pic.pulseIrq(3);
    pic.pulseIrq(1);
    assert.equal(pic.acknowledge(), 0x21);
    assert.equal(pic.pendingVector(), -1, 'IR3 is lower than IR1 in service');
    pic.pulseIrq(0);
    assert.equal(pic.acknowledge(), 0x20, 'IR0 nests over IR1');
    assert.equal(readIsr(bus), 0x03);
    bus.out8(0x20, 0x20); // non-specific EOI clears the highest in service: IR0
    assert.equal(readIsr(bus), 0x02);
    assert.equal(pic.pendingVector(), -1);
    bus.out8(0x20, 0x20);
    assert.equal(pic.acknowledge(), 0x23);
  });

  it('specific EOI clears the named level only', () => {
    const { pic, bus } = initialized();
    pic.pulseIrq(5);
    pic.acknowledge();
    pic.pulseIrq(1);
    pic.acknowledge();
    assert.equal(readIsr(bus), 0x22);
    bus.out8(0x20, 0x65); // OCW2 specific EOI, L = 5
    assert.equal(readIsr(bus), 0x02);
  });

  it('a masked request stays in IRR and is served when unmasked', () => {
    const { pic, bus } = initialized();
    bus.out8(0x21, 0x08);
    pic.pulseIrq(3);
    assert.equal(pic.pendingVector(), -1);
    assert.equal(readIrr(bus), 0x08);
    bus.out8(0x21, 0x00);
    assert.equal(pic.acknowledge(), 0x23);
  });

  it('cascade: a slave IRQ arrives through master IR2 with the slave vector; both need an EOI', () => {
    const { pic, bus } = initialized();
    pic.pulseIrq(9);
    assert.equal(pic.pendingVector(), 0x29);
    assert.equal(pic.acknowledge(), 0x29);
    assert.equal(readIsr(bus, 0x20), 0x04);
    assert.equal(readIsr(bus, 0xa0), 0x02);
    pic.pulseIrq(12);
    assert.equal(pic.pendingVector(), -1, 'master IR2 in service blocks further slave requests');
    pic.pulseIrq(0);
    assert.equal(pic.pendingVector(), 0x20, 'IR0 is above IR2');
    pic.acknowledge();
    bus.out8(0x20, 0x20); // EOI for IR0
    bus.out8(0xa0, 0x20); // slave EOI
    assert.equal(pic.pendingVector(), -1, 'master IR2 still in service');
    bus.out8(0x20, 0x20); // master EOI for IR2
    assert.equal(pic.acknowledge(), 0x2c);
  });

  it('special fully nested mode lets a higher slave request through while IR2 is in service', () => {
    const { pic } = initialized(0x11);
    pic.pulseIrq(12);
    assert.equal(pic.acknowledge(), 0x2c);
    pic.pulseIrq(9);
    assert.equal(pic.acknowledge(), 0x29);
  });

  it('automatic EOI leaves ISR clear after the acknowledge', () => {
    const { pic, bus } = initialized(0x03);
    pic.pulseIrq(6);
    assert.equal(pic.acknowledge(), 0x26);
    assert.equal(readIsr(bus), 0x00);
  });

  it('acknowledge with no request gives the IR7 vector and sets no ISR bit (spurious)', () => {
    const { pic, bus } = initialized();
    assert.equal(pic.acknowledge(), 0x27);
    assert.equal(readIsr(bus), 0x00);
  });

  it('OCW2 set priority makes L the lowest, L+1 the highest', () => {
    const { pic } = initialized();
    pic.master.writeCommand(0xc3); // lowest = IR3
    pic.pulseIrq(1);
    pic.pulseIrq(4);
    assert.equal(pic.acknowledge(), 0x24);
  });

  it('rotate on non-specific EOI makes the served level the lowest', () => {
    const { pic, bus } = initialized();
    pic.pulseIrq(0);
    pic.acknowledge();
    bus.out8(0x20, 0xa0); // rotate on non-specific EOI
    pic.pulseIrq(0);
    pic.pulseIrq(5);
    assert.equal(pic.acknowledge(), 0x25, 'IR0 is now the lowest priority');
  });

  it('special mask mode: with its own level masked, a handler lets lower levels in', () => {
    const { pic, bus } = initialized();
    pic.pulseIrq(1);
    pic.acknowledge();
    pic.pulseIrq(3);
    assert.equal(pic.pendingVector(), -1);
    bus.out8(0x21, 0x02); // mask IR1
    bus.out8(0x20, 0x68); // OCW3: ESMM SMM
    assert.equal(pic.acknowledge(), 0x23);
    bus.out8(0x20, 0x48); // OCW3: reset special mask
    assert.equal(readIsr(bus), 0x0a);
  });

  it('poll mode: the next read of the command port returns 80h|level and acknowledges', () => {
    const { pic, bus } = initialized();
    pic.pulseIrq(5);
    bus.out8(0x20, 0x0c); // OCW3: poll
    assert.equal(bus.in8(0x20), 0x85);
    assert.equal(readIsr(bus), 0x20);
    bus.out8(0x20, 0x0c);
    assert.equal(bus.in8(0x20), 0x00, 'nothing requesting: bit 7 clear');
  });

  it('level triggered mode: IRR follows the line', () => {
    const bus = new IoBus();
    const pic = new PicPair();
    pic.attach(bus);
    bus.out8(0x20, 0x1b); // ICW1: LTIM, single, ICW4
    bus.out8(0x21, 0x40); // ICW2 (no ICW3 in single mode)
    bus.out8(0x21, 0x01); // ICW4
    pic.setIrq(2, true);
    assert.equal(pic.pendingVector(), 0x42);
    pic.setIrq(2, false);
    assert.equal(pic.pendingVector(), -1);
  });

  it('no interrupt is signalled in the middle of an initialization sequence', () => {
    const { pic, bus } = initialized();
    bus.out8(0x20, 0x11);
    pic.pulseIrq(0);
    assert.equal(pic.pendingVector(), -1);
    bus.out8(0x21, 0x30);
    bus.out8(0x21, 0x04);
    bus.out8(0x21, 0x01);
    pic.pulseIrq(0);
    assert.equal(pic.pendingVector(), 0x30);
  });

  it('saveState/restoreState: a restored pair serves the same requests in the same order (ISR, IRR, edges, cascade)', () => {
    const a = initialized();
    a.pic.setIrq(3, true); // line held high: no new edge until it falls
    a.pic.pulseIrq(0);
    a.pic.pulseIrq(9);
    assert.equal(a.pic.acknowledge(), 0x20); // IR0 in service
    a.bus.out8(0x20, 0x0b); // OCW3: ISR reads next
    const state = a.pic.saveState();
    const b = { pic: new PicPair(), bus: new IoBus() };
    b.pic.attach(b.bus);
    b.pic.restoreState(structuredClone(state));
    assert.deepEqual(b.pic.saveState(), state);
    const run = (t: { pic: PicPair; bus: IoBus }): number[] => {
      const seen = [t.bus.in8(0x20)];
      t.pic.setIrq(3, true); // no edge: the line was already high
      t.bus.out8(0x20, 0x20); // EOI IR0
      for (let i = 0; i < 4; i++) {
        seen.push(t.pic.pendingVector(), t.pic.acknowledge());
        t.bus.out8(0xa0, 0x20);
        t.bus.out8(0x20, 0x20);
      }
      return seen;
    };
    assert.deepEqual(run(b), run(a));
  });
});
