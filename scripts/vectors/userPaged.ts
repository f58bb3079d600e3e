// The second replay mode of the golden vectors : the same instruction at CPL 3 with
// paging on, as the host recorded it under Linux. Flat DPL3 segments, and page tables that
// identity-map the first 16 MiB with user, writable 4 KiB pages (SDM Vol.3 4.3).

import type { Machine } from '../../src/emulator/machine';
import { CR0_PG, CS } from '../../src/emulator/cpu/cpu';

/** Page directory and tables live here, above every vector's memory window. */
const PAGE_DIRECTORY = 0xf00000;
const MAPPED_BYTES = 16 * 1024 * 1024;

/** Rewrites the page tables (a vector may not touch them, but A/D bits change) and enters CPL 3. */
export function enterUserPaged(machine: Machine): void {
  const memory = machine.memory;
  const cpu = machine.cpu;
  const tables = MAPPED_BYTES >>> 22;
  for (let i = 0; i < 1024; i++) memory.write32(PAGE_DIRECTORY + i * 4, 0);
  for (let t = 0; t < tables; t++) {
    const table = PAGE_DIRECTORY + 0x1000 * (t + 1);
    memory.write32(PAGE_DIRECTORY + t * 4, table | 7);
    for (let i = 0; i < 1024; i++) memory.write32(table + i * 4, ((t << 22) | (i << 12) | 7) >>> 0);
  }
  cpu.cr3 = PAGE_DIRECTORY;
  cpu.cr0 |= CR0_PG;
  cpu.flushTranslation();
  // setFlat32 left DPL0 caches; the same flat segments at DPL3 with RPL3 selectors.
  for (let s = 0; s < 6; s++) {
    cpu.setSegmentCache(s, (s === CS ? 0x18 : 0x20) | 3, 0, 0xffffffff, cpu.segAttr[s] | (3 << 13));
  }
  cpu.cpl = 3;
}
