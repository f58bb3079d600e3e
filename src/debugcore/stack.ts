// Call stacks from the EBP chain (the frame layout `push ebp; mov ebp, esp` builds: [EBP] is
// the caller's EBP, [EBP+4] the return address), named by the images' symbols. At the first
// instruction of a label, before the prologue ran, the return address is still at [ESP].
//
// Under the kernel a stop inside a trap or system call shows three parts: the kernel's frames,
// one frame for the boundary ("sysenter from user at 0x...", "#UD from user at 0x..."), then
// the user's frames from the user EIP/ESP/EBP the entry saved in its trap frame (frame.inc).
// A thread that is not running shows the user frames of its saved trap frame.

import { EBP, ECX, ESP } from '../emulator/cpu/cpu';
import { VECTOR } from '../kernel/abi';
import { symbolicName, type LineEntry } from './image';
import type { KernelThread, KernelView } from './kernelView';
import type { MachineSession } from './session';

export interface Frame {
  address: number;
  name: string;
  line?: LineEntry;
  /** The frame stands for the user/kernel boundary, not for code that runs. */
  boundary?: boolean;
}

/** Where a walk starts: an instruction pointer and the stack and frame pointers beside it. */
export interface StackStart {
  eip: number;
  esp: number;
  ebp: number;
}

function frameAt(session: MachineSession, address: number): Frame {
  const name = session.nameOf(address) ?? `0x${address.toString(16).padStart(8, '0')}`;
  return { address, name, line: session.lineAt(address) };
}

/** A plausible return address lies in a loaded image. */
function inImage(session: MachineSession, address: number): boolean {
  return session.images.some((i) => i.contains(address));
}

/**
 * The bytes before `address` end with a CALL (E8 rel32; FF /2 as `call reg`, `call [reg+d8]`,
 * `call [disp32]` or `call [reg+d32]`): then `address` is a plausible return address.
 */
function followsCall(session: MachineSession, address: number): boolean {
  const b = session.guest.read((address - 7) >>> 0, 7);
  if (b.length < 7) return false;
  const reg2 = (modrm: number): boolean => ((modrm >> 3) & 7) === 2;
  return b[2] === 0xe8 // call rel32
    || (b[5] === 0xff && reg2(b[6]) && b[6] >> 6 === 3) // call reg
    || (b[4] === 0xff && reg2(b[5]) && b[5] >> 6 === 1) // call [reg + d8]
    || (b[1] === 0xff && reg2(b[2]) && (b[2] >> 6 === 2 || (b[2] & 0xc7) === 0x05)); // call [reg + d32], call [disp32]
}

/**
 * Code outside every image (the kernel's system-call stub) keeps no frame pointer chain we
 * know; its caller's return address is the first plausible one in the next few stack dwords.
 */
function callerOutsideImages(session: MachineSession, esp: number): number | undefined {
  for (let k = 0; k < 16; k++) {
    const v = session.guest.readValue((esp + 4 * k) >>> 0, 4);
    if (v !== undefined && inImage(session, v) && followsCall(session, v)) return v;
  }
  return undefined;
}

/** The frames of one privilege level from `start`, following the EBP chain. */
export function walkFrames(session: MachineSession, start: StackStart, max: number): Frame[] {
  if (!inImage(session, start.eip >>> 0)) {
    const ret = callerOutsideImages(session, start.esp >>> 0);
    if (ret === undefined) return [frameAt(session, start.eip >>> 0)];
    return [frameAt(session, start.eip >>> 0), ...walkFrames(session, { eip: ret, esp: start.esp, ebp: start.ebp }, max - 1)].slice(0, max);
  }
  const frames: Frame[] = [frameAt(session, start.eip >>> 0)];
  const esp = start.esp >>> 0;
  if (session.symbolAt(start.eip >>> 0) !== undefined) {
    const ret = session.guest.readValue(esp, 4);
    if (ret !== undefined && inImage(session, ret) && ret !== start.eip) frames.push(frameAt(session, ret));
  }
  let ebp = start.ebp >>> 0;
  let previous = esp;
  while (frames.length < max && ebp >= previous && ebp !== 0) {
    const ret = session.guest.readValue(ebp + 4, 4);
    const next = session.guest.readValue(ebp, 4);
    if (ret === undefined || next === undefined || !inImage(session, ret)) break;
    if (frames[frames.length - 1].address !== ret) frames.push(frameAt(session, ret));
    previous = ebp + 8;
    ebp = next;
  }
  return frames.slice(0, max);
}

/** The user side of a kernel entry the CPU is inside: how it entered and the saved user state. */
interface Boundary {
  vectorName: string;
  user: StackStart;
  /** Only the boundary is known (the entry has not saved the user's EBP yet). */
  partial: boolean;
}

const STUB = /^(exception_(\d+)|irq_(\d+)|isr_syscall_int|isr_linux_int)$/;

/** The entries that build the trap frame by hand, with the pseudo vector each pushes. */
const FAST_ENTRIES: Record<string, string> = { sysenter_entry: 'KIND_SYSENTER', syscall_entry: 'KIND_SYSCALL', call_gate_entry: 'KIND_CALL_GATE' };

/** The vector an entry stub or fast entry will push, from its label. */
function entryVector(view: KernelView, label: string | undefined): number | undefined {
  if (label === undefined) return undefined;
  const stub = STUB.exec(label);
  if (stub) return stub[2] !== undefined ? Number(stub[2]) : stub[3] !== undefined ? VECTOR.IRQ_BASE + Number(stub[3]) : label === 'isr_syscall_int' ? VECTOR.SYSCALL_INT : VECTOR.LINUX_INT;
  const kind = FAST_ENTRIES[label];
  return kind !== undefined ? view.lookup(kind) : undefined;
}

/**
 * The kernel entry the CPU is in, from the trap frame at USER_FRAME. Every entry fills the
 * frame from the top down (SS, ESP, EFLAGS, CS, EIP, error code, vector, then PUSHAD), the
 * CPU itself for interrupts (SDM Vol.3 6.12.1) and the fast entries by hand, so once ESP is
 * at or below a slot, that slot is this entry's. The call gate is the exception: its CPU
 * pushes CS:EIP one slot higher (no EFLAGS, SDM Vol.3 5.8.6) and the entry moves them down,
 * so its frame is read once the vector is pushed. Before the user's EIP is in the frame, the
 * first instructions of the SYSENTER and SYSCALL entries and of the call gate find it where
 * each instruction leaves it (SDM Vol.2B SYSENTER: the stub's return point the kernel set;
 * AMD APM Vol.3 SYSCALL: ECX; the call gate: [ESP]).
 */
function currentBoundary(session: MachineSession, view: KernelView): Boundary | undefined {
  const cpu = session.cpu;
  if (cpu.cpl !== 0 || !cpu.protectedMode) return undefined;
  const esp = cpu.regs[ESP] >>> 0;
  const top = view.userFrame;
  const field = (f: Parameters<KernelView['frameField']>[1]): number | undefined => view.frameField(top, f);
  const eip = cpu.eip >>> 0;
  const label = symbolicName(session.images, eip)?.split('+')[0];
  const hex = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
  if (esp >= top - 0x4000 && esp <= top + view.frameSize) {
    const cs = field('F_CS');
    const userEip = field('F_EIP');
    const complete = esp <= top + view.offset('F_VECTOR');
    const eipPushed = esp <= top + view.offset('F_EIP') && label !== 'call_gate_entry';
    if ((complete || eipPushed) && cs !== undefined && (cs & 3) === 3 && userEip !== undefined) {
      const vector = complete ? field('F_VECTOR') ?? -1 : entryVector(view, label) ?? -1;
      const pushadDone = esp <= top + view.offset('F_EDI');
      return {
        vectorName: view.boundaryName(vector, userEip),
        user: { eip: userEip, esp: field('F_USER_ESP') ?? 0, ebp: pushadDone ? field('F_EBP') ?? 0 : cpu.regs[EBP] },
        partial: false,
      };
    }
  }
  if (label === 'sysenter_entry') {
    const ret = view.lookup('sysenter_return');
    const userEip = ret !== undefined ? session.guest.readValue(ret, 4) : undefined;
    if (userEip !== undefined && userEip !== 0) return { vectorName: `sysenter from user, returns to ${hex(userEip)}`, user: { eip: userEip, esp: cpu.regs[EBP], ebp: cpu.regs[EBP] }, partial: true };
  }
  if (label === 'syscall_entry') {
    return { vectorName: `syscall from user, returns to ${hex(cpu.regs[ECX])}`, user: { eip: cpu.regs[ECX] >>> 0, esp, ebp: cpu.regs[EBP] }, partial: true };
  }
  if (view.lookup('call_gate_entry') === eip) {
    const userEip = session.guest.readValue(esp, 4);
    const userEsp = session.guest.readValue(esp + 8, 4);
    if (userEip !== undefined) return { vectorName: `callgate from user, returns to ${hex(userEip)}`, user: { eip: userEip, esp: userEsp ?? 0, ebp: cpu.regs[EBP] }, partial: false };
  }
  return undefined;
}

/** The CPU's stack: kernel frames, the boundary and the user frames when inside an entry. */
export function stackFrames(session: MachineSession, max: number): Frame[] {
  const cpu = session.cpu;
  const start = { eip: cpu.eip >>> 0, esp: cpu.regs[ESP] >>> 0, ebp: cpu.regs[EBP] >>> 0 };
  const boundary = session.kernel ? currentBoundary(session, session.kernel) : undefined;
  if (!boundary) return walkFrames(session, start, max);
  const kernel = walkFrames(session, start, max).filter((f) => !session.images.some((i) => i.userSpace && i.contains(f.address)));
  const user = boundary.partial ? [] : walkFrames(session, boundary.user, Math.max(1, max - kernel.length - 1));
  const cross: Frame = { address: boundary.user.eip >>> 0, name: boundary.vectorName, line: session.lineAt(boundary.user.eip >>> 0), boundary: true };
  return [...kernel, cross, ...user].slice(0, max);
}

/** A thread that is not running: the user frames of its saved trap frame. */
export function savedThreadFrames(session: MachineSession, view: KernelView, thread: KernelThread, max: number): Frame[] {
  const f = view.frameAt(thread.savedFrame).fields;
  const start = { eip: f.get('F_EIP') ?? 0, esp: f.get('F_USER_ESP') ?? 0, ebp: f.get('F_EBP') ?? 0 };
  return walkFrames(session, start, max);
}
