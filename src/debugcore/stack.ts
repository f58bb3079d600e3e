// Call stacks from the EBP chain (the frame layout `push ebp; mov ebp, esp` builds: [EBP] is
// the caller's EBP, [EBP+4] the return address), named by the images' symbols. At the first
// instruction of a label, before the prologue ran, the return address is still at [ESP].
//
// Under the kernel a stop inside a trap or system call shows three parts: the kernel's frames,
// one frame for the boundary ("sysenter from user at 0x...", "#UD from user at 0x..."), then
// the user's frames from the user EIP/ESP/EBP the entry saved in its trap frame (frame.inc).
// A thread that is not running shows the user frames of its saved trap frame, read through its
// own process's address space.

import { EBP, ECX, ESP, SS } from '../emulator';
import { decodeInstruction } from '../isa/decoder';
import { ADDRESS, VECTOR } from '../kernel/abi';
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

/** What a walk reads: guest memory (one process's view of it), the images and their names. */
export type StackContext = Pick<MachineSession, 'guest' | 'images' | 'nameOf' | 'lineAt' | 'cpu'>;

/** Where a walk starts: an instruction pointer and the stack and frame pointers beside it. */
export interface StackStart {
  eip: number;
  esp: number;
  ebp: number;
}

/**
 * A frame at `address`. A caller's frame (`address` is a return address) shows the line of
 * its CALL, the byte before the return address, as native debuggers do.
 */
function frameAt(session: StackContext, address: number, caller = false): Frame {
  const name = session.nameOf(address) ?? `0x${address.toString(16).padStart(8, '0')}`;
  return { address, name, line: session.lineAt(caller ? (address - 1) >>> 0 : address) };
}

/** A plausible return address lies in a loaded image. */
function inImage(session: StackContext, address: number): boolean {
  return session.images.some((i) => i.contains(address));
}

/**
 * The bytes before `address` end with a CALL (E8 rel32; FF /2 as `call reg`, `call [reg+d8]`,
 * `call [disp32]` or `call [reg+d32]`): then `address` is a plausible return address.
 */
function followsCall(session: StackContext, address: number): boolean {
  const b = session.guest.read((address - 7) >>> 0, 7);
  if (b.length < 7) return false;
  const reg2 = (modrm: number): boolean => ((modrm >> 3) & 7) === 2;
  return (
    b[2] === 0xe8 || // call rel32
    (b[5] === 0xff && reg2(b[6]) && b[6] >> 6 === 3) || // call reg
    (b[4] === 0xff && reg2(b[5]) && b[5] >> 6 === 1) || // call [reg + d8]
    (b[1] === 0xff && reg2(b[2]) && (b[2] >> 6 === 2 || (b[2] & 0xc7) === 0x05))
  ); // call [reg + d32], call [disp32]
}

/** How many stack dwords above a frame's stack pointer are searched for its return address. */
const SCAN_DWORDS = 64;

/** The label a function starts at: the non-local label at or below `address` (NASM locals are `parent.local`). */
function functionStart(session: StackContext, address: number): number | undefined {
  for (const image of session.images) {
    const s = image.symbolAtOrBelow(address);
    if (!s) continue;
    const parent = s.name.startsWith('.') ? undefined : s.name.split('.')[0];
    return (parent !== undefined ? image.symbol(parent)?.address : undefined) ?? s.address;
  }
  return undefined;
}

/** The function at `start` builds a frame: `push ebp; mov ebp, esp` (55 89 E5 or 55 8B EC). */
function hasPrologue(session: StackContext, start: number): boolean {
  const b = session.guest.read(start >>> 0, 3);
  return b.length === 3 && b[0] === 0x55 && ((b[1] === 0x89 && b[2] === 0xe5) || (b[1] === 0x8b && b[2] === 0xec));
}

/**
 * Where the CALL that returns to `ret` went, when the instruction says (E8 rel32, or FF 15
 * through a pointer in memory); undefined for a call through a register.
 */
function callTarget(session: StackContext, ret: number): number | undefined {
  const b = session.guest.read((ret - 6) >>> 0, 6);
  if (b.length < 6) return undefined;
  if (b[1] === 0xe8) return (ret + (b[2] | (b[3] << 8) | (b[4] << 16) | (b[5] << 24))) >>> 0;
  if (b[0] === 0xff && b[1] === 0x15)
    return session.guest.readValue((b[2] | (b[3] << 8) | (b[4] << 16) | (b[5] << 24)) >>> 0, 4);
  return undefined;
}

/** The instruction at `eip` is RET or RET imm16 (the return address is at [ESP]). */
function atReturn(session: StackContext, eip: number): boolean {
  const b = session.guest.read(eip >>> 0, 1);
  return b.length === 1 && (b[0] === 0xc3 || b[0] === 0xc2);
}

/**
 * A function that keeps no frame pointer: its return address is the first stack dword from
 * `esp` up that follows a CALL in an image, and, when the CALL names its target, a CALL to
 * this function (or to the code outside the images it runs in). Stale return addresses of
 * calls that already returned name another target and are passed over.
 */
function scanForReturn(
  session: StackContext,
  esp: number,
  eip: number,
  limit: number | undefined,
): { ret: number; slot: number } | undefined {
  const start = inImage(session, eip) ? functionStart(session, eip) : undefined;
  for (let k = 0; k < SCAN_DWORDS; k++) {
    const slot = (esp + 4 * k) >>> 0;
    if (limit !== undefined && slot + 4 > limit) return undefined;
    const v = session.guest.readValue(slot, 4);
    if (v === undefined) return undefined;
    if (!inImage(session, v) || !followsCall(session, v)) continue;
    const target = callTarget(session, v);
    if (
      target === undefined ||
      start === undefined ||
      target === start ||
      (!inImage(session, target) && !inImage(session, eip))
    )
      return { ret: v, slot };
  }
  return undefined;
}

/**
 * The frames of one privilege level from `start`. Each frame's return address is found by
 * what its function is doing: at a RET or at the first instruction, at [ESP]; after `push
 * ebp`, at [ESP+4]; in a function that built an EBP frame, at [EBP+4] with the caller's EBP
 * at [EBP]; in one that did not (leaf helpers, the kernel's stub outside every image), by
 * scanning the stack for a return address checked against its CALL. Every return address
 * must follow a CALL in an image. `limit`: stack addresses at or above it are not this
 * level's (the trap frame).
 */
export function walkFrames(session: StackContext, start: StackStart, max: number, limit?: number): Frame[] {
  const frames: Frame[] = [frameAt(session, start.eip >>> 0)];
  let { eip, esp, ebp } = { eip: start.eip >>> 0, esp: start.esp >>> 0, ebp: start.ebp >>> 0 };
  const read = (a: number): number | undefined =>
    limit !== undefined && a + 4 > limit ? undefined : session.guest.readValue(a >>> 0, 4);
  while (frames.length < max) {
    const fn = inImage(session, eip) ? functionStart(session, eip) : undefined;
    let ret: number | undefined;
    let nextEsp: number;
    let nextEbp = ebp;
    if (atReturn(session, eip) || (fn !== undefined && eip === fn)) {
      ret = read(esp);
      nextEsp = esp + 4;
    } else if (fn !== undefined && hasPrologue(session, fn) && eip === fn + 1) {
      ret = read(esp + 4);
      nextEbp = read(esp) ?? 0;
      nextEsp = esp + 8;
    } else if (fn !== undefined && hasPrologue(session, fn) && ebp >= esp) {
      ret = read(ebp + 4);
      nextEbp = read(ebp) ?? 0;
      nextEsp = ebp + 8;
    } else {
      const found = scanForReturn(session, esp, eip, limit);
      ret = found?.ret;
      nextEsp = found ? found.slot + 4 : esp;
    }
    if (ret === undefined || !inImage(session, ret) || !followsCall(session, ret) || nextEsp <= esp) break;
    frames.push(frameAt(session, ret, true));
    eip = ret;
    esp = nextEsp >>> 0;
    ebp = nextEbp >>> 0;
  }
  return frames;
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
const FAST_ENTRIES: Record<string, string> = {
  sysenter_entry: 'KIND_SYSENTER',
  syscall_entry: 'KIND_SYSCALL',
  call_gate_entry: 'KIND_CALL_GATE',
};

/** The vector an entry stub or fast entry will push, from its label. */
function entryVector(view: KernelView, label: string | undefined): number | undefined {
  if (label === undefined) return undefined;
  const stub = STUB.exec(label);
  if (stub)
    return stub[2] !== undefined
      ? Number(stub[2])
      : stub[3] !== undefined
        ? VECTOR.IRQ_BASE + Number(stub[3])
        : label === 'isr_syscall_int'
          ? VECTOR.SYSCALL_INT
          : VECTOR.LINUX_INT;
  const kind = FAST_ENTRIES[label];
  return kind !== undefined ? view.lookup(kind) : undefined;
}

/**
 * The kernel entry the CPU is in, from the trap frame at USER_FRAME. Every entry fills the
 * frame from the top down (SS, ESP, EFLAGS, CS, EIP, error code, vector, then PUSHAD), the
 * CPU itself for interrupts (SDM Vol.3 6.12.1) and the fast entries by hand, so once ESP is
 * at or below a slot, that slot is this entry's. The call gate is the exception: its CPU
 * pushes CS:EIP one slot higher (no EFLAGS, SDM Vol.3 5.8.6) and the entry moves them down,
 * so inside call_gate_entry the slots are read as callGateBoundary explains, and the frame
 * once the entry has jumped on. Before the user's EIP is in the frame, the first
 * instructions of the SYSENTER and SYSCALL entries find it where each instruction leaves it
 * (SDM Vol.2B SYSENTER: the stub's return point the kernel set; AMD APM Vol.3 SYSCALL: ECX).
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
  // The call gate's slots hold other values while the entry moves CS:EIP down (even when ESP
  // is already at the vector's slot): the whole entry reads them the way the CPU left them.
  if (label === 'call_gate_entry') return callGateBoundary(session, view);
  if (esp >= top - 0x4000 && esp <= top + view.frameSize) {
    const cs = field('F_CS');
    const userEip = field('F_EIP');
    const complete = esp <= top + view.offset('F_VECTOR');
    const eipPushed = esp <= top + view.offset('F_EIP');
    if ((complete || eipPushed) && cs !== undefined && (cs & 3) === 3 && userEip !== undefined) {
      // On the way in, the stub being run says which vector it will push; on the way out
      // (trap_exit's IRETD, with ESP back at the EIP slot) the frame still holds it.
      const vector = (complete ? field('F_VECTOR') : (entryVector(view, label) ?? field('F_VECTOR'))) ?? -1;
      const pushadDone = esp <= top + view.offset('F_EDI');
      return {
        vectorName: view.boundaryName(vector, userEip),
        user: { eip: userEip, esp: field('F_USER_ESP') ?? 0, ebp: pushadDone ? (field('F_EBP') ?? 0) : cpu.regs[EBP] },
        partial: false,
      };
    }
  }
  if (label === 'sysenter_entry') {
    const ret = view.lookup('sysenter_return');
    const userEip = ret !== undefined ? session.guest.readValue(ret, 4) : undefined;
    // The stub left ESP in EBP with the user's EBP pushed there (kip.asm, stub_sysenter).
    const userEsp = cpu.regs[EBP] >>> 0;
    if (userEip !== undefined && userEip !== 0)
      return {
        vectorName: `sysenter from user, returns to ${hex(userEip)}`,
        user: { eip: userEip, esp: userEsp, ebp: session.guest.readValue(userEsp, 4) ?? 0 },
        partial: false,
      };
  }
  if (label === 'syscall_entry') {
    // At its first instruction ESP is still the user's, with the stub's pushes of ECX and
    // EBP on it (kip.asm, stub_syscall); after the XCHG only the return point is known.
    const first = eip === view.lookup('syscall_entry');
    return {
      vectorName: `syscall from user, returns to ${hex(cpu.regs[ECX])}`,
      user: { eip: cpu.regs[ECX] >>> 0, esp, ebp: first ? (session.guest.readValue(esp, 4) ?? 0) : cpu.regs[EBP] },
      partial: !first,
    };
  }
  return undefined;
}

/**
 * Inside the call-gate entry before its frame is complete: the caller's return point where
 * the far CALL left it. The CPU switched to SS0:ESP0 from the TSS (ESP0 at offset 4, SDM Vol.3
 * 7.2.1) and pushed the caller's SS, ESP, the gate's parameters, CS and EIP (SDM Vol.3 5.8.6,
 * Figure 5-13). The entry then turns that into an interrupt-style frame in place: EFLAGS below
 * EIP, EIP into it, CS into EIP's slot, EFLAGS into CS's slot. So the caller's SS:ESP stay
 * where the CPU put them, and its EIP is where the CPU put it until the trap frame's CS slot
 * (the CPU's EIP slot) holds a selector instead of a return address; then EIP is in the trap
 * frame's EIP slot.
 */
function callGateBoundary(session: MachineSession, view: KernelView): Boundary | undefined {
  const cpu = session.cpu;
  const read = (linear: number): number | undefined => session.guest.readValue(linear >>> 0, 4);
  const esp0 = read(cpu.taskBase + 4);
  if (esp0 === undefined) return undefined;
  const entry = view.lookup('call_gate_entry');
  const params = entry !== undefined ? callGateParameters(session, entry >>> 0) : 0;
  const top = (cpu.segBase[SS] + esp0) >>> 0;
  const userSs = read(top - 4);
  const userEsp = read(top - 8);
  const pushedEip = read(top - 16 - 4 * params);
  if (userSs === undefined || (userSs & 3) !== 3 || userEsp === undefined || pushedEip === undefined) return undefined;
  // The CPU's EIP slot is the trap frame's CS slot (the kernel's layout has no parameters).
  const moved =
    params === 0 && pushedEip >>> 0 <= 0xffff && (pushedEip & 3) === 3 && !followsFarCall(session, pushedEip >>> 0);
  const userEip = moved ? view.frameField(view.userFrame, 'F_EIP') : pushedEip;
  if (userEip === undefined) return undefined;
  return {
    vectorName: view.boundaryName(view.lookup('KIND_CALL_GATE') ?? -1, userEip),
    user: { eip: userEip >>> 0, esp: userEsp >>> 0, ebp: cpu.regs[EBP] >>> 0 },
    partial: false,
  };
}

/** The parameter count (bits 4:0 of the high dword) of the GDT's 32-bit call gate to `entry`. */
function callGateParameters(session: MachineSession, entry: number): number {
  const cpu = session.cpu;
  const count = Math.floor((cpu.gdtLimit + 1) / 8);
  for (let i = 1; i < count && i < 8192; i++) {
    const low = session.guest.readValue((cpu.gdtBase + i * 8) >>> 0, 4);
    const high = session.guest.readValue((cpu.gdtBase + i * 8 + 4) >>> 0, 4);
    if (low === undefined || high === undefined) break;
    // SDM Vol.3 5.8.3: S = 0, type 12 is a 32-bit call gate; offset 31:16 in the high dword.
    const gate = (high & 0x1f00) === 0x0c00;
    if (gate && ((high & 0xffff0000) | (low & 0xffff)) >>> 0 === entry) return high & 0x1f;
  }
  return 0;
}

/** The instruction that ends right before `address` is a far CALL (a return point). */
function followsFarCall(session: StackContext, address: number): boolean {
  for (let length = 2; length <= 7; length++) {
    const bytes = session.guest.read((address - length) >>> 0, length);
    if (bytes.length < length) continue;
    const d = decodeInstruction(bytes, 0, true, session.cpu.model);
    if (d.ok && d.length === length && d.form.exec === 'callFar') return true;
  }
  return false;
}

/** The CPU's stack: kernel frames, the boundary and the user frames when inside an entry. */
export function stackFrames(session: MachineSession, max: number): Frame[] {
  const cpu = session.cpu;
  const start = { eip: cpu.eip >>> 0, esp: cpu.regs[ESP] >>> 0, ebp: cpu.regs[EBP] >>> 0 };
  const boundary = session.kernel ? currentBoundary(session, session.kernel) : undefined;
  if (!boundary) return walkFrames(session, start, max);
  const top = session.kernel!.userFrame >>> 0;
  const kernel = walkFrames(session, start, max, start.esp < top ? top : undefined).filter(
    (f) => !session.images.some((i) => i.userSpace && i.contains(f.address)),
  );
  const user = boundary.partial ? [] : walkFrames(session, boundary.user, Math.max(1, max - kernel.length - 1));
  const cross: Frame = {
    address: boundary.user.eip >>> 0,
    name: boundary.vectorName,
    line: session.lineAt(boundary.user.eip >>> 0),
    boundary: true,
  };
  return [...kernel, cross, ...user].slice(0, max);
}

/** A thread that is not running: the user frames of its saved trap frame. */
export function savedThreadFrames(
  session: MachineSession,
  view: KernelView,
  thread: KernelThread,
  max: number,
): Frame[] {
  const f = view.frameAt(thread.savedFrame).fields;
  const start = { eip: f.get('F_EIP') ?? 0, esp: f.get('F_USER_ESP') ?? 0, ebp: f.get('F_EBP') ?? 0 };
  return walkFrames(threadContext(session, thread), start, max);
}

/**
 * What a thread's frames are read through: the session itself for a thread of the process in
 * place, else that process's user page-directory entries (ADDRESS.USER_START..USER_END), kept in
 * a page of its own while another process runs.
 */
export function threadContext(session: MachineSession, thread: KernelThread): StackContext {
  const p = thread.process;
  if (!p || p.current || p.directory === 0) return session;
  const guest = session.guest.withUserDirectory({
    directory: p.directory,
    first: ADDRESS.USER_START >>> 22,
    end: ADDRESS.USER_END >>> 22,
  });
  return {
    guest,
    images: session.images,
    cpu: session.cpu,
    nameOf: (address) => session.nameOf(address),
    lineAt: (address) => session.lineAt(address),
  };
}
