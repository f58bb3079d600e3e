// Measures the CPU core on a tiny hand-encoded integer loop (the bench suite's int-loop is
// bench/int-loop.inc, run by `npm run bench`; the entry point both use is Machine.run):
//   mov ecx, N; l: add eax, ecx; xor edx, eax; dec ecx; jnz l; hlt
// Usage: npx tsc -p tsconfig.json && node out/scripts/cpu-loop.js [iterations]
import { Machine } from '../src/emulator/machine';

const iterations = Number(process.argv[2] ?? 50_000_000);
const code = [
  0xb9,
  iterations & 0xff,
  (iterations >> 8) & 0xff,
  (iterations >> 16) & 0xff,
  (iterations >>> 24) & 0xff, // mov ecx, N
  0x01,
  0xc8, // add eax, ecx
  0x31,
  0xc2, // xor edx, eax
  0x49, // dec ecx
  0x75,
  0xf9, // jnz l
  0xf4, // hlt
];

for (let round = 0; round < 3; round++) {
  const m = new Machine({ memoryBytes: 1 << 20 });
  m.cpu.setFlat32();
  m.memory.load(Uint8Array.from(code), 0x1000);
  m.cpu.eip = 0x1000;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const stop = m.run(Number.MAX_SAFE_INTEGER);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpuStart);
  const cpuSeconds = (used.user + used.system) / 1e6;
  // Wall-clock MIPS, and MIPS per second of CPU time actually received (robust on a loaded host).
  console.log(
    `${stop.reason} after ${stop.executed} instructions: ${(stop.executed / seconds / 1e6).toFixed(1)} MIPS wall, ` +
      `${(stop.executed / cpuSeconds / 1e6).toFixed(1)} MIPS per CPU-second (eax=${(m.cpu.regs[0] >>> 0).toString(16)})`,
  );
}
