// The dap benchmark suite (docs/ARCHITECTURE.md, "Contracts": dap `launch`, `step`, `bp-1000-ratio`,
// `stepback`), measured through the protocol against the real adapter process, the way an
// editor drives it. The workload is fixed so figures compare across commits:
// a loop of exactly 10^8 instructions, then the label `target`, then 1000 never-executed NOPs
// that carry the 1000 extra breakpoints.

import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

export interface DapBenchResult {
  name: string;
  value: number;
  unit: string;
}

const WORKLOAD = `; dap benchmark workload: 1 + 4 * 25,000,000 instructions before target
bits 32
org 0x100000
start:
    mov ecx, 25000000
spin:
    add eax, ecx
    xor edx, eax
    dec ecx
    jnz spin
target:
    hlt
cold:
    times 1000 nop
`;

function adapterPath(): string {
  const candidates = [
    path.join(__dirname, 'debugAdapter.js'),
    path.resolve(__dirname, '../../dist/debugAdapter.js'),
    path.resolve(__dirname, '../../../dist/debugAdapter.js'),
    path.resolve('dist/debugAdapter.js'),
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`dist/debugAdapter.js not found (looked in ${candidates.join(', ')}): run npm run build`);
  return found;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Microsoft's DAP test client drives the adapter as an editor would. It is a development
 * dependency: loaded only when the dap suite runs, never bundled (scripts/build.mjs keeps it
 * external), so an installed extension's CLI says what it needs instead of carrying it.
 */
function loadDebugClient(): typeof DebugClient {
  try {
    // require, not import(): the command line's bundle runs from V8's code cache (src/cli/launch.ts),
    // and there Node 20 loses the script's dynamic-import callback.
    const client = createRequire(__filename)('@vscode/debugadapter-testsupport') as { DebugClient: typeof DebugClient };
    return client.DebugClient;
  } catch {
    throw new Error(
      'the dap suite drives the adapter with @vscode/debugadapter-testsupport, a development dependency: run it from a clone after npm install (npm run bench -- --suite dap)',
    );
  }
}

async function withClient<T>(body: (dc: DebugClient) => Promise<T>): Promise<T> {
  const Client = loadDebugClient();
  const dc = new Client('node', adapterPath(), 'i386');
  dc.defaultTimeout = 60000;
  await dc.start();
  try {
    return await body(dc);
  } finally {
    await dc.stop();
  }
}

/**
 * launch + configurationDone until the entry stop (assembling the program, building the
 * machine, the first snapshot). The adapter process is already up: in VS Code the extension
 * runs the session inline, so no process start is part of a launch.
 */
async function launchToEntry(dc: DebugClient, program: string): Promise<number> {
  await dc.initializeRequest();
  const t0 = performance.now();
  await Promise.all([
    dc.waitForEvent('initialized').then(() => dc.configurationDoneRequest()),
    dc.launchRequest({ program, mode: 'bare', stopOnEntry: true } as DebugProtocol.LaunchRequestArguments),
    dc.waitForEvent('stopped'),
  ]);
  return performance.now() - t0;
}

async function timed(start: () => Promise<unknown>, event: string, dc: DebugClient): Promise<number> {
  const t0 = performance.now();
  await Promise.all([start(), dc.waitForEvent(event)]);
  return performance.now() - t0;
}

export async function dapBenchmarks(): Promise<DapBenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-dap-bench-'));
  const program = path.join(dir, 'workload.asm');
  fs.writeFileSync(program, WORKLOAD);
  try {
    const launches: number[] = [];
    for (let i = 0; i < 5; i++) launches.push(await withClient((dc) => launchToEntry(dc, program)));

    const step = await withClient(async (dc) => {
      await launchToEntry(dc, program);
      const rounds = 200;
      const t0 = performance.now();
      for (let i = 0; i < rounds; i++) {
        await Promise.all([dc.nextRequest({ threadId: 1, granularity: 'instruction' }), dc.waitForEvent('stopped')]);
        await dc.stackTraceRequest({ threadId: 1 });
      }
      return (performance.now() - t0) / rounds;
    });

    const none = await withClient(async (dc) => {
      await launchToEntry(dc, program);
      return timed(() => dc.continueRequest({ threadId: 1 }), 'terminated', dc);
    });

    const [withBreakpoints, stepBack] = await withClient(async (dc) => {
      await launchToEntry(dc, program);
      const target = await dc.evaluateRequest({ expression: 'target' });
      const targetAddress = Number(/^0x[0-9a-f]+/.exec(target.body.result)![0]);
      const breakpoints: DebugProtocol.InstructionBreakpoint[] = [
        { instructionReference: `0x${targetAddress.toString(16)}` },
      ];
      for (let i = 0; i < 1000; i++)
        breakpoints.push({ instructionReference: `0x${(targetAddress + 1 + i).toString(16)}` });
      await dc.customRequest('setInstructionBreakpoints', { breakpoints });
      const run = await timed(() => dc.continueRequest({ threadId: 1 }), 'stopped', dc);
      const backs: number[] = [];
      for (let i = 0; i < 5; i++)
        backs.push(await timed(() => dc.stepBackRequest({ threadId: 1, granularity: 'instruction' }), 'stopped', dc));
      return [run, median(backs)];
    });

    return [
      { name: 'launch', value: median(launches), unit: 'ms' },
      { name: 'step', value: step, unit: 'ms' },
      { name: 'bp-1000-ratio', value: withBreakpoints / none, unit: 'x' },
      { name: 'stepback', value: stepBack, unit: 'ms' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
