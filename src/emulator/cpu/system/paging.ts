// Paging (SDM Vol.3 chapter 4, 32-bit paging): two-level tables from CR3, U/S and R/W
// checks, CR0.WP on the 486 and later, accessed and dirty bits, #PF with CR2 and an error
// code, and 4 MiB pages when CR4.PSE is set on models with 'pse'.
//
// The TLB is a translation cache indexed by linear page number: one Int32Array entry per
// 4 KiB linear page holding the physical page address and which accesses it allows without
// a walk. Like the processor's TLB it is NOT kept coherent with the page tables: a change to
// a PTE is seen only after a flush (CR3 write, INVLPG, or a CR0/CR4 paging-mode change;
// SDM Vol.3 4.10.4).

import type { Cpu } from '../cpu';
import { CR0_WP } from '../constants';
import { Vector } from '../exceptions';

/** TLB entry bits: which accesses the cached translation allows with no walk. */
export const TLB_SUP_READ = 1;
export const TLB_SUP_WRITE = 2;
export const TLB_USER_READ = 4;
export const TLB_USER_WRITE = 8;
/** Set when the translation came from a 4 MiB page (INVLPG then flushes everything). */
const TLB_LARGE = 16;

const PTE_P = 1,
  PTE_RW = 2,
  PTE_US = 4,
  PTE_A = 0x20,
  PTE_D = 0x40,
  PDE_PS = 0x80;
const CR4_PSE = 0x10;

/** #PF error code bits (SDM Vol.3 4.7, Figure 4-12). */
const PF_PROTECTION = 1,
  PF_WRITE = 2,
  PF_USER = 4;

/** Flushes beyond this many filled entries clear the whole array instead of the list. */
const FILLED_LIST_MAX = 4096;

export class Tlb {
  /** Physical page address | TLB_* bits, 0 = no translation cached. Indexed by linear page. */
  readonly entries = new Int32Array(1 << 20);
  private readonly filled = new Int32Array(FILLED_LIST_MAX);
  private filledCount = 0;
  private overflowed = false;

  fill(page: number, value: number): void {
    if (this.entries[page] === 0) {
      if (this.filledCount < FILLED_LIST_MAX) this.filled[this.filledCount++] = page;
      else this.overflowed = true;
    }
    this.entries[page] = value;
  }

  flushAll(): void {
    if (this.overflowed) this.entries.fill(0);
    else for (let i = 0; i < this.filledCount; i++) this.entries[this.filled[i]] = 0;
    this.filledCount = 0;
    this.overflowed = false;
  }

  /** INVLPG: the page holding `linear` (SDM Vol.2 INVLPG); a 4 MiB page's entries go too. */
  flushPage(linear: number): void {
    const e = this.entries[linear >>> 12];
    if (e & TLB_LARGE) this.flushAll();
    else this.entries[linear >>> 12] = 0;
  }
}

/**
 * Walks the tables for `linear` and caches the translation; faults #PF (CR2 = linear) when
 * the access is not allowed. `user`: a CPL 3 access; `write`: a store. Returns the physical
 * address.
 */
export function walk(cpu: Cpu, linear: number, write: boolean, user: boolean): number {
  const mem = cpu.memory;
  const pdeAddr = ((cpu.cr3 & 0xfffff000) | ((linear >>> 22) << 2)) >>> 0;
  const pde = mem.read32(pdeAddr);
  const errorBase = (write ? PF_WRITE : 0) | (user ? PF_USER : 0);
  if ((pde & PTE_P) === 0) pageFault(cpu, linear, errorBase);
  const wp = (cpu.cr0 & CR0_WP) !== 0;
  if ((pde & PDE_PS) !== 0 && (cpu.cr4 & CR4_PSE) !== 0) {
    // SDM Vol.3 4.3: a 4 MiB page; its PDE is the only level and holds A and D.
    const rights = pde & (PTE_RW | PTE_US);
    checkRights(cpu, linear, rights, write, user, wp, errorBase);
    const updated = pde | PTE_A | (write ? PTE_D : 0);
    if (updated !== pde) mem.write32(pdeAddr, updated);
    const phys = ((pde & 0xffc00000) | (linear & 0x3ff000)) >>> 0;
    cpu.tlb.fill(linear >>> 12, phys | entryBits(rights, (updated & PTE_D) !== 0, wp) | TLB_LARGE);
    return (phys | (linear & 0xfff)) >>> 0;
  }
  const pteAddr = ((pde & 0xfffff000) | (((linear >>> 12) & 0x3ff) << 2)) >>> 0;
  const pte = mem.read32(pteAddr);
  if ((pte & PTE_P) === 0) pageFault(cpu, linear, errorBase);
  // SDM Vol.3 4.6.1: the combined rights are the stricter of PDE and PTE.
  const rights = pde & pte & (PTE_RW | PTE_US);
  checkRights(cpu, linear, rights, write, user, wp, errorBase);
  if ((pde & PTE_A) === 0) mem.write32(pdeAddr, pde | PTE_A);
  const updated = pte | PTE_A | (write ? PTE_D : 0);
  if (updated !== pte) mem.write32(pteAddr, updated);
  const phys = (pte & 0xfffff000) >>> 0;
  cpu.tlb.fill(linear >>> 12, phys | entryBits(rights, (updated & PTE_D) !== 0, wp) | 0);
  return (phys | (linear & 0xfff)) >>> 0;
}

/**
 * The translation of linear page `page` for an instruction fetch at the current privilege,
 * cached as a fetch would cache it, when that walk would neither fault nor write to memory (the
 * entries present, the fetch allowed, their accessed bits already set); otherwise -1 and nothing
 * changes. The processor may cache translations for prefetches and for accesses the executed path
 * never makes (SDM Vol.3 4.10.2.3), so a compiled region spanning several pages (jit/region.ts)
 * may refill the entries a TLB flush took, when it is entered, instead of waiting for the
 * interpreter to fetch from each page again. Returns the physical page address.
 */
export function prefetchTranslation(cpu: Cpu, page: number): number {
  const mem = cpu.memory;
  const linear = page << 12;
  const user = cpu.cpl === 3;
  const pdeAddr = ((cpu.cr3 & 0xfffff000) | ((linear >>> 22) << 2)) >>> 0;
  if (pdeAddr + 4 > mem.size) return -1;
  const pde = mem.read32(pdeAddr);
  const usable = (e: number) => (e & (PTE_P | PTE_A)) === (PTE_P | PTE_A) && (!user || (e & PTE_US) !== 0);
  if (!usable(pde)) return -1;
  if ((pde & PDE_PS) === 0 || (cpu.cr4 & CR4_PSE) === 0) {
    const pteAddr = ((pde & 0xfffff000) | (((linear >>> 12) & 0x3ff) << 2)) >>> 0;
    if (pteAddr + 4 > mem.size || !usable(mem.read32(pteAddr))) return -1;
  }
  return walk(cpu, linear, false, user) & -4096;
}

/** SDM Vol.3 4.6: user accesses need U/S=1 (and R/W=1 to write); supervisor writes need R/W=1 when WP=1. */
function checkRights(
  cpu: Cpu,
  linear: number,
  rights: number,
  write: boolean,
  user: boolean,
  wp: boolean,
  errorBase: number,
): void {
  if (user) {
    if ((rights & PTE_US) === 0 || (write && (rights & PTE_RW) === 0))
      pageFault(cpu, linear, errorBase | PF_PROTECTION);
  } else if (write && wp && (rights & PTE_RW) === 0) {
    pageFault(cpu, linear, errorBase | PF_PROTECTION);
  }
}

/** Which accesses may skip the walk: writes only once the dirty bit is set. */
function entryBits(rights: number, dirty: boolean, wp: boolean): number {
  let bits = TLB_SUP_READ;
  const writable = (rights & PTE_RW) !== 0;
  if (dirty && (writable || !wp)) bits |= TLB_SUP_WRITE;
  if (rights & PTE_US) {
    bits |= TLB_USER_READ;
    if (dirty && writable) bits |= TLB_USER_WRITE;
  }
  return bits;
}

function pageFault(cpu: Cpu, linear: number, errorCode: number): never {
  cpu.cr2BeforeFault = cpu.cr2;
  cpu.cr2 = linear | 0;
  return cpu.raiseException(Vector.PF, errorCode);
}
