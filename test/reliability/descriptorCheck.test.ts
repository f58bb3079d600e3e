// The syscall harness's descriptor invariant (scripts/fuzz/descriptorCheck.ts) can fail: on a
// kernel run where a program installed a TLS descriptor with set_thread_area, it holds; a
// ring-0 code descriptor or a call gate written into that GDT entry (as a broken kernel would
// write it) is reported, and so is code at CPL 3 whose CS has DPL 0.
import * as assert from 'node:assert/strict';
import { descriptorInvariant } from '../../scripts/fuzz/descriptorCheck';
import { buildKernel, KernelRun } from '../../src/cli/kernelRun';
import { assembleProgram } from '../../src/kernel/build';
import { GuestMemory } from '../../src/debugcore/guestMemory';
import { CS, GS, dplOf } from '../../src/emulator';
import { LINUX_CALLS } from '../../src/kernel/abi';

const PROGRAM = [
  'bits 32',
  '%include "abi.inc"',
  'org ADDR_FLAT_LOAD',
  '    mov eax, SYS_SET_THREAD_AREA_LINUX',
  '    mov ebx, desc',
  '    int 0x80',
  '    mov eax, [desc]',
  '    shl eax, 3',
  '    or eax, 3',
  '    mov gs, ax',
  'spin: jmp spin',
  // entry -1 (allocate), base 0, limit 0xfffff pages, seg_32bit | limit_in_pages | useable
  'desc dd -1, 0, 0xfffff, 0x51',
].join('\n');

describe('the syscall harness descriptor invariant', () => {
  function booted(): KernelRun {
    const source = PROGRAM.replace('SYS_SET_THREAD_AREA_LINUX', String(LINUX_CALLS.SYS_SET_THREAD_AREA));
    const r = assembleProgram(source, 'tls.asm', () => undefined);
    assert.ok(r.ok && r.bytes, r.diagnostics.map((d) => d.message).join('; '));
    const kernel = buildKernel();
    assert.ok(kernel.ok);
    const run = KernelRun.boot(
      kernel.value,
      { name: 'tls', bytes: r.bytes, symbols: new Map() },
      { model: 'pentium-ii', mechanism: 'auto', discovery: 'lock-nop', seed: 1 },
    );
    assert.ok(typeof run !== 'string', String(run));
    const end = run.runFast(3_000_000);
    assert.equal(end.kind, 'limit', 'the program spins after loading GS');
    return run;
  }

  /** Writes the 8-byte descriptor (low, high) into the GDT entry `entry` through guest memory. */
  function writeGdt(run: KernelRun, entry: number, low: number, high: number): void {
    const cpu = run.machine.cpu;
    const at = new GuestMemory(cpu, run.machine.memory).physical((cpu.gdtBase + entry * 8) >>> 0);
    assert.ok(at !== undefined);
    run.machine.memory.write32(at, low);
    run.machine.memory.write32(at + 4, high);
  }

  it('holds after set_thread_area and a GS load, and reports a DPL 0 code descriptor or a call gate put there', () => {
    const run = booted();
    assert.equal(descriptorInvariant(run), undefined);
    const cpu = run.machine.cpu;
    const entry = cpu.segSelector[GS] >> 3;
    assert.ok(entry >= LINUX_CALLS.TLS_ENTRY_MIN, `GS selector 0x${cpu.segSelector[GS].toString(16)}`);
    // SDM Vol.3 3.4.5: high dword P=1 DPL=0 S=1 type 0xA (code, readable), G and D set.
    writeGdt(run, entry, 0x0000ffff, 0x00cf9a00);
    assert.match(descriptorInvariant(run) ?? '', /DPL 0/);
    // A 32-bit call gate (S=0, type 0xC), DPL 3: user code could call through it into ring 0.
    writeGdt(run, entry, 0x00080000, 0x0000ec00);
    assert.match(descriptorInvariant(run) ?? '', /system descriptor/);
    writeGdt(run, entry, 0, 0);
    assert.equal(descriptorInvariant(run), undefined);
  });

  it('reports user code running with a CS of DPL 0', () => {
    const run = booted();
    const cpu = run.machine.cpu;
    assert.equal(cpu.cpl, 3);
    assert.equal(dplOf(cpu.segAttr[CS]), 3);
    // The cache's attribute word has the descriptor high dword's layout: DPL in bits 13-14 (SDM Vol.3 3.4.5).
    cpu.segAttr[CS] &= ~(3 << 13);
    assert.match(descriptorInvariant(run) ?? '', /CS has DPL 0 at CPL 3/);
  });
});
