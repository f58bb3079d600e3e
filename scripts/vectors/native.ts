// Runs cases on the host CPU: assembles scripts/vectors/harness.asm with nasm, links it with
// ld, feeds it case records on stdin and turns its result records into vectors.

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  EFLAGS_COMPARED,
  EXEC_BASE,
  EXEC_ENTRY,
  EXEC_SIZE,
  IN,
  MAX_INSTRUCTION_LENGTH,
  OUT,
  RECORD_SIZE,
  WINDOWS,
  WINDOW_SIZE,
  type WindowName,
} from './layout';
import type { Vector } from './vector';

/** One instruction with its input state, before the host has run it. */
export interface NativeCase {
  family: string;
  asm: string;
  bytes: number[];
  opsize: 16 | 32;
  regs: number[];
  eflags: number;
  /** Contents of all three windows (64 bytes each). */
  windows: Record<WindowName, Uint8Array>;
  /** Windows the instruction may touch: these go into the vector. */
  used: WindowName[];
  flagMask: number;
}

export interface NativeResult {
  regs: number[];
  eflags: number;
  eip: number;
  trapno: number;
  err: number;
  signal: number;
  cr2: number;
  windows: Record<WindowName, Uint8Array>;
}

export interface NativeRun {
  /** The page below 64 KiB could be mapped (vm.mmap_min_addr permitting). */
  lowPageMapped: boolean;
  results: NativeResult[];
}

const HARNESS_SOURCE = path.resolve(__dirname, '../../../scripts/vectors/harness.asm');

function which(tool: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, tool);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** Why native runs are impossible here, or null when nasm, ld and a 32-bit-capable host exist. */
export function nativeUnavailableReason(): string | null {
  if (process.platform !== 'linux' || (process.arch !== 'x64' && process.arch !== 'ia32')) {
    return `host is ${process.platform}/${process.arch}, not x86 Linux`;
  }
  if (!which('nasm')) return 'nasm not found on PATH';
  if (!which('ld')) return 'ld not found on PATH';
  return null;
}

/**
 * Builds the harness and runs it with no cases: returns the binary, or why this host cannot
 * run it (no nasm/ld, not x86 Linux, no 32-bit program support in the kernel, ...).
 */
export function probeNative(): { binary: string } | { reason: string } {
  const missing = nativeUnavailableReason();
  if (missing) return { reason: missing };
  try {
    const binary = buildHarness();
    runNative(binary, []);
    return { binary };
  } catch (e) {
    return {
      reason: `the native harness does not run here: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    };
  }
}

/** Assembles and links the harness into a fresh temporary directory; returns the binary path. */
export function buildHarness(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-vectors-'));
  const object = path.join(dir, 'harness.o');
  const binary = path.join(dir, 'harness');
  execFileSync('nasm', ['-f', 'elf32', HARNESS_SOURCE, '-o', object]);
  execFileSync('ld', ['-m', 'elf_i386', '-Ttext', '0x100000', object, '-o', binary]);
  return binary;
}

function encodeCase(c: NativeCase, record: Buffer): void {
  record.fill(0);
  if (c.bytes.length > MAX_INSTRUCTION_LENGTH) throw new Error(`${c.asm}: instruction longer than 16 bytes`);
  for (let i = 0; i < 8; i++) record.writeUInt32LE(c.regs[i] >>> 0, IN.regs + 4 * i);
  record.writeUInt32LE(c.eflags >>> 0, IN.eflags);
  record.writeUInt32LE(c.bytes.length, IN.length);
  Buffer.from(c.bytes).copy(record, IN.bytes);
  for (const { name } of WINDOWS) Buffer.from(c.windows[name]).copy(record, IN[name]);
}

function decodeResult(record: Buffer): NativeResult {
  const regs: number[] = [];
  for (let i = 0; i < 8; i++) regs.push(record.readUInt32LE(OUT.regs + 4 * i));
  const windows = {} as Record<WindowName, Uint8Array>;
  for (const { name } of WINDOWS) windows[name] = new Uint8Array(record.subarray(OUT[name], OUT[name] + WINDOW_SIZE));
  return {
    regs,
    eflags: record.readUInt32LE(OUT.eflags),
    eip: record.readUInt32LE(OUT.eip),
    trapno: record.readUInt32LE(OUT.trapno),
    err: record.readUInt32LE(OUT.err),
    signal: record.readUInt32LE(OUT.signal),
    cr2: record.readUInt32LE(OUT.cr2),
    windows,
  };
}

/** Runs every case in one harness process (cases are independent; order does not matter). */
export function runNative(binary: string, cases: readonly NativeCase[]): NativeRun {
  const input = Buffer.alloc(cases.length * RECORD_SIZE);
  cases.forEach((c, i) => encodeCase(c, input.subarray(i * RECORD_SIZE, (i + 1) * RECORD_SIZE)));
  const run = spawnSync(binary, [], { input, maxBuffer: cases.length * RECORD_SIZE + 4096 });
  if (run.error || run.status !== 0) {
    const how = run.error ? run.error.message : `status ${run.status}, signal ${run.signal}`;
    const done = Math.max(0, Math.floor((run.stdout?.length ?? 4) - 4) / RECORD_SIZE);
    const next = cases[Math.floor(done)];
    throw new Error(
      `native harness died (${how}) after ${Math.floor(done)} of ${cases.length} cases${next ? `; next case: ${next.asm} [${Buffer.from(next.bytes).toString('hex')}]` : ''}`,
    );
  }
  const output = run.stdout;
  if (output.length !== 4 + cases.length * RECORD_SIZE) {
    throw new Error(`native harness wrote ${output.length} bytes for ${cases.length} cases`);
  }
  const results: NativeResult[] = [];
  for (let i = 0; i < cases.length; i++) {
    results.push(decodeResult(output.subarray(4 + i * RECORD_SIZE, 4 + (i + 1) * RECORD_SIZE)));
  }
  return { lowPageMapped: output[0] === 1, results };
}

const hex = (bytes: ArrayLike<number>): string => Buffer.from(bytes as Uint8Array).toString('hex');

/**
 * Interprets a result. Every case ends in a signal; the instruction completed when the signal
 * comes from the next fetch: a HLT of the exec area (#GP(0) at CPL 3) or a fetch from a page
 * that is absent or not executable (#PF with CR2 = EIP and the fetch bit set). A fault of the
 * instruction itself reports EIP at the instruction; INT3/INTO are traps (EIP after it).
 * Returns a reason string when the case did something the layout does not allow.
 */
export function toVector(c: NativeCase, r: NativeResult): Vector | string {
  const start = EXEC_ENTRY;
  const end = EXEC_ENTRY + c.bytes.length;
  const inInstruction = r.eip >= start && r.eip < end;
  const inExecArea = r.eip >= EXEC_BASE && r.eip < EXEC_BASE + EXEC_SIZE;
  let fault: { vector: number; errorCode: number } | undefined;
  if (r.trapno === 13 && r.err === 0 && inExecArea && !inInstruction) {
    // landed on HLT: completed
  } else if (r.trapno === 14 && r.cr2 === r.eip && (r.err & 0x10) !== 0 && r.eip !== start) {
    // fetch from an unmapped or no-execute page: completed
  } else if (r.eip === start && r.trapno !== 14) {
    fault = { vector: r.trapno, errorCode: r.err };
  } else if ((r.trapno === 3 || r.trapno === 4) && r.eip === end) {
    fault = { vector: r.trapno, errorCode: 0 };
  } else {
    return `unexpected stop: signal ${r.signal} trap ${r.trapno} err 0x${r.err.toString(16)} eip 0x${r.eip.toString(16)} cr2 0x${r.cr2.toString(16)}`;
  }
  const windowAddress = (name: WindowName) => WINDOWS.find((w) => w.name === name)!.address;
  const outMem: [number, string][] = [];
  for (const name of c.used) {
    const before = hex(c.windows[name]);
    const after = hex(r.windows[name]);
    if (before !== after) outMem.push([windowAddress(name), after]);
  }
  return {
    asm: c.asm,
    bytes: hex(c.bytes),
    opsize: c.opsize,
    in: {
      regs: c.regs.map((v) => v >>> 0),
      eflags: c.eflags >>> 0,
      mem: c.used.map((name) => [windowAddress(name), hex(c.windows[name])] as [number, string]),
      eip: start,
    },
    out: {
      regs: r.regs,
      eflags: (r.eflags & EFLAGS_COMPARED) >>> 0,
      mem: outMem,
      eip: r.eip,
      ...(fault ? { fault } : {}),
    },
    flagMask: c.flagMask,
  };
}

/** The host CPU's name, recorded in each vector file. */
export function hostCpuName(): string {
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const match = /^model name\s*:\s*(.*)$/m.exec(info);
    return match ? match[1].trim() : 'unknown';
  } catch {
    return 'unknown';
  }
}
