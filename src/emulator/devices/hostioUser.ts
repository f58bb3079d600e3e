// The host I/O device's view of guest memory: user linear addresses through the running
// program's page tables (the device is handed CR3 with each request). No Node API.
import type { PhysicalMemory } from '../memory';

const PAGE = 4096;
const PTE_P = 1;
const PTE_W = 2;
const PTE_U = 4;
const PDE_PS = 0x80;
const PATH_MAX = 4096;

export class UserMemory {
  /** The physical address of the page directory the current request's addresses go through. */
  pageDirectory = 0;
  /** The physical runs (address, length pairs) the last mapRange found. */
  runs: number[] = [];
  /** The first copy-on-write page a store was refused on since the last request began, or -1. */
  copyOnWrite = -1;

  /** `cowBit`: the PTE bit of a copy-on-write page (its frame is shared; only the kernel copies it). */
  constructor(
    private readonly memory: PhysicalMemory,
    private readonly cowBit: number,
  ) {}

  /** The physical address of a user linear address, or -1 (not present, not user, read-only for a store). */
  translate(linear: number, store: boolean): number {
    const need = PTE_P | PTE_U | (store ? PTE_W : 0);
    const pde = this.memory.read32(this.pageDirectory + (linear >>> 22) * 4);
    if ((pde & need) !== need || (pde & PDE_PS) !== 0) return -1;
    const pte = this.memory.read32((pde & ~(PAGE - 1)) + ((linear >>> 12) & 0x3ff) * 4);
    if ((pte & need) !== need) {
      if (store && this.copyOnWrite < 0 && (pte & (PTE_P | PTE_U | this.cowBit)) === (PTE_P | PTE_U | this.cowBit))
        this.copyOnWrite = (linear & ~(PAGE - 1)) >>> 0;
      return -1;
    }
    const physical = ((pte & ~(PAGE - 1)) >>> 0) + (linear & (PAGE - 1));
    return physical < this.memory.size ? physical : -1;
  }

  /** Fills `runs` with the physical runs of [linear, linear + length); false on a bad page. */
  mapRange(linear: number, length: number, store: boolean): boolean {
    this.runs = [];
    if (linear + length > 0x100000000) return false;
    let at = linear;
    let left = length;
    while (left > 0) {
      const physical = this.translate(at >>> 0, store);
      if (physical < 0) return false;
      const n = Math.min(left, PAGE - (at & (PAGE - 1)));
      const r = this.runs;
      if (r.length > 0 && r[r.length - 2] + r[r.length - 1] === physical) r[r.length - 1] += n;
      else r.push(physical, n);
      at += n;
      left -= n;
    }
    return true;
  }

  /** Runs a request: -EFAULT after a store was refused on a copy-on-write page becomes
   *  [-COPY_ON_WRITE, the page], for the kernel to copy the page and ask again. */
  request(
    run: () => number | [number, number],
    efault: number,
    protocol: { COPY_ON_WRITE: number },
  ): number | [number, number] {
    this.copyOnWrite = -1;
    const result = run();
    return result === -efault && this.copyOnWrite >= 0 ? [-protocol.COPY_ON_WRITE, this.copyOnWrite] : result;
  }

  /** A copy of user memory, or undefined on a bad page. */
  read(linear: number, length: number): Uint8Array | undefined {
    if (!this.mapRange(linear, length, false)) return undefined;
    const out = new Uint8Array(length);
    let o = 0;
    for (let i = 0; i < this.runs.length; i += 2) {
      out.set(this.memory.u8.subarray(this.runs[i], this.runs[i] + this.runs[i + 1]), o);
      o += this.runs[i + 1];
    }
    return out;
  }

  write(linear: number, bytes: Uint8Array): boolean {
    if (!this.mapRange(linear, bytes.length, true)) return false;
    let o = 0;
    for (let i = 0; i < this.runs.length; i += 2) {
      this.memory.load(bytes.subarray(o, o + this.runs[i + 1]), this.runs[i]);
      o += this.runs[i + 1];
    }
    return true;
  }

  /** A NUL-terminated user string (a path), or -errno. */
  readPath(linear: number, errno: { EFAULT: number; ENAMETOOLONG: number }): string | number {
    const bytes: number[] = [];
    for (let at = linear; bytes.length < PATH_MAX; at++) {
      const physical = this.translate(at >>> 0, false);
      if (physical < 0) return -errno.EFAULT;
      const b = this.memory.u8[physical];
      if (b === 0) return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
      bytes.push(b);
    }
    return -errno.ENAMETOOLONG;
  }
}
