// debugcore over a real Machine: reverse execution lands on the exact earlier state, guest
// memory honours the page tables, descriptors decode as the SDM lays them out, ELF32 loads
// by its program headers, and the launch attributes match package.json.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { Machine } from '../../src/emulator/machine';
import { ESP } from '../../src/emulator/cpu/cpu';
import { MODELS } from '../../src/isa/models';
import { History } from '../../src/debugcore/history';
import { GuestMemory, translateLinear } from '../../src/debugcore/guestMemory';
import { decodeDescriptor } from '../../src/debugcore/descriptors';
import { describeErrorCode } from '../../src/debugcore/faults';
import { loadProgram } from '../../src/debugcore/program';
import { validateLaunch } from '../../src/debugger/launchConfig';
import { LINUX_MEMORY_MB, OTHER_MEMORY_MB } from '../../src/debugger/programLoad';

const ROOT = path.resolve(__dirname, '../../..');

/** mov ecx, 1000; l: add eax, ecx; mov [0x200000+ecx*4], eax; dec ecx; jnz l; hlt */
const LOOP = new Uint8Array([
  0xb9, 0xe8, 0x03, 0x00, 0x00, 0x01, 0xc8, 0x89, 0x04, 0x8d, 0x00, 0x00, 0x20, 0x00, 0x49, 0x75, 0xf6, 0xf4,
]);

function flatMachine(code: Uint8Array): Machine {
  const m = new Machine({ memoryBytes: 4 * 1024 * 1024 });
  m.cpu.setFlat32();
  m.memory.load(code, 0x100000);
  m.cpu.eip = 0x100000;
  m.cpu.regs[ESP] = 0x400000;
  return m;
}

function state(m: Machine): string {
  return JSON.stringify([
    [...m.cpu.regs],
    m.cpu.eip,
    m.cpu.getEflags(),
    m.cpu.instructionCount,
    [...m.memory.u8.subarray(0x200000, 0x201000)],
  ]);
}

describe('debugcore reverse-execution history', () => {
  it('restoring a snapshot and re-executing reaches the same registers, flags and memory', () => {
    const m = flatMachine(LOOP);
    const h = new History({ memory: m.memory, machine: m }, { budget: 1e9, interval: 100 });
    h.take(0);
    const seen = new Map<number, string>();
    while (m.cpu.instructionCount < 3000) {
      m.run(37);
      h.maybeTake(m.cpu.instructionCount);
      seen.set(m.cpu.instructionCount, state(m));
    }
    assert.ok(h.count > 10, 'several snapshots were taken');
    for (const target of [37, 1517, 2997]) {
      const snap = h.restoreAtOrBefore(target)!;
      assert.ok(snap.instruction <= target);
      m.run(target - m.cpu.instructionCount);
      assert.strictEqual(state(m), seen.get(target), `state after ${target} instructions`);
    }
  });

  it('copies only the pages written since the previous snapshot, and restores them', () => {
    const m = flatMachine(LOOP);
    const h = new History({ memory: m.memory, machine: m }, { budget: 1e9, interval: 1 });
    h.take(0);
    const full = h.memoryBytes();
    assert.strictEqual(full, m.memory.size);
    m.memory.write32(0x200000, 1);
    m.memory.write32(0x200004, 2);
    m.memory.write8(0x300000, 3);
    h.take(1);
    assert.strictEqual(h.memoryBytes() - full, 2 * 4096, 'two pages were written');
    m.memory.write32(0x200000, 7);
    h.restoreAtOrBefore(0);
    assert.deepStrictEqual([m.memory.read32(0x200000), m.memory.read32(0x200004), m.memory.read8(0x300000)], [0, 0, 0]);
    assert.strictEqual(h.count, 1, 'the later snapshot was dropped');
  });

  it('keeps only the budget of history', () => {
    const m = flatMachine(LOOP);
    const h = new History({ memory: m.memory, machine: m }, { budget: 500, interval: 100 });
    h.take(0);
    while (m.cpu.instructionCount < 2500) {
      m.run(100);
      h.maybeTake(m.cpu.instructionCount);
    }
    assert.ok(h.oldest! >= 2500 - 600 && h.oldest! <= 2000, `oldest snapshot ${h.oldest}`);
  });
});

describe('debugcore history memory cap', () => {
  it('drops the oldest snapshots when copied pages exceed maxBytes', () => {
    const m = flatMachine(LOOP);
    const h = new History({ memory: m.memory, machine: m }, { budget: 1e9, interval: 1, maxBytes: 8 * 4096 });
    h.take(0);
    for (let i = 1; i <= 10; i++) {
      for (let p = 0; p < 4; p++) m.memory.write32(0x200000 + p * 4096, i);
      h.take(i);
    }
    assert.strictEqual(h.count, 3, 'two snapshots of 4 written pages each fit in 8 pages, plus the base');
    assert.strictEqual(h.oldest, 8);
    h.restoreAtOrBefore(8);
    assert.strictEqual(m.memory.read32(0x203000), 8);
  });
});

describe('debugcore guest memory', () => {
  it('translates through a page directory and page table (SDM Vol.3 4.3) and reports unmapped pages', () => {
    const m = new Machine({ memoryBytes: 4 * 1024 * 1024 });
    const pd = 0x10000,
      pt = 0x11000;
    m.memory.write32(pd + 0x300 * 4, pt | 0x7); // 0xC0000000 -> page table, user rw
    m.memory.write32(pt + 5 * 4, 0x123000 | 0x5); // 0xC0005000 -> 0x123000, user read-only
    m.memory.write32(0x123010, 0xcafebabe);
    m.cpu.cr3 = pd;
    m.cpu.cr0 = m.cpu.cr0 | 0x80000001 | 0;
    const t = translateLinear(m.cpu, m.memory, 0xc0005010)!;
    assert.deepStrictEqual(t, { physical: 0x123010, writable: false, user: true, pageSize: 4096 });
    const g = new GuestMemory(m.cpu, m.memory);
    assert.strictEqual(g.readValue(0xc0005010, 4), 0xcafebabe);
    assert.strictEqual(g.readValue(0xc0006000, 4), undefined, 'PTE not present');
    assert.strictEqual(g.read(0xc0005ffc, 8).length, 4, 'a read stops at the unmapped page');
    m.memory.write32(pd + 0x301 * 4, 0x00400000 | 0x83);
    m.cpu.cr4 = 0x10;
    assert.strictEqual(translateLinear(m.cpu, m.memory, 0xc0412345)?.physical, 0x412345, '4 MiB page with CR4.PSE');
  });
});

describe('debugcore descriptors and error codes', () => {
  it('decodes a flat 32-bit code segment and a DPL3 32-bit interrupt gate', () => {
    assert.match(
      decodeDescriptor(0x0000ffff, 0x00cf9a00).summary,
      /^code 32-bit readable base=00000000 limit=ffffffff DPL0 P$/,
    );
    assert.match(decodeDescriptor(0x00081234, 0x5678ee00).summary, /32-bit interrupt gate -> 0008:56781234 DPL3 P/);
    assert.match(decodeDescriptor(0, 0).summary, /null/);
  });

  it('decodes selector and page-fault error codes', () => {
    assert.match(describeErrorCode(13, 0x0030), /selector 0x0030 \(GDT index 6\)/);
    assert.match(describeErrorCode(11, 0x0035), /selector 0x0034 \(LDT index 6\), EXT=1/);
    assert.match(describeErrorCode(13, 0x0182), /IDT vector 48/);
    assert.strictEqual(
      describeErrorCode(14, 0x7, 0x401000),
      'protection violation (P=1), write (W=1), user mode (U=1), CR2=0x00401000',
    );
  });
});

describe('debugcore program loading', () => {
  it('loads an ELF32 executable by its program headers, entry and symbols (oracle: nasm + ld)', function () {
    const dir = fs.mkdtempSync('/tmp/i386-lab-elf-');
    const src = path.join(dir, 'p.asm');
    fs.writeFileSync(
      src,
      'bits 32\nglobal _start\nsection .text\n_start: mov eax, 1\nhlt\nsection .data\nvalue: dd 0x11223344\n',
    );
    try {
      execFileSync('nasm', ['-f', 'elf32', src, '-o', path.join(dir, 'p.o')]);
      execFileSync('ld', ['-m', 'elf_i386', '-Ttext=0x100000', path.join(dir, 'p.o'), '-o', path.join(dir, 'p')]);
    } catch {
      this.skip();
    }
    const bytes = fs.readFileSync(path.join(dir, 'p'));
    const r = loadProgram({ path: path.join(dir, 'p'), contents: bytes, readFile: () => undefined, loadAddress: 0 });
    assert.ok(r.ok, r.ok ? '' : r.message);
    if (!r.ok) return;
    assert.strictEqual(r.image.entry, 0x100000);
    assert.deepStrictEqual(
      [...r.image.bytes.subarray(r.image.entry - r.image.loadAddress, r.image.entry - r.image.loadAddress + 6)],
      [0xb8, 1, 0, 0, 0, 0xf4],
    );
    const value = r.image.symbol('value')!;
    const dv = new DataView(r.image.bytes.buffer, r.image.bytes.byteOffset);
    assert.strictEqual(dv.getUint32(value.address - r.image.loadAddress, true), 0x11223344);
  });

  it('rejects a file that is not ELF32 i386 with the reason', () => {
    const elf64 = new Uint8Array(64);
    elf64.set([0x7f, 0x45, 0x4c, 0x46, 2, 1]);
    const r = loadProgram({ path: 'x', contents: elf64, readFile: () => undefined, loadAddress: 0 });
    assert.ok(!r.ok && /ELFCLASS32/.test(r.message));
  });
});

describe('launch attributes', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const props = pkg.contributes.debuggers[0].configurationAttributes.launch.properties;

  it('package.json documents every attribute with a description and a default', () => {
    for (const name of [
      'program',
      'mode',
      'cpu',
      'discovery',
      'mechanism',
      'stopOnEntry',
      'stopOnKernelEntry',
      'memoryMB',
      'trace',
      'args',
      'loadAddress',
      'history',
    ]) {
      assert.ok(props[name], `${name} is documented`);
      assert.ok(props[name].description, `${name} has a description`);
      // memoryMB's default depends on the program: its description names both.
      if (name === 'memoryMB')
        assert.match(
          props[name].description,
          new RegExp(`Default: ${LINUX_MEMORY_MB} for a Linux program .*, ${OTHER_MEMORY_MB} otherwise`),
        );
      else assert.ok('default' in props[name], `${name} has a default`);
    }
  });

  it('the cpu enum is the model table', () => {
    assert.deepStrictEqual(
      props.cpu.enum,
      MODELS.map((m) => m.id),
    );
  });

  it('every enum value in package.json is accepted and the defaults agree with the validator', () => {
    for (const name of ['mode', 'cpu', 'discovery', 'mechanism']) {
      for (const value of props[name].enum)
        assert.ok(validateLaunch({ program: 'p.asm', [name]: value }).ok, `${name}=${value}`);
      const v = validateLaunch({ program: 'p.asm' });
      assert.ok(v.ok);
      if (v.ok) assert.strictEqual((v.config as unknown as Record<string, unknown>)[name], props[name].default);
    }
  });

  it('names the attribute and the allowed values on a bad value', () => {
    const v = validateLaunch({ program: 'p.asm', discovery: 'telepathy', stopOnEntry: 'yes' });
    assert.ok(!v.ok);
    if (!v.ok) {
      assert.match(v.message, /'discovery' is "telepathy"; allowed values: "lock-nop", "shared-page"/);
      assert.match(v.message, /'stopOnEntry' is "yes"; allowed values: true, false/);
    }
  });

  it('seed: a 32-bit number or "0x..." string, absent by default (a random boot)', () => {
    const given = (seed: unknown): number | string | undefined => {
      const v = validateLaunch({ program: 'p.asm', seed });
      return v.ok ? v.config.seed : v.message;
    };
    assert.strictEqual(given(undefined), undefined);
    assert.strictEqual(given(0), 0);
    assert.strictEqual(given('0xffffffff'), 0xffffffff);
    assert.strictEqual(given(12345), 12345);
    for (const bad of [-1, 0x100000000, 1.5, 'random', true])
      assert.match(
        String(given(bad)),
        /launch attribute 'seed' is .*; allowed values: a number from 0 to 0xffffffff/,
        String(bad),
      );
  });
});
