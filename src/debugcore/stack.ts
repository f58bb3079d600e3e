// Call stack from the EBP chain (the frame layout `push ebp; mov ebp, esp` builds: [EBP] is
// the caller's EBP, [EBP+4] the return address), named by the images' symbols. At the first
// instruction of a label, before the prologue ran, the return address is still at [ESP].

import { EBP, ESP } from '../emulator/cpu/cpu';
import { symbolicName, type LineEntry } from './image';
import type { MachineSession } from './session';

export interface Frame {
  address: number;
  name: string;
  line?: LineEntry;
}

function frameAt(session: MachineSession, address: number): Frame {
  const name = symbolicName(session.images, address) ?? `0x${address.toString(16).padStart(8, '0')}`;
  return { address, name, line: session.lineAt(address) };
}

/** A plausible return address: it lies in a loaded image, right after a call instruction. */
function inImage(session: MachineSession, address: number): boolean {
  return session.images.some((i) => i.contains(address));
}

export function stackFrames(session: MachineSession, max: number): Frame[] {
  const cpu = session.cpu;
  const frames: Frame[] = [frameAt(session, cpu.eip >>> 0)];
  const esp = cpu.regs[ESP] >>> 0;
  if (session.symbolAt(cpu.eip >>> 0) !== undefined) {
    const ret = session.guest.readValue(esp, 4);
    if (ret !== undefined && inImage(session, ret) && ret !== cpu.eip) frames.push(frameAt(session, ret));
  }
  let ebp = cpu.regs[EBP] >>> 0;
  let previous = esp;
  while (frames.length < max && ebp >= previous && ebp !== 0) {
    const ret = session.guest.readValue(ebp + 4, 4);
    const next = session.guest.readValue(ebp, 4);
    if (ret === undefined || next === undefined || !inImage(session, ret)) break;
    if (frames[frames.length - 1].address !== ret) frames.push(frameAt(session, ret));
    previous = ebp + 8;
    ebp = next;
  }
  return frames;
}
