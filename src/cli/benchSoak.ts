// The soak suite (`i386-lab bench --suite soak [--soak-instructions N]`, not part of the
// default bench: it takes minutes). Two long runs, each checked for bounded memory:
// - a multi-threaded guest (bench/soak-threads.asm: four workers sweeping their own memory,
//   LOCK XADD on a shared counter, yields, timer preemption) under the kernel in a debugger
//   session with reverse history on, for N instructions (default 10^10): wall time, MIPS,
//   peak RSS, and the history's copied pages against its byte limit and its reach against its
//   instruction budget (a figure above either setting fails the suite);
// - a debug adapter session in this process (bench/soak-loop.asm, bare): 10,000 instruction
//   steps and 1,000 breakpoint hits, each followed by the requests a client makes at a stop
//   (stackTrace, scopes, variables); the heap after a full GC at the start and at the end, and
//   its growth (more than 4 MiB fails the suite).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchKernel } from '../debugcore/kernelLaunch';
import { DEFAULT_HISTORY_BYTES } from '../debugcore/history';
import { DEFAULT_SESSION_OPTIONS, type StopEvent } from '../debugcore/session';
import { I386DebugSession } from '../debugger/session';
import { findKernelDir } from './kernelRun';
import type { BatchSuite, BenchContext, Figure } from './benchSuite';

export { DEFAULT_SOAK_INSTRUCTIONS } from './commandSpecs';
const STEPS = 10_000;
const BREAKPOINT_HITS = 1_000;
/** Heap growth over the debugger soak that counts as a leak. */
const MAX_HEAP_GROWTH = 4 * 1024 * 1024;

type Row = Figure & { name: string; unit: string };

function row(name: string, value: number, unit: string): Row {
  return { name, value, unit, baseline: {} };
}

export function fullGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

async function guestSoak(ctx: BenchContext, instructions: number): Promise<Row[]> {
  const file = path.join(ctx.benchDir, 'soak-threads.asm');
  const kernelDir = findKernelDir();
  let stop: ((e: StopEvent | { reason: 'exited'; description: string }) => void) | undefined;
  const stopped = new Promise<StopEvent | { reason: 'exited'; description: string }>((resolve) => (stop = resolve));
  const launched = launchKernel(
    {
      path: file,
      contents: fs.readFileSync(file),
      readFile: (p) => readOrUndefined(path.resolve(path.dirname(file), p)),
      loadAddress: 0,
    },
    {
      model: 'pentium-ii',
      memoryBytes: 64 << 20,
      history: DEFAULT_SESSION_OPTIONS.historyBudget,
      tracePorts: false,
      traceTraps: false,
      traceSyscalls: false,
      seed: 1,
      discovery: 'lock-nop',
      mechanism: 'auto',
      args: [],
      kernelDir,
      readKernelSource: (name) => readOrUndefined(path.join(kernelDir, name))?.toString('utf8'),
    },
    {
      stopped: (e) => stop!(e),
      output: () => {},
      exited: (code, reason) => stop!({ reason: 'exited', description: `exit ${code}: ${reason}` }),
    },
  );
  if (!launched.result.ok) throw new Error(`soak guest: ${launched.result.message}`);
  const session = launched.result.session;
  // No exception stops: a soak runs through whatever the guest does.
  session.setExceptionFilters([]);
  const started = process.hrtime.bigint();
  let peakHistory = 0;
  let worstReach = 0;
  const budget = DEFAULT_SESSION_OPTIONS.historyBudget;
  const sample = (): void => {
    peakHistory = Math.max(peakHistory, session.history.memoryBytes());
    const oldest = session.history.oldest;
    if (oldest !== undefined) worstReach = Math.max(worstReach, session.instruction - oldest);
  };
  let lastLog = 0;
  const timer = setInterval(() => {
    sample();
    if (session.instruction >= instructions) session.pause();
    const now = Date.now();
    if (now - lastLog > 10000) {
      lastLog = now;
      ctx.log(
        `soak: ${(session.instruction / 1e9).toFixed(2)} of ${(instructions / 1e9).toFixed(2)} G instructions, history ${(session.history.memoryBytes() / 1048576).toFixed(1)} MiB, RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`,
      );
    }
  }, 50);
  session.start(false);
  const end = await stopped;
  clearInterval(timer);
  sample();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ran = session.instruction;
  session.terminate();
  if (end.reason !== 'pause')
    throw new Error(
      `soak guest stopped before ${instructions} instructions (${ran}): ${end.reason} ${end.description ?? ''}`,
    );
  if (peakHistory > DEFAULT_HISTORY_BYTES)
    throw new Error(`history held ${peakHistory} bytes of pages, above its limit of ${DEFAULT_HISTORY_BYTES}`);
  // The oldest snapshot kept is the newest one at or before now - budget: at most an interval more.
  const reachLimit = budget + DEFAULT_SESSION_OPTIONS.snapshotInterval + DEFAULT_SESSION_OPTIONS.sliceInstructions;
  if (worstReach > reachLimit)
    throw new Error(
      `history reached back ${worstReach} instructions, above its budget of ${budget} (+ one interval and one slice)`,
    );
  return [
    row('guest-instructions', ran, 'instructions'),
    row('guest-wall', seconds, 's'),
    row('guest-mips', ran / seconds / 1e6, 'MIPS'),
    row('guest-peak-rss', process.resourceUsage().maxRSS / 1024, 'MiB'),
    row('history-peak', peakHistory / 1048576, 'MiB'),
    row('history-limit', DEFAULT_HISTORY_BYTES / 1048576, 'MiB'),
  ];
}

/** A client for an adapter in this process: requests answered in order, events collected. */
export class InlineClient {
  private seq = 1;
  private readonly waiting = new Map<number, (r: DebugProtocol.Response) => void>();
  private stopWaiter: ((e: DebugProtocol.StoppedEvent) => void) | undefined;

  constructor(private readonly adapter: I386DebugSession) {
    adapter.onDidSendMessage((m) => {
      const msg = m as DebugProtocol.ProtocolMessage;
      if (msg.type === 'response') {
        const r = msg as DebugProtocol.Response;
        this.waiting.get(r.request_seq)?.(r);
        this.waiting.delete(r.request_seq);
      } else if (msg.type === 'event' && (msg as DebugProtocol.Event).event === 'stopped') {
        this.stopWaiter?.(msg as DebugProtocol.StoppedEvent);
        this.stopWaiter = undefined;
      }
    });
  }

  request(command: string, args: unknown = {}): Promise<DebugProtocol.Response> {
    const seq = this.seq++;
    const answered = new Promise<DebugProtocol.Response>((resolve) => this.waiting.set(seq, resolve));
    this.adapter.handleMessage({ seq, type: 'request', command, arguments: args } as DebugProtocol.Request);
    return answered.then((r) => {
      if (!r.success) throw new Error(`${command}: ${r.message}`);
      return r;
    });
  }

  async untilStopped(command: string, args: unknown = {}): Promise<DebugProtocol.StoppedEvent> {
    const stopped = new Promise<DebugProtocol.StoppedEvent>((resolve) => (this.stopWaiter = resolve));
    await this.request(command, args);
    return stopped;
  }

  /** What a client asks at every stop. */
  async inspect(): Promise<void> {
    const st = (await this.request('stackTrace', { threadId: 1, levels: 20 })).body as {
      stackFrames: { id: number }[];
    };
    const scopes = (await this.request('scopes', { frameId: st.stackFrames[0].id })).body as {
      scopes: { variablesReference: number }[];
    };
    await this.request('variables', { variablesReference: scopes.scopes[0].variablesReference });
  }
}

async function debuggerSoak(ctx: BenchContext): Promise<Row[]> {
  const gc = fullGc();
  const file = path.join(ctx.benchDir, 'soak-loop.asm');
  const hitLine =
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.startsWith('hit:')) + 2;
  const adapter = new I386DebugSession();
  const client = new InlineClient(adapter);
  const started = process.hrtime.bigint();
  await client.request('initialize', {
    adapterID: 'i386',
    pathFormat: 'path',
    linesStartAt1: true,
    columnsStartAt1: true,
  });
  await client.request('launch', { program: file, mode: 'bare', stopOnEntry: true });
  const entry = client.untilStopped('configurationDone');
  await entry;
  const heap = (): number => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  // Warm up (JIT, caches) before the first measurement.
  for (let i = 0; i < 200; i++) {
    await client.untilStopped('next', { threadId: 1, granularity: 'instruction' });
    await client.inspect();
  }
  const heapStart = heap();
  for (let i = 0; i < STEPS; i++) {
    await client.untilStopped('next', { threadId: 1, granularity: 'instruction' });
    await client.inspect();
    if (i % 2000 === 0) ctx.log(`soak: debugger step ${i} of ${STEPS}`);
  }
  const heapAfterSteps = heap();
  await client.request('setBreakpoints', { source: { path: file }, breakpoints: [{ line: hitLine }] });
  for (let i = 0; i < BREAKPOINT_HITS; i++) {
    const e = await client.untilStopped('continue', { threadId: 1 });
    if (e.body.reason !== 'breakpoint')
      throw new Error(`continue ${i}: stopped for '${e.body.reason}', not the breakpoint`);
    await client.inspect();
  }
  const heapEnd = heap();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.request('disconnect', {});
  const growth = heapEnd - heapStart;
  if (growth > MAX_HEAP_GROWTH)
    throw new Error(
      `the debugger session's heap grew by ${(growth / 1048576).toFixed(1)} MiB over ${STEPS} steps and ${BREAKPOINT_HITS} breakpoint hits`,
    );
  return [
    row('debugger-wall', seconds, 's'),
    row('debugger-heap-start', heapStart / 1048576, 'MiB'),
    row('debugger-heap-after-steps', heapAfterSteps / 1048576, 'MiB'),
    row('debugger-heap-end', heapEnd / 1048576, 'MiB'),
    row('debugger-heap-growth', growth / 1024, 'KiB'),
  ];
}

export function soakSuite(instructions: number): BatchSuite {
  return {
    id: 'soak',
    measureAll: async (ctx) => [...(await debuggerSoak(ctx)), ...(await guestSoak(ctx, instructions))],
  };
}
