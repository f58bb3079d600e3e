// What a Multiboot (v1) loader does, as a plan a machine can carry out: which bytes go where
// in physical memory, and the registers at the kernel's entry. The plan follows the
// Multiboot Specification 0.6.96 and places things the way QEMU's `-kernel` loader does
// (kernel at its load address, modules on the following page boundaries, then the
// information structure and its strings), so the kernel sees the same layout on QEMU and
// on our emulator. Pure: no Node, no emulator imports.

import { MULTIBOOT } from './abi';

export interface MultibootModule {
  bytes: Uint8Array;
  /** The module's string (QEMU: the file name and any arguments). */
  string: string;
}

export interface MultibootRequest {
  kernel: Uint8Array;
  modules: MultibootModule[];
  /** The kernel command line as the kernel sees it (boot options). */
  cmdline: string;
  /** Size of RAM in bytes (at least 2 MiB). */
  memoryBytes: number;
}

export interface MultibootPlan {
  /** Byte blocks to copy into physical memory. */
  loads: Array<{ address: number; bytes: Uint8Array }>;
  /** Ranges to clear (the kernel's bss). */
  zero: Array<{ address: number; length: number }>;
  entry: number;
  /** EAX and EBX at entry; the rest of the CPU state is the Multiboot machine state. */
  eax: number;
  ebx: number;
  /** Where the first free byte after everything the loader placed is. */
  end: number;
  header: { loadAddress: number; loadEnd: number; bssEnd: number; entry: number };
  modules: Array<{ start: number; end: number }>;
}

export type MultibootResult = { ok: true; plan: MultibootPlan } | { ok: false; error: string };

const HEADER_SEARCH = 8192;
const PAGE = 0x1000;
const INFO_SIZE = 88;
const MOD_ENTRY_SIZE = 16;
/** Flags the plan sets in the information structure: mem_*, cmdline, mods. */
const INFO_FLAGS = MULTIBOOT.INFO_FLAG_MEM | MULTIBOOT.INFO_FLAG_CMDLINE | MULTIBOOT.INFO_FLAG_MODS;

const pageUp = (n: number): number => Math.ceil(n / PAGE) * PAGE;

function dword(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

function putDword(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
  bytes[at + 2] = (value >>> 16) & 0xff;
  bytes[at + 3] = (value >>> 24) & 0xff;
}

function cString(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length + 1);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/** Finds the header in the first 8 KiB (4-byte aligned, magic + flags + checksum = 0). */
export function findMultibootHeader(kernel: Uint8Array): number | undefined {
  const limit = Math.min(kernel.length, HEADER_SEARCH) - 12;
  for (let at = 0; at <= limit; at += 4) {
    if (dword(kernel, at) !== MULTIBOOT.HEADER_MAGIC) continue;
    if ((dword(kernel, at) + dword(kernel, at + 4) + dword(kernel, at + 8)) >>> 0 === 0) return at;
  }
  return undefined;
}

export function planMultibootBoot(request: MultibootRequest): MultibootResult {
  const { kernel } = request;
  const at = findMultibootHeader(kernel);
  if (at === undefined) return { ok: false, error: 'no Multiboot header in the first 8 KiB of the kernel image' };
  const flags = dword(kernel, at + 4);
  if (!(flags & 0x10000))
    return { ok: false, error: 'the Multiboot header has no address fields (flag 16); ELF kernels are not supported' };
  // Bits 0-15 are requirements: a loader that cannot meet one must refuse (spec 3.1.2).
  // Bit 0 (page-aligned modules) and bit 1 (memory information) are always met here.
  const unsupported = flags & 0xfffc;
  if (unsupported)
    return { ok: false, error: `the Multiboot header asks for unsupported features (flags 0x${flags.toString(16)})` };
  const headerAddress = dword(kernel, at + 12);
  const loadAddress = dword(kernel, at + 16);
  let loadEnd = dword(kernel, at + 20);
  const bssEnd = dword(kernel, at + 24);
  const entry = dword(kernel, at + 28);
  // Spec 3.1.3: the image from file offset (header offset - (header_addr - load_addr)).
  const fileStart = at - (headerAddress - loadAddress);
  if (headerAddress < loadAddress || fileStart < 0) return { ok: false, error: 'header_addr is below load_addr' };
  if (loadEnd === 0) loadEnd = loadAddress + (kernel.length - fileStart);
  if (loadEnd < loadAddress || fileStart + (loadEnd - loadAddress) > kernel.length) {
    return { ok: false, error: 'load_end_addr lies beyond the kernel file' };
  }
  const imageEnd = bssEnd !== 0 ? Math.max(bssEnd, loadEnd) : loadEnd;
  if (entry < loadAddress || entry >= loadEnd) return { ok: false, error: 'entry_addr is outside the loaded image' };

  const loads: MultibootPlan['loads'] = [
    { address: loadAddress, bytes: kernel.subarray(fileStart, fileStart + (loadEnd - loadAddress)) },
  ];
  const zero: MultibootPlan['zero'] = imageEnd > loadEnd ? [{ address: loadEnd, length: imageEnd - loadEnd }] : [];

  let next = pageUp(imageEnd);
  const modules: MultibootPlan['modules'] = [];
  for (const module of request.modules) {
    const start = next;
    loads.push({ address: start, bytes: module.bytes });
    modules.push({ start, end: start + module.bytes.length });
    next = pageUp(start + module.bytes.length);
  }

  // The information structure, the module list and the strings, on the next page.
  const infoAddress = next;
  const modsAddress = infoAddress + INFO_SIZE;
  let stringsAddress = modsAddress + MOD_ENTRY_SIZE * modules.length;
  const info = new Uint8Array(stringsAddress - infoAddress);
  const strings: Uint8Array[] = [];
  const addString = (text: string): number => {
    const bytes = cString(text);
    const address = stringsAddress;
    strings.push(bytes);
    stringsAddress += bytes.length;
    return address;
  };
  putDword(info, MULTIBOOT.INFO_FLAGS, INFO_FLAGS);
  putDword(info, MULTIBOOT.INFO_MEM_LOWER, 640);
  putDword(info, MULTIBOOT.INFO_MEM_UPPER, Math.floor(request.memoryBytes / 1024) - 1024);
  putDword(info, MULTIBOOT.INFO_CMDLINE, addString(request.cmdline));
  putDword(info, MULTIBOOT.INFO_MODS_COUNT, modules.length);
  putDword(info, MULTIBOOT.INFO_MODS_ADDR, modsAddress);
  modules.forEach((m, i) => {
    const entryAt = INFO_SIZE + i * MOD_ENTRY_SIZE;
    putDword(info, entryAt + MULTIBOOT.MOD_START, m.start);
    putDword(info, entryAt + MULTIBOOT.MOD_END, m.end);
    putDword(info, entryAt + MULTIBOOT.MOD_STRING, addString(request.modules[i].string));
  });
  loads.push({ address: infoAddress, bytes: info });
  let stringAt = modsAddress + MOD_ENTRY_SIZE * modules.length;
  for (const s of strings) {
    loads.push({ address: stringAt, bytes: s });
    stringAt += s.length;
  }
  const end = stringAt;
  if (end > request.memoryBytes) return { ok: false, error: `the kernel and its modules need ${end} bytes of memory` };
  return {
    ok: true,
    plan: {
      loads,
      zero,
      entry,
      eax: MULTIBOOT.BOOT_MAGIC,
      ebx: infoAddress,
      end,
      header: { loadAddress, loadEnd, bssEnd, entry },
      modules,
    },
  };
}
