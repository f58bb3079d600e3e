// The debug adapter driven by random protocol sequences over its stdio: initialize, a launch
// of a fixture program (bare, sometimes under the kernel) with random attributes, then random
// requests in random orders (breakpoints of every kind with random conditions, run control
// including reverse steps, evaluate with random expressions and debugger commands, memory
// reads and writes over random ranges, disassembly, variables, restart, junk frames), ended by
// disconnect. A finding: a request left unanswered, an answer that is an internal error, a
// stack trace on stderr, the adapter exiting before its input closes or with a status other
// than 0. The failing sequence is written as the list of frames sent, in order.

import * as path from 'path';
import { MODEL_IDS } from '../../src/isa/models';
import { EXCEPTION_FILTERS } from '../../src/debugcore/faults';
import { COMMANDS } from '../../src/debugcore/commands';
import { frame, RawDapClient, ROOT, type DapMessage } from './dapClient';
import { WRONG_VALUES } from './dapCommands';
import { randomExpression } from './asmHarness';
import type { FuzzContext, Harness, Rng } from './harness';

const FIXTURES = path.join(ROOT, 'test', 'debugger', 'fixtures');
const BARE_PROGRAMS = ['hello.asm', 'spin.asm', 'locknop.asm', 'lines.asm'].map((f) => path.join(FIXTURES, f));
const KERNEL_PROGRAMS = ['ask-kernel.asm', 'threads.asm', 'faults.asm'].map((f) => path.join(ROOT, 'examples', f));
/** Requests that set the program running (a client waits for the stop after them). */
const RUNS = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'restart']);
/** How long a request may go unanswered before the adapter counts as hung. */
const ANSWER_MS = 15000;

const REGISTERS = [
  'eax',
  'ebx',
  'ecx',
  'edx',
  'esi',
  'edi',
  'esp',
  'ebp',
  'eip',
  'eflags',
  'cs',
  'ss',
  'cr0',
  'cr3',
  'al',
  'ax',
  'zf',
  'cf',
];

function expression(rng: Rng): string {
  switch (rng.below(6)) {
    case 0:
      return rng.pick(REGISTERS);
    case 1:
      return `[${rng.pick(REGISTERS)}${rng.chance(0.5) ? ` + ${rng.below(64)}` : ''}]`;
    case 2:
      return `${rng.pick(['byte', 'word', 'dword'])} [0x${rng.interesting().toString(16)}]`;
    case 3:
      return `${rng.pick(COMMANDS)}${rng.pick(['', ' 0', ` 0x${rng.interesting().toString(16)}`, `${rng.below(300)}x 0x100000`, 'zz', `${rng.interesting()}b $esp`])}`;
    case 4:
      return String.fromCharCode(...rng.bytes(rng.below(12)));
    default:
      return randomExpression(rng, rng.below(6)).replace(/label|undefined_name/g, () =>
        rng.pick(['start', 'count', 'square', 'nosuch', 'main', 'eax']),
      );
  }
}

function address(rng: Rng): string {
  return rng.chance(0.9)
    ? `0x${(rng.chance(0.6) ? 0x100000 + rng.below(0x2000) : rng.interesting()).toString(16)}`
    : String(rng.pick(WRONG_VALUES));
}

function maybeWrong<T>(rng: Rng, value: T): T | unknown {
  return rng.chance(0.05) ? rng.pick(WRONG_VALUES) : value;
}

interface Step {
  command: string;
  args: Record<string, unknown>;
}

/** What the sequence knows of the adapter's state, to make requests that mostly make sense. */
interface Known {
  program: string;
  frameIds: number[];
  refs: number[];
  dataIds: string[];
}

function randomStep(rng: Rng, k: Known): Step {
  const line = (): number => 1 + rng.below(40);
  const cond = (): string | undefined => (rng.chance(0.3) ? expression(rng) : undefined);
  const hit = (): string | undefined =>
    rng.chance(0.2) ? rng.pick(['2', '>3', '%2', '==1', 'x', '-1', '99999999999']) : undefined;
  const choices: (() => Step)[] = [
    () => ({
      command: 'setBreakpoints',
      args: {
        source: { path: rng.chance(0.9) ? k.program : '/nonexistent.asm' },
        breakpoints: Array.from({ length: rng.below(5) }, () => ({
          line: line(),
          condition: cond(),
          hitCondition: hit(),
          logMessage: rng.chance(0.1) ? `v={${rng.pick(REGISTERS)}} {${expression(rng)}}` : undefined,
        })),
      },
    }),
    () => ({
      command: 'setFunctionBreakpoints',
      args: {
        breakpoints: Array.from({ length: rng.below(3) }, () => ({
          name: rng.pick(['start', 'square', 'count', 'main', 'nosuch', '', '0x100000', expression(rng)]),
          condition: cond(),
          hitCondition: hit(),
        })),
      },
    }),
    () => ({
      command: 'setInstructionBreakpoints',
      args: {
        breakpoints: Array.from({ length: rng.below(3) }, () => ({
          instructionReference: address(rng),
          offset: rng.chance(0.3) ? rng.interesting() | 0 : undefined,
          condition: cond(),
          hitCondition: hit(),
        })),
      },
    }),
    () => ({
      command: 'setExceptionBreakpoints',
      args: rng.chance(0.5)
        ? { filters: EXCEPTION_FILTERS.filter(() => rng.chance(0.4)).map((f) => f.id) }
        : {
            filters: [],
            filterOptions: EXCEPTION_FILTERS.filter(() => rng.chance(0.3)).map((f) => ({
              filterId: f.id,
              condition: cond(),
            })),
          },
    }),
    () => ({
      command: 'dataBreakpointInfo',
      args: {
        name: rng.pick([
          expression(rng),
          `[esp], ${rng.below(5000)}`,
          `dword [0x${(0x100000 + rng.below(0x1000)).toString(16)}]`,
        ]),
        variablesReference: rng.chance(0.2) ? rng.pick(k.refs.length ? k.refs : [1]) : undefined,
      },
    }),
    () => ({
      command: 'setDataBreakpoints',
      args: {
        breakpoints: Array.from({ length: rng.below(3) }, () => ({
          dataId: rng.chance(0.7) && k.dataIds.length ? rng.pick(k.dataIds) : `${address(rng)}:${rng.below(5000)}`,
          accessType: rng.pick(['read', 'write', 'readWrite', 'exec', undefined]),
          condition: cond(),
        })),
      },
    }),
    () => ({ command: 'continue', args: { threadId: 1 } }),
    () => ({
      command: 'next',
      args: { threadId: 1, granularity: rng.pick(['instruction', 'line', 'statement', undefined]) },
    }),
    () => ({ command: 'stepIn', args: { threadId: 1, granularity: rng.pick(['instruction', 'line', undefined]) } }),
    () => ({ command: 'stepOut', args: { threadId: 1 } }),
    () => ({ command: 'stepBack', args: { threadId: 1, granularity: rng.pick(['instruction', 'line', undefined]) } }),
    () => ({ command: 'reverseContinue', args: { threadId: 1 } }),
    () => ({ command: 'pause', args: { threadId: 1 } }),
    () => ({ command: 'threads', args: {} }),
    () => ({
      command: 'stackTrace',
      args: {
        threadId: rng.chance(0.8) ? 1 : rng.interesting(),
        startFrame: rng.chance(0.2) ? rng.interesting() : undefined,
        levels: rng.chance(0.3) ? rng.below(100) : undefined,
      },
    }),
    () => ({
      command: 'scopes',
      args: { frameId: k.frameIds.length && rng.chance(0.8) ? rng.pick(k.frameIds) : rng.interesting() },
    }),
    () => ({
      command: 'variables',
      args: {
        variablesReference: k.refs.length && rng.chance(0.8) ? rng.pick(k.refs) : rng.interesting(),
        start: rng.chance(0.2) ? rng.below(10) : undefined,
        count: rng.chance(0.2) ? rng.below(10) : undefined,
      },
    }),
    () => ({
      command: 'setVariable',
      args: {
        variablesReference: k.refs.length ? rng.pick(k.refs) : 1,
        name: rng.pick([...REGISTERS, 'nosuch', '']),
        value: expression(rng),
      },
    }),
    () => ({
      command: 'setExpression',
      args: {
        expression: rng.pick([...REGISTERS, `[esp]`, `byte [0x${rng.interesting().toString(16)}]`, expression(rng)]),
        value: expression(rng),
      },
    }),
    () => ({
      command: 'evaluate',
      args: {
        expression: expression(rng),
        context: rng.pick(['repl', 'watch', 'hover', 'clipboard', undefined]),
        frameId: k.frameIds.length ? rng.pick(k.frameIds) : undefined,
      },
    }),
    () => ({
      command: 'completions',
      args: { text: expression(rng), column: rng.chance(0.3) ? rng.interesting() | 0 : undefined },
    }),
    () => ({ command: 'exceptionInfo', args: { threadId: 1 } }),
    () => ({
      command: 'readMemory',
      args: {
        memoryReference: address(rng),
        offset: rng.chance(0.3) ? rng.interesting() | 0 : undefined,
        count: rng.chance(0.95) ? rng.below(4096) : rng.pick([1 << 20, 1 << 24, (1 << 24) + 1, -1, 0.5]),
      },
    }),
    () => ({
      command: 'writeMemory',
      args: {
        memoryReference: address(rng),
        offset: rng.chance(0.2) ? rng.interesting() | 0 : undefined,
        data: Buffer.from(rng.bytes(rng.below(64))).toString(rng.chance(0.9) ? 'base64' : 'hex'),
        allowPartial: rng.chance(0.5),
      },
    }),
    () => ({
      command: 'disassemble',
      args: {
        memoryReference: address(rng),
        offset: rng.chance(0.2) ? rng.interesting() | 0 : undefined,
        instructionOffset: rng.chance(0.3) ? (rng.interesting() | 0) % 100000 : undefined,
        instructionCount: rng.chance(0.95) ? rng.below(200) : rng.interesting(),
      },
    }),
    () => ({
      command: 'breakpointLocations',
      args: { source: { path: k.program }, line: line(), endLine: rng.chance(0.5) ? line() + 10 : undefined },
    }),
    () => ({ command: 'restart', args: {} }),
  ];
  const step = rng.pick(choices)();
  // Now and then one field gets a value of the wrong type.
  if (rng.chance(0.08)) {
    const keys = Object.keys(step.args);
    if (keys.length) step.args[rng.pick(keys)] = maybeWrong(rng, rng.pick(WRONG_VALUES));
  }
  return step;
}

function junkFrame(rng: Rng): Buffer {
  switch (rng.below(5)) {
    case 0:
      return frame(Buffer.from(rng.bytes(rng.below(64))));
    case 1:
      return Buffer.concat([
        Buffer.from(`Content-Length: ${rng.pick(['-1', 'abc', '99999999999', ''])}\r\n\r\n`),
        Buffer.from(rng.bytes(rng.below(16))),
      ]);
    case 2:
      return frame(JSON.stringify(rng.pick(WRONG_VALUES)));
    case 3:
      return frame(JSON.stringify({ seq: rng.pick(WRONG_VALUES), type: 'request', command: 'threads' }));
    default:
      return frame(
        JSON.stringify({
          seq: 900000 + rng.below(1000),
          type: 'request',
          command: rng.pick(['threads', 'evaluate', 'nosuch']),
          arguments: rng.pick(WRONG_VALUES),
        }),
      );
  }
}

function isInternal(m: DapMessage): boolean {
  return /internal error|\n\s+at /.test(m.message ?? '');
}

export const dapHarness: Harness = {
  name: 'dap',
  description:
    'the debug adapter process on random request sequences (launch, breakpoints, stepping and reverse steps, evaluate, memory, junk frames): answers, never a hang, crash or internal error',
  async run(ctx: FuzzContext): Promise<void> {
    const tally = new Map<string, number>();
    let stops = 0;
    while (ctx.timeLeft()) {
      const sent: string[] = [];
      const dc = new RawDapClient();
      const fail = (why: string): void => ctx.fail({ why, input: JSON.stringify(sent, null, 1), ext: 'dap.json' });
      const send = async (command: string, args: unknown): Promise<DapMessage | undefined | 'failed'> => {
        const seq = dc.sendRequest(command, args);
        sent.push(JSON.stringify({ seq, type: 'request', command, arguments: args }));
        const r = await dc.response(seq, ANSWER_MS);
        ctx.tried();
        if (r)
          tally.set(
            `${command} ${r.success ? 'ok' : 'error'}`,
            (tally.get(`${command} ${r.success ? 'ok' : 'error'}`) ?? 0) + 1,
          );
        if (!r) {
          fail(
            dc.exit
              ? `the adapter exited (${JSON.stringify(dc.exit)}) on '${command}'; stderr: ${dc.stderr.slice(0, 300)}`
              : `'${command}' unanswered after ${ANSWER_MS} ms`,
          );
          return 'failed';
        }
        if (isInternal(r)) {
          fail(`'${command}' ${JSON.stringify(args).slice(0, 200)}: ${r.message}`);
          return 'failed';
        }
        return r;
      };
      try {
        const kernel = ctx.rng.chance(0.15);
        const program = kernel ? ctx.rng.pick(KERNEL_PROGRAMS) : ctx.rng.pick(BARE_PROGRAMS);
        const known: Known = { program, frameIds: [], refs: [], dataIds: [] };
        if (
          (await send('initialize', {
            adapterID: 'i386',
            pathFormat: 'path',
            linesStartAt1: true,
            columnsStartAt1: true,
          })) === 'failed'
        )
          continue;
        const launch: Record<string, unknown> = {
          program,
          mode: kernel ? 'kernel' : 'bare',
          stopOnEntry: ctx.rng.chance(0.7),
          cpu: ctx.rng.pick(MODEL_IDS),
          history: ctx.rng.pick([0, 1000, 100000, undefined]),
          seed: kernel ? ctx.rng.u32() : undefined,
          memoryMB: ctx.rng.pick([2, 16, undefined]),
        };
        if (ctx.rng.chance(0.1)) launch[ctx.rng.pick(Object.keys(launch))] = ctx.rng.pick(WRONG_VALUES);
        if ((await send('launch', launch)) === 'failed') continue;
        if ((await send('configurationDone', {})) === 'failed') continue;
        await dc.waitFor((m) => m.event === 'stopped' || m.event === 'terminated', 3000);
        const steps = 5 + ctx.rng.below(40);
        let broken = false;
        for (let i = 0; i < steps && !broken && ctx.timeLeft(); i++) {
          if (ctx.rng.chance(0.05)) {
            const junk = junkFrame(ctx.rng);
            sent.push(`raw:${junk.toString('base64')}`);
            dc.send(junk);
            ctx.tried();
            continue;
          }
          const step = randomStep(ctx.rng, known);
          const before = dc.messages.length;
          const r = await send(step.command, step.args);
          if (r === 'failed') {
            broken = true;
            break;
          }
          // Like a client: after a run request, wait for the stop (or pause), then look at the stack.
          if (r?.success && RUNS.has(step.command)) {
            const ended = (m: DapMessage): boolean => m.event === 'stopped' || m.event === 'terminated';
            if (!(await dc.waitFor(ended, 2000, before)) && (await send('pause', { threadId: 1 })) === 'failed') {
              broken = true;
              break;
            }
            if ((await dc.waitFor(ended, 2000, before))?.event === 'stopped' && ctx.rng.chance(0.7)) {
              const st = await send('stackTrace', { threadId: 1 });
              if (st === 'failed') {
                broken = true;
                break;
              }
              known.frameIds = ((st?.body?.stackFrames ?? []) as { id: number }[]).map((f) => f.id);
              if (known.frameIds.length > 0) {
                const sc = await send('scopes', { frameId: known.frameIds[0] });
                if (sc === 'failed') {
                  broken = true;
                  break;
                }
                known.refs = ((sc?.body?.scopes ?? []) as { variablesReference: number }[]).map(
                  (x) => x.variablesReference,
                );
              }
            }
          }
          const body = r?.body as Record<string, unknown> | undefined;
          if (step.command === 'stackTrace' && Array.isArray(body?.stackFrames))
            known.frameIds = (body.stackFrames as { id: number }[]).map((f) => f.id);
          if (step.command === 'scopes' && Array.isArray(body?.scopes))
            known.refs = (body.scopes as { variablesReference: number }[]).map((s) => s.variablesReference);
          if (step.command === 'dataBreakpointInfo' && typeof body?.dataId === 'string')
            known.dataIds.push(body.dataId);
        }
        if (broken) continue;
        if ((await send('disconnect', { terminateDebuggee: true })) === 'failed') continue;
        const exit = await dc.close(5000);
        if (!exit || exit.code !== 0) fail(`after disconnect the adapter ended with ${JSON.stringify(exit)}`);
        else if (/\n\s+at /.test(dc.stderr)) fail(`a stack trace on the adapter's stderr: ${dc.stderr.slice(0, 400)}`);
      } finally {
        stops += dc.messages.filter((m) => m.event === 'stopped').length;
        await dc.close(2000);
      }
    }
    ctx.note(
      `${stops} stops; answers: ${[...tally]
        .sort()
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
  },
};
