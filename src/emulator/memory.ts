// Physical memory: one ArrayBuffer with byte and aligned-dword views. Little-endian like the
// i386. Addresses are physical (unsigned 32-bit); outside RAM, reads see an open bus (all
// ones) and writes are dropped, as on a PC with nothing decoding those addresses. The last
// 64 KiB below 1 MiB (the BIOS ROM area) is also seen, read-only, in the last 64 KiB below
// 4 GiB, where the first instruction after reset is fetched (SDM Vol.3 9.1.4).

export const PAGE_SIZE = 4096;
/** Physical FFFF0000..FFFFFFFF read as F0000..FFFFF (the PC's ROM alias at the top of 4 GiB). */
const ROM_ALIAS_START = 0xffff0000;
const ROM_ALIAS_DELTA = 0xffff0000 - 0xf0000;

export class PhysicalMemory {
  readonly size: number;
  readonly u8: Uint8Array;
  /** Aligned dword view, used when an access does not straddle a dword. */
  readonly u32: Uint32Array;
  /** Aligned word view (compiled regions' 16-bit accesses). */
  readonly u16: Uint16Array;
  /**
   * Called with the physical page number and byte address after a write changed a byte of a
   * page marked in `codePages` (address -1 when a whole range changed, e.g. by `load`): the
   * CPU drops the decoded instructions the write changed (self-modifying code). A store of
   * the value already there changes nothing and is not reported.
   */
  onCodeWrite: (page: number, addr: number) => void = () => undefined;
  /** Pages holding decoded instructions (1 = watched). Indexed by physical page number. */
  readonly codePages: Uint8Array;

  /**
   * `shared`: the RAM is a SharedArrayBuffer (where the host has one), which V8 does not count
   * as external memory. An ArrayBuffer of 64 MiB or more starts a garbage collection the moment
   * it is allocated (about 8 ms of `i386-lab run hello`'s 256 MiB); a SharedArrayBuffer does
   * not, and nothing reclaims it early either, so it suits a machine that lives as long as its
   * process. The views and what the machine does with them are the same.
   */
  constructor(sizeBytes: number = 16 * 1024 * 1024, shared = false) {
    if (!Number.isInteger(sizeBytes) || sizeBytes <= 0 || sizeBytes % PAGE_SIZE !== 0 || sizeBytes > 0xfffff000) {
      throw new RangeError(`memory size must be a positive multiple of 4 KiB below 4 GiB, got ${sizeBytes}`);
    }
    this.size = sizeBytes;
    const buffer =
      shared && typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(sizeBytes) : new ArrayBuffer(sizeBytes);
    this.u8 = new Uint8Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.u16 = new Uint16Array(buffer);
    this.codePages = new Uint8Array(sizeBytes / PAGE_SIZE);
  }

  read8(addr: number): number {
    addr >>>= 0;
    if (addr < this.size) return this.u8[addr];
    if (addr >= ROM_ALIAS_START && addr - ROM_ALIAS_DELTA < this.size) return this.u8[addr - ROM_ALIAS_DELTA];
    return 0xff;
  }

  read16(addr: number): number {
    addr >>>= 0;
    if (addr + 1 < this.size) return this.u8[addr] | (this.u8[addr + 1] << 8);
    return this.read8(addr) | (this.read8(addr + 1) << 8);
  }

  read32(addr: number): number {
    addr >>>= 0;
    if ((addr & 3) === 0 && addr < this.size) return this.u32[addr >>> 2];
    if (addr + 3 < this.size) {
      const m = this.u8;
      return (m[addr] | (m[addr + 1] << 8) | (m[addr + 2] << 16) | (m[addr + 3] << 24)) >>> 0;
    }
    return (this.read16(addr) | (this.read16(addr + 2) << 16)) >>> 0;
  }

  write8(addr: number, value: number): void {
    addr >>>= 0;
    if (addr >= this.size) return;
    if (this.codePages[addr >>> 12] !== 0) this.writeCode(addr, value, 1);
    else this.u8[addr] = value;
  }

  write16(addr: number, value: number): void {
    addr >>>= 0;
    if (addr + 1 < this.size && this.codePages[addr >>> 12] === 0 && this.codePages[(addr + 1) >>> 12] === 0) {
      this.u8[addr] = value;
      this.u8[addr + 1] = value >> 8;
      return;
    }
    this.writeCode(addr, value, 2);
  }

  write32(addr: number, value: number): void {
    addr >>>= 0;
    if (addr + 3 < this.size && this.codePages[addr >>> 12] === 0 && this.codePages[(addr + 3) >>> 12] === 0) {
      if ((addr & 3) === 0) {
        this.u32[addr >>> 2] = value;
      } else {
        const m = this.u8;
        m[addr] = value;
        m[addr + 1] = value >> 8;
        m[addr + 2] = value >> 16;
        m[addr + 3] = value >> 24;
      }
      return;
    }
    this.writeCode(addr, value, 4);
  }

  /**
   * A write of `length` bytes that may touch a marked page (or run past the end of RAM, where
   * the bytes are dropped): each byte it changes in a marked page is reported to onCodeWrite.
   */
  private writeCode(addr: number, value: number, length: number): void {
    const m = this.u8;
    for (let i = 0; i < length; i++) {
      const at = addr + i;
      if (at >= this.size) return;
      const byte = (value >>> (8 * i)) & 0xff;
      if (m[at] === byte) continue;
      m[at] = byte;
      if (this.codePages[at >>> 12] !== 0) this.onCodeWrite(at >>> 12, at);
    }
  }

  /** Copies an image into RAM (the part that fits); marks touched code pages stale. */
  load(bytes: Uint8Array, addr: number): void {
    addr >>>= 0;
    if (addr >= this.size) return;
    const n = Math.min(bytes.length, this.size - addr);
    this.u8.set(bytes.subarray(0, n), addr);
    for (let page = addr >>> 12; page <= (addr + n - 1) >>> 12 && n > 0; page++) {
      if (this.codePages[page] !== 0) this.onCodeWrite(page, -1);
    }
  }
}
