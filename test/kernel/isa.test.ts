// The kernel must run on an 80386: every instruction it contains is a 386 instruction, except
// the few whose use is guarded by detection (CPUID only after the ID-flag test, RDMSR/WRMSR
// and RDTSC only when CPUID says so, the fast entries only on the CPUs that have them).
// iced-x86 says which CPU feature each instruction needs; our assembler's line map says
// which bytes are instructions and which are data.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CpuidFeature, Decoder, DecoderOptions, Instruction, Mnemonic } from 'iced-x86';
import { assembleKernel } from '../../src/kernel/build';
import { loadKernelSources } from '../../src/kernel/sources';
import { KERNEL_DIR } from './nasm';

const BASELINE = new Set(['INTEL8086', 'INTEL186', 'INTEL286', 'INTEL386']);

/** Instructions beyond the 386, and the only kernel routines allowed to contain each. */
const GUARDED: Record<string, string[]> = {
  cpuid: ['detect_cpu'],
  rdmsr: ['program_mechanisms'],
  wrmsr: ['program_mechanisms'],
  rdtsc: ['random_kip_address'],
  // Only when the AC flag toggled at detection (a 486 or later); the 386 reloads CR3 instead.
  invlpg: ['flush_user_page'],
  sysexit: ['trap_exit'],
  sysret: ['trap_exit'],
  // The stubs are copied into the KIP (and the vDSO) and run in ring 3 only when they were chosen.
  sysenter: ['stub_sysenter', 'vdso_sysenter'],
  syscall: ['stub_syscall', 'vdso_syscall'],
  // x87 (fpu.asm): the FNINIT/FNSTSW probe is safe without an FPU (EM = 0 at boot: nothing
  // answers and the probe word stays), the rest runs only when the probe found an FPU, FXSAVE
  // and FXRSTOR only when CPUID says FXSR. fpu_save_to (the lazy switch and the signal frame's
  // x87 state) runs only for a thread that owns the FPU, so only when it exists.
  fninit: ['fpu_init', 'fpu_device_not_available'],
  // x87_fault_code reads the control and status words on #MF, which only an FPU raises.
  fnstsw: ['fpu_init', 'x87_fault_code'],
  fnstcw: ['x87_fault_code'],
  fnsave: ['fpu_device_not_available', 'fpu_save_to'],
  frstor: ['fpu_device_not_available'],
  fxsave: ['fpu_device_not_available', 'fpu_save_to'],
  fxrstor: ['fpu_device_not_available'],
};

const DATA_DIRECTIVE = /(^|\s)(db|dw|dd|dq|times|align|resb|resd)(\s|$)/i;

describe('guest kernel instruction set', () => {
  it('uses only 80386 instructions outside the detection-guarded routines', () => {
    const read = (name: string): string => fs.readFileSync(path.join(KERNEL_DIR, name), 'utf8');
    const sources = loadKernelSources(read);
    const kernel = assembleKernel(read);
    assert.ok(kernel.ok && kernel.bytes);
    const image: Uint8Array = kernel.bytes;
    const labels = kernel.symbols.filter((s) => s.kind === 'label').sort((a, b) => a.address - b.address);
    const routineAt = (address: number): string => {
      let name = '?';
      for (const l of labels) {
        if (l.address > address) break;
        name = l.name;
      }
      return name;
    };

    const found = new Map<string, Set<string>>();
    let instructions = 0;
    for (const entry of kernel.lineMap.entries) {
      const text = sources.get(path.basename(entry.file))?.split('\n')[entry.line - 1] ?? '';
      const code = text.replace(/;.*/, '');
      if (entry.length === 0 || DATA_DIRECTIVE.test(code)) continue;
      const offset = entry.address - kernel.origin;
      const bytes: Uint8Array = image.subarray(offset, offset + entry.length);
      const decoder: Decoder = new Decoder(32, bytes, DecoderOptions.None);
      decoder.ip = BigInt(entry.address);
      while (decoder.canDecode) {
        const instruction: Instruction = decoder.decode();
        assert.ok(!instruction.isInvalid, `${entry.file}:${entry.line}: undecodable bytes`);
        instructions++;
        const features = [...instruction.cpuidFeatures()].map((f) => CpuidFeature[f] as string);
        if (features.every((f) => BASELINE.has(f))) continue;
        const mnemonic = (Mnemonic[instruction.mnemonic] as string).toLowerCase();
        const routine = routineAt(Number(instruction.ip));
        assert.ok(
          GUARDED[mnemonic]?.includes(routine),
          `${entry.file}:${entry.line}: ${mnemonic} (${features.join(', ')}) in ${routine} is not a 386 instruction`,
        );
        if (!found.has(mnemonic)) found.set(mnemonic, new Set());
        found.get(mnemonic)!.add(routine);
      }
      decoder.free();
    }
    assert.ok(instructions > 1000, `only ${instructions} instructions decoded`);
    // Every guarded instruction is really there, so the list above stays honest.
    assert.deepEqual([...found.keys()].sort(), Object.keys(GUARDED).sort());
  });
});
