// The PC/AT interrupt and timer wiring: the 8259A pair at 20h/A0h and the 8254 at 40h, with
// counter 0's OUT on IRQ0 (the PC/AT system board; 8254 counter 0 -> 8259 IR0).
import type { IoBus } from '../io';
import { PicPair } from './pic';
import { Pit8254 } from './pit';

export interface PcTimerDevices {
  pic: PicPair;
  pit: Pit8254;
}

/** Creates the PIC pair and the PIT, claims their ports on `bus` and connects OUT0 to IRQ0. */
export function attachPcTimerDevices(bus: IoBus): PcTimerDevices {
  const pic = new PicPair();
  const pit = new Pit8254((level) => pic.setIrq(0, level));
  pic.attach(bus);
  pit.attach(bus);
  return { pic, pit };
}
