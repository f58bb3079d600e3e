// Guest memory as the debugger sees it: linear addresses translated through the current page
// tables without touching the TLB or the accessed/dirty bits (a debugger must not change what
// it looks at). Unmapped pages and addresses past the end of RAM are unreadable, not zeros.
// A process of the kernel that is not running keeps its user page-directory entries in a page
// of its own (linux_fork.asm): its memory is seen through those for user addresses.

import type { Cpu } from '../emulator';
import type { PhysicalMemory } from '../emulator';

const CR0_PG = 0x80000000;
const CR4_PSE = 0x10;

export interface PageTranslation {
  physical: number;
  writable: boolean;
  user: boolean;
  /** 4096 or 4 MiB */
  pageSize: number;
}

/** Page-directory entries of user space [first, end) taken from the page at `directory`. */
export interface UserDirectory {
  directory: number;
  first: number;
  end: number;
}

/**
 * SDM Vol.3 4.3 (32-bit paging): CR3 -> page directory entry (bits 31:22) -> page table entry
 * (bits 21:12); a PDE with PS=1 maps a 4 MiB page when CR4.PSE=1. Undefined when not present.
 * With `user`, the PDEs of user space come from that directory page instead of CR3's.
 */
export function translateLinear(
  cpu: Cpu,
  memory: PhysicalMemory,
  linear: number,
  user?: UserDirectory,
): PageTranslation | undefined {
  linear >>>= 0;
  if (((cpu.cr0 >>> 0) & CR0_PG) === 0) return { physical: linear, writable: true, user: true, pageSize: 4096 };
  const index = linear >>> 22;
  const directory = user && index >= user.first && index < user.end ? user.directory : (cpu.cr3 & 0xfffff000) >>> 0;
  const pdeAddr = directory + index * 4;
  if (pdeAddr + 3 >= memory.size) return undefined;
  const pde = memory.read32(pdeAddr);
  if ((pde & 1) === 0) return undefined;
  if ((pde & 0x80) !== 0 && (cpu.cr4 & CR4_PSE) !== 0) {
    return {
      physical: ((pde & 0xffc00000) >>> 0) + (linear & 0x3fffff),
      writable: (pde & 2) !== 0,
      user: (pde & 4) !== 0,
      pageSize: 0x400000,
    };
  }
  const pteAddr = ((pde & 0xfffff000) >>> 0) + ((linear >>> 12) & 0x3ff) * 4;
  if (pteAddr + 3 >= memory.size) return undefined;
  const pte = memory.read32(pteAddr);
  if ((pte & 1) === 0) return undefined;
  return {
    physical: ((pte & 0xfffff000) >>> 0) + (linear & 0xfff),
    writable: (pde & pte & 2) !== 0,
    user: (pde & pte & 4) !== 0,
    pageSize: 4096,
  };
}

export class GuestMemory {
  constructor(
    private readonly cpu: Cpu,
    private readonly memory: PhysicalMemory,
    private readonly user?: UserDirectory,
  ) {}

  /** The same memory with user space as the process whose PDEs are in `user.directory` sees it. */
  withUserDirectory(user: UserDirectory): GuestMemory {
    return new GuestMemory(this.cpu, this.memory, user);
  }

  /** Physical address of a linear byte, or undefined when unmapped or outside RAM. */
  physical(linear: number): number | undefined {
    const t = translateLinear(this.cpu, this.memory, linear, this.user);
    return t && t.physical < this.memory.size ? t.physical : undefined;
  }

  /**
   * Reads up to `length` bytes from `linear`. Returns the readable prefix: a read that runs
   * into an unmapped page stops there (DAP readMemory reports the rest as unreadable).
   */
  read(linear: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const addr = (linear + done) >>> 0;
      const p = this.physical(addr);
      if (p === undefined) break;
      const inPage = Math.min(length - done, 4096 - (addr & 0xfff), this.memory.size - p);
      out.set(this.memory.u8.subarray(p, p + inPage), done);
      done += inPage;
      if (addr + inPage > 0xffffffff) break;
    }
    return out.subarray(0, done);
  }

  /** Little-endian value of 1, 2 or 4 bytes, undefined when any byte is unreadable. */
  readValue(linear: number, size: 1 | 2 | 4): number | undefined {
    const b = this.read(linear, size);
    if (b.length < size) return undefined;
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + b[i];
    return v;
  }

  /**
   * Writes bytes through the page tables (ignoring the R/W bit: the debugger may patch
   * read-only pages). Returns how many bytes were written before an unmapped page.
   */
  write(linear: number, bytes: Uint8Array): number {
    let done = 0;
    while (done < bytes.length) {
      const addr = (linear + done) >>> 0;
      const p = this.physical(addr);
      if (p === undefined) break;
      const inPage = Math.min(bytes.length - done, 4096 - (addr & 0xfff), this.memory.size - p);
      // Through load(), so the CPU drops decoded instructions of a rewritten code page.
      this.memory.load(bytes.subarray(done, done + inPage), p);
      done += inPage;
    }
    return done;
  }

  writeValue(linear: number, size: 1 | 2 | 4, value: number): boolean {
    const b = new Uint8Array(size);
    for (let i = 0; i < size; i++) b[i] = (value >>> (8 * i)) & 0xff;
    return this.write(linear, b) === size;
  }
}
