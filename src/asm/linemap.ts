// Address <-> source line map for the debugger: which line produced the byte at an address,
// and which addresses a line produced (breakpoints by line).

export interface LineMapEntry {
  /** Absolute address (bin) or section offset (elf32) of the first byte. */
  address: number;
  length: number;
  file: string;
  line: number;
  section: string;
  /** Instruction bytes or data: a debugger sets line breakpoints on code only. */
  kind: 'code' | 'data';
}

export class LineMap {
  /** Entries sorted by address. */
  readonly entries: readonly LineMapEntry[];
  /** file -> line -> start addresses, built on the first line query. */
  private byLine: Map<string, Map<number, number[]>> | undefined;

  constructor(entries: LineMapEntry[]) {
    let sorted = true;
    for (let i = 1; i < entries.length && sorted; i++) if (entries[i].address < entries[i - 1].address) sorted = false;
    this.entries = sorted ? entries : [...entries].sort((a, b) => a.address - b.address);
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
    if (!this.byLine) {
      this.byLine = new Map();
      for (const e of this.entries) {
        let lines = this.byLine.get(e.file);
        if (!lines) this.byLine.set(e.file, (lines = new Map()));
        let list = lines.get(e.line);
        if (!list) lines.set(e.line, (list = []));
        list.push(e.address);
      }
    }
    return this.byLine.get(file)?.get(line) ?? [];
  }
}
