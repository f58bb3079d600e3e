// The Multiboot load plan (src/kernel/multiboot.ts) over the real kernel image built by NASM.

import * as assert from 'node:assert/strict';
import { MULTIBOOT } from '../../src/kernel/abi';
import { findMultibootHeader, planMultibootBoot } from '../../src/kernel/multiboot';
import { NasmBuild, missingTools } from './nasm';

function dword(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

/** Reads a dword of the planned physical memory. */
function read(plan: { loads: Array<{ address: number; bytes: Uint8Array }> }, address: number): number {
  for (const l of plan.loads) {
    if (address >= l.address && address + 4 <= l.address + l.bytes.length) return dword(l.bytes, address - l.address);
  }
  throw new Error(`nothing planned at 0x${address.toString(16)}`);
}

function readString(plan: { loads: Array<{ address: number; bytes: Uint8Array }> }, address: number): string {
  const load = plan.loads.find((l) => address >= l.address && address < l.address + l.bytes.length)!;
  let s = '';
  for (let i = address - load.address; load.bytes[i] !== 0; i++) s += String.fromCharCode(load.bytes[i]);
  return s;
}

describe('Multiboot load plan', () => {
  let kernel: Uint8Array;

  before(function () {
    if (missingTools()) this.skip();
    kernel = new NasmBuild().kernel();
  });

  it('finds the header in the first 8 KiB and loads the flat image at 1 MiB with its bss cleared', () => {
    assert.ok(findMultibootHeader(kernel)! < 8192);
    const result = planMultibootBoot({ kernel, modules: [], cmdline: '', memoryBytes: 64 << 20 });
    assert.ok(result.ok, result.ok ? '' : result.error);
    const { plan } = result;
    assert.equal(plan.header.loadAddress, MULTIBOOT.KERNEL_LOAD);
    assert.equal(plan.loads[0].bytes.length, kernel.length);
    assert.ok(plan.entry > plan.header.loadAddress && plan.entry < plan.header.loadEnd);
    assert.deepEqual(plan.zero, [{ address: plan.header.loadEnd, length: plan.header.bssEnd - plan.header.loadEnd }]);
    assert.equal(plan.eax, MULTIBOOT.BOOT_MAGIC);
  });

  it('puts modules on page boundaries after the bss and describes them in the information structure', () => {
    const program = new Uint8Array(5000).fill(0xcc);
    const result = planMultibootBoot({
      kernel,
      modules: [{ bytes: program, string: 'program.bin' }],
      cmdline: 'k.bin mechanism=int',
      memoryBytes: 64 << 20,
    });
    assert.ok(result.ok);
    const { plan } = result;
    const mbi = plan.ebx;
    assert.equal(read(plan, mbi + MULTIBOOT.INFO_FLAGS) & MULTIBOOT.INFO_FLAG_MODS, MULTIBOOT.INFO_FLAG_MODS);
    assert.equal(read(plan, mbi + MULTIBOOT.INFO_MEM_UPPER), (64 << 10) - 1024);
    assert.equal(readString(plan, read(plan, mbi + MULTIBOOT.INFO_CMDLINE)), 'k.bin mechanism=int');
    assert.equal(read(plan, mbi + MULTIBOOT.INFO_MODS_COUNT), 1);
    const mods = read(plan, mbi + MULTIBOOT.INFO_MODS_ADDR);
    const start = read(plan, mods + MULTIBOOT.MOD_START);
    assert.equal(start % 0x1000, 0);
    assert.ok(start >= plan.header.bssEnd);
    assert.equal(read(plan, mods + MULTIBOOT.MOD_END) - start, 5000);
    assert.equal(readString(plan, read(plan, mods + MULTIBOOT.MOD_STRING)), 'program.bin');
    assert.ok(mbi >= start + 5000);
  });

  it('refuses images without a valid header, and memory too small for them', () => {
    const broken = kernel.slice();
    const at = findMultibootHeader(broken)!;
    broken[at + 8] ^= 1;
    const noHeader = planMultibootBoot({ kernel: broken, modules: [], cmdline: '', memoryBytes: 64 << 20 });
    assert.equal(noHeader.ok, false);
    const small = planMultibootBoot({
      kernel,
      modules: [{ bytes: new Uint8Array(4 << 20), string: 'big' }],
      cmdline: '',
      memoryBytes: 2 << 20,
    });
    assert.equal(small.ok, false);
  });
});
