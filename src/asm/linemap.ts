// Address <-> source line map for the debugger: which line produced the byte at an address,
// and which addresses a line produced (breakpoints by line).

export interface LineMapEntry {
  /** Absolute address (bin) or section offset (elf32) of the first byte. */
  address: number;
  length: number;
  file: string;
  line: number;
  section: string;
}

export class LineMap {
  /** Entries sorted by address. */
  readonly entries: readonly LineMapEntry[];
  private readonly byLine = new Map<string, number[]>();

  constructor(entries: LineMapEntry[]) {
    this.entries = [...entries].sort((a, b) => a.address - b.address);
    for (const e of this.entries) {
      const key = `${e.file}\u0000${e.line}`;
      let list = this.byLine.get(key);
      if (!list) this.byLine.set(key, (list = []));
      list.push(e.address);
    }
  }

  /** The source line whose bytes include `address`. */
  lineAt(address: number): { file: string; line: number } | undefined {
    let lo = 0;
    let hi = this.entries.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = this.entries[mid];
      if (address < e.address) hi = mid - 1;
      else if (address >= e.address + e.length) lo = mid + 1;
      else return { file: e.file, line: e.line };
    }
    return undefined;
  }

  /** Start addresses of the code or data a line produced (several for macros and %rep). */
  addressesOf(file: string, line: number): number[] {
    return this.byLine.get(`${file}\u0000${line}`) ?? [];
  }
}
