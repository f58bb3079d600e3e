// A bare protected-mode Machine for the machine tests: flat 32-bit CPL 0 with a GDT and an IDT
// of interrupt gates, a program assembled by NASM (the oracle assembler) at CODE, and helpers
// for the PC's 8259A pair and 8254 the program programs itself.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Machine } from '../../src/emulator/machine';
import type { ModelId } from '../../src/isa/models';

export const CODE = 0x1000;
export const STACK_TOP = 0x80000;
const GDT = 0x500,
  IDT = 0x800;

/**
 * NASM source fragments: `picInit` maps IRQ0-7 to vectors 20h-27h and unmasks IRQ0 only;
 * `pitInit(n)` starts counter 0 in mode 2 (rate generator) with divisor n.
 */
export const picInit = `
    mov al, 0x11
    out 0x20, al
    out 0xa0, al
    mov al, 0x20
    out 0x21, al
    mov al, 0x28
    out 0xa1, al
    mov al, 4
    out 0x21, al
    mov al, 2
    out 0xa1, al
    mov al, 1
    out 0x21, al
    out 0xa1, al
    mov al, 0xfe
    out 0x21, al
    mov al, 0xff
    out 0xa1, al
`;

export function pitInit(divisor: number): string {
  return `
    mov al, 0x34
    out 0x43, al
    mov al, ${divisor & 0xff}
    out 0x40, al
    mov al, ${divisor >> 8}
    out 0x40, al
`;
}

/** Assembles `source` (bits 32, org CODE are prepended) with NASM; returns the bytes and labels. */
export function nasm(source: string): { bytes: Uint8Array; labels: Map<string, number> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-machine-'));
  try {
    const src = path.join(dir, 'p.asm');
    const map = path.join(dir, 'p.map');
    fs.writeFileSync(src, `bits 32\norg 0x${CODE.toString(16)}\n[map symbols ${map}]\n${source}\n`);
    execFileSync('nasm', ['-f', 'bin', '-o', path.join(dir, 'p.bin'), src], { stdio: 'pipe' });
    const labels = new Map<string, number>();
    for (const line of fs.readFileSync(map, 'utf8').split('\n')) {
      const m = /^\s*([0-9A-F]+)\s+([0-9A-F]+)\s+([A-Za-z_.][\w.]*)\s*$/.exec(line);
      if (m) labels.set(m[3], parseInt(m[2], 16));
    }
    return { bytes: new Uint8Array(fs.readFileSync(path.join(dir, 'p.bin'))), labels };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A Machine running `source` at CPL 0 in flat protected mode: GDT (null, code 08h, data 10h),
 * an IDT whose gate n points at label `vecNN` (two hex digits) when the program has one, else
 * at a HLT; events are delivered (not the flat test mode that stops on them).
 */
export function bareMachine(
  source: string,
  model: ModelId = 'pentium-ii',
): { machine: Machine; labels: Map<string, number> } {
  const { bytes, labels } = nasm(`${source}\nunhandled:\n    hlt\n`);
  const machine = new Machine({ memoryBytes: 1 << 20, model });
  const m = machine.memory;
  const cpu = machine.cpu;
  cpu.setFlat32();
  cpu.eventsStopRun = false;
  m.load(bytes, CODE);
  m.write32(GDT, 0);
  m.write32(GDT + 4, 0);
  m.write32(GDT + 8, 0x0000ffff);
  m.write32(GDT + 12, 0x00cf9a00);
  m.write32(GDT + 16, 0x0000ffff);
  m.write32(GDT + 20, 0x00cf9200);
  cpu.gdtBase = GDT;
  cpu.gdtLimit = 23;
  for (let v = 0; v < 256; v++) {
    const handler = labels.get(`vec${v.toString(16).padStart(2, '0')}`) ?? labels.get('unhandled')!;
    m.write32(IDT + v * 8, (0x08 << 16) | (handler & 0xffff));
    m.write32(IDT + v * 8 + 4, (handler & 0xffff0000) | 0x8e00);
  }
  cpu.idtBase = IDT;
  cpu.idtLimit = 256 * 8 - 1;
  cpu.regs.fill(0);
  cpu.regs[4] = STACK_TOP;
  cpu.eip = CODE;
  return { machine, labels };
}
