// No host exception escapes the machine, whatever the guest does in protected mode.
// 10,000 random byte images run in 32-bit protected mode (half at CPL 0, half at CPL 3 with a
// TSS stack for ring 0) with a catch-all IDT: every vector is a present interrupt gate to a
// handler that halts with IF = 0. Each run must end in a defined way: the handler's HLT, a
// shutdown (the image wrecked the tables), or the instruction limit; never an internal error.
import * as assert from 'node:assert/strict';
import { Machine } from '../../src/emulator/machine';
import { MODEL_IDS } from '../../src/isa/models';
import {
  ATTR_ACCESSED,
  ATTR_CODE,
  ATTR_DB,
  ATTR_G,
  ATTR_PRESENT,
  ATTR_S,
  ATTR_WRITABLE,
  CS,
  SS,
} from '../../src/emulator/cpu/cpu';
import { xorshift32 } from '../../scripts/lib/random';

const GDT = 0x1000,
  IDT = 0x2000,
  HANDLER = 0x3000,
  TSS = 0x4000,
  CODE = 0x10000;
const KSTACK = 0x9000,
  USTACK = 0x8000;
const IMAGES = 10_000;
const IMAGE_BYTES = 64;
const MAX_INSTRUCTIONS = 400;

/** A flat descriptor (SDM Vol.3 Figure 3-8): base 0, limit 4 GiB, given access byte. */
function flat(memory: Machine['memory'], at: number, access: number): void {
  memory.write32(at, 0x0000ffff);
  memory.write32(at + 4, 0x00cf0000 | (access << 8));
}

/** Tables in RAM: GDT (code/data at DPL 0 and 3, a TSS), IDT of 256 gates, handler, TSS. */
function buildTables(m: Machine): void {
  const mem = m.memory;
  mem.u8.fill(0, 0, 0x20000);
  flat(mem, GDT + 0x08, 0x9a);
  flat(mem, GDT + 0x10, 0x92);
  flat(mem, GDT + 0x18, 0xfa);
  flat(mem, GDT + 0x20, 0xf2);
  mem.write32(GDT + 0x28, ((TSS & 0xffff) << 16) | 0x67);
  mem.write32(GDT + 0x2c, (TSS & 0xff000000) | 0x8900 | ((TSS >>> 16) & 0xff));
  for (let v = 0; v < 256; v++) {
    mem.write32(IDT + v * 8, (0x08 << 16) | (HANDLER & 0xffff));
    mem.write32(IDT + v * 8 + 4, (HANDLER & 0xffff0000) | 0x8e00);
  }
  mem.write8(HANDLER, 0xfa); // cli
  mem.write8(HANDLER + 1, 0xf4); // hlt
  mem.write32(TSS + 4, KSTACK);
  mem.write32(TSS + 8, 0x10);
  mem.write16(TSS + 0x66, 0x68); // no I/O bitmap inside the limit: CPL 3 I/O faults
}

function enterProtectedMode(m: Machine, user: boolean): void {
  const cpu = m.cpu;
  cpu.reset();
  cpu.setFlat32();
  cpu.eventsStopRun = false; // the IDT below handles every vector
  cpu.gdtBase = GDT;
  cpu.gdtLimit = 0x2f;
  cpu.idtBase = IDT;
  cpu.idtLimit = 256 * 8 - 1;
  cpu.taskSelector = 0x28;
  cpu.taskBase = TSS;
  cpu.taskLimit = 0x67;
  cpu.taskType = 32;
  const code = ATTR_PRESENT | ATTR_S | ATTR_CODE | ATTR_WRITABLE | ATTR_ACCESSED | ATTR_DB | ATTR_G;
  const data = ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_ACCESSED | ATTR_DB | ATTR_G;
  if (user) {
    for (let s = 0; s < 6; s++)
      cpu.setSegmentCache(s, s === CS ? 0x1b : 0x23, 0, 0xffffffff, (s === CS ? code : data) | (3 << 13));
    cpu.cpl = 3;
  } else {
    cpu.setSegmentCache(CS, 0x08, 0, 0xffffffff, code);
    cpu.setSegmentCache(SS, 0x10, 0, 0xffffffff, data);
  }
}

describe('random byte images in protected mode with a catch-all IDT', () => {
  const seed = Number(process.env.CPU_FUZZ_SEED ?? 0x5eed1386);

  it(`${IMAGES} images on every model end with HLT, shutdown or the limit, never a host exception (seed ${seed})`, function () {
    this.timeout(600_000);
    const next = xorshift32(seed);
    const machines = new Map<string, Machine>();
    const ends: Record<string, number> = {};
    for (let p = 0; p < IMAGES; p++) {
      const model = MODEL_IDS[p % MODEL_IDS.length];
      let m = machines.get(model);
      if (!m) machines.set(model, (m = new Machine({ memoryBytes: 1 << 20, model })));
      buildTables(m);
      const user = (p & 1) === 1;
      enterProtectedMode(m, user);
      const bytes = new Uint8Array(IMAGE_BYTES);
      for (let i = 0; i < bytes.length; i++) bytes[i] = next() & 0xff;
      m.memory.load(bytes, CODE);
      m.flushCodeCache();
      for (let i = 0; i < 8; i++) m.cpu.regs[i] = next() & (i === 1 ? 0xfff : 0xfffff);
      m.cpu.regs[4] = user ? USTACK : KSTACK;
      m.cpu.eip = CODE;
      let stop;
      try {
        stop = m.run(MAX_INSTRUCTIONS);
      } catch (e) {
        assert.fail(`image ${p} on ${model}${user ? ' at CPL 3' : ''}: the host threw ${(e as Error).stack}`);
      }
      const what = `image ${p} on ${model}${user ? ' at CPL 3' : ''} (${Buffer.from(bytes).toString('hex')})`;
      assert.ok(['limit', 'halt', 'shutdown'].includes(stop.reason), `${what}: ${stop.reason} ${stop.message ?? ''}`);
      ends[stop.reason] = (ends[stop.reason] ?? 0) + 1;
    }
    // Most images fault quickly into the catch-all handler.
    assert.ok((ends.halt ?? 0) > IMAGES / 2, JSON.stringify(ends));
  });
});
