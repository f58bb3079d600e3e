// The adapter as the extension runs it by default: inline in the extension host
// (DebugAdapterInlineImplementation), where VS Code hands each message to handleMessage() and
// reads the answers from onDidSendMessage, with no byte stream and no framing in between. The
// Debug Console's traffic is replayed as the editor sends it: completions while a line is typed
// (from its trigger characters and from the letters), then evaluate with context 'repl'. Every
// request must be answered exactly once, and the Debug Console's answers must not wait behind
// the output batching.

import * as assert from 'assert';
import * as path from 'path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { I386DebugSession } from '../../src/debugger/session';

const ROOT = path.resolve(__dirname, '../../..');
const ASK = path.join(ROOT, 'examples', 'ask-kernel.asm');
const WATCH = path.join(ROOT, 'test', 'debugger', 'fixtures', 'watch.asm');

/** VS Code's side of an inline adapter: messages in through handleMessage, out through onDidSendMessage. */
class InlineClient {
  readonly session = new I386DebugSession();
  /** Everything the adapter sent, in order. */
  readonly sent: DebugProtocol.ProtocolMessage[] = [];
  private seq = 1;
  private readonly waiting = new Map<number, (r: DebugProtocol.Response) => void>();
  private readonly eventWaiters: { event: string; resolve: (e: DebugProtocol.Event) => void }[] = [];
  private readonly subscription: { dispose(): void };

  constructor() {
    this.subscription = this.session.onDidSendMessage((m) => {
      const message = m as DebugProtocol.ProtocolMessage;
      this.sent.push(message);
      if (message.type === 'response') {
        const r = message as DebugProtocol.Response;
        const resolve = this.waiting.get(r.request_seq);
        assert.ok(resolve, `a response to request ${r.request_seq} (${r.command}) that is not waited for`);
        this.waiting.delete(r.request_seq);
        resolve(r);
      } else if (message.type === 'event') {
        const e = message as DebugProtocol.Event;
        const i = this.eventWaiters.findIndex((w) => w.event === e.event);
        if (i >= 0) this.eventWaiters.splice(i, 1)[0].resolve(e);
      }
    });
  }

  /** Sends a request; `sync` holds the response if it arrived before handleMessage returned. */
  request(command: string, args: object = {}): { seq: number; response: Promise<DebugProtocol.Response> } {
    const seq = this.seq++;
    const response = new Promise<DebugProtocol.Response>((resolve) => this.waiting.set(seq, resolve));
    this.session.handleMessage({ seq, type: 'request', command, arguments: args } as DebugProtocol.Request);
    return { seq, response };
  }

  async ok<T extends DebugProtocol.Response>(command: string, args: object = {}): Promise<T> {
    const r = (await this.request(command, args).response) as T;
    assert.ok(r.success, `${command}: ${r.message ?? ''}`);
    return r;
  }

  /** Whether the adapter answered request `seq` already. */
  answered(seq: number): boolean {
    return this.sent.some((m) => m.type === 'response' && (m as DebugProtocol.Response).request_seq === seq);
  }

  event(event: string): Promise<DebugProtocol.Event> {
    return new Promise((resolve) => this.eventWaiters.push({ event, resolve }));
  }

  async dispose(): Promise<void> {
    if (!this.sent.some((m) => (m as DebugProtocol.Event).event === 'terminated'))
      await this.ok('disconnect', { terminateDebuggee: true }).catch(() => undefined);
    this.subscription.dispose();
    this.session.dispose();
  }
}

/** What VS Code sends after `initialize`: launch, then configurationDone once `initialized` arrives. */
async function launch(client: InlineClient, args: object, filters: string[]): Promise<DebugProtocol.StoppedEvent> {
  await client.ok('initialize', { adapterID: 'i386', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const initialized = client.event('initialized');
  const stopped = client.event('stopped') as Promise<DebugProtocol.StoppedEvent>;
  await client.ok('launch', args);
  await initialized;
  await client.ok('setExceptionBreakpoints', { filters });
  await client.ok('configurationDone');
  return stopped;
}

/**
 * The Debug Console's requests for typing `line` one key at a time, then Enter: a completions
 * request after each key (what the editor asks while its suggestion list is open), then evaluate.
 */
async function typeInConsole(
  client: InlineClient,
  frameId: number,
  line: string,
): Promise<{ evaluate: DebugProtocol.EvaluateResponse; answeredAtOnce: boolean }> {
  for (let n = 1; n <= line.length; n++)
    await client.ok('completions', { frameId, text: line.slice(0, n), column: n + 1 });
  const { seq, response } = client.request('evaluate', { expression: line, frameId, context: 'repl' });
  const answeredAtOnce = client.answered(seq);
  return { evaluate: (await response) as DebugProtocol.EvaluateResponse, answeredAtOnce };
}

async function topFrame(client: InlineClient, threadId: number): Promise<number> {
  const st = await client.ok<DebugProtocol.StackTraceResponse>('stackTrace', { threadId, startFrame: 0, levels: 20 });
  return st.body.stackFrames[0].id;
}

describe('debug adapter inline in the extension host (handleMessage / onDidSendMessage)', function () {
  this.timeout(60000);
  let client: InlineClient;

  beforeEach(() => {
    client = new InlineClient();
  });

  afterEach(async () => {
    await client.dispose();
  });

  it('help typed in the Debug Console at the lock nop stop under the kernel answers with the command list, at once', async () => {
    const stopped = await launch(client, { program: ASK, cpu: 'pentium-ii' }, ['lock-nop']);
    assert.match(stopped.body.description ?? stopped.body.text ?? '', /lock nop/);
    // The kernel's boot lines (batched output) are all out before the stop that follows them.
    const index = (test: (m: DebugProtocol.Event) => boolean): number =>
      client.sent.findIndex((m) => m.type === 'event' && test(m as DebugProtocol.Event));
    const advertised = index((e) => e.event === 'output' && /advertised sysenter/.test(e.body?.output ?? ''));
    assert.ok(advertised >= 0, 'the kernel says which mechanism it advertises');
    assert.ok(advertised < index((e) => e.event === 'stopped'));
    const frameId = await topFrame(client, stopped.body.threadId!);
    // The editor asks exceptionInfo and scopes at the stop before the user types.
    await client.ok('exceptionInfo', { threadId: stopped.body.threadId });
    await client.ok('scopes', { frameId });
    const { evaluate, answeredAtOnce } = await typeInConsole(client, frameId, 'help');
    assert.ok(evaluate.success, evaluate.message);
    assert.match(evaluate.body.result, /info kip \[ADDR\]/);
    assert.match(evaluate.body.result, /x\/NFU ADDR/);
    assert.ok(answeredAtOnce, 'the answer is sent from handleMessage, not held for a timer');
    // The completions offered on the way: `help` for "h".."hel", nothing to replace "help" by itself.
    const forH = await client.ok<DebugProtocol.CompletionsResponse>('completions', { frameId, text: 'h', column: 2 });
    assert.ok(
      forH.body.targets.some((t) => t.label === 'help'),
      JSON.stringify(forH.body.targets),
    );
    const forHelp = await client.ok<DebugProtocol.CompletionsResponse>('completions', {
      frameId,
      text: 'help',
      column: 5,
    });
    assert.deepStrictEqual(
      forHelp.body.targets.filter((t) => t.label === 'help'),
      [],
    );
  });

  it('every request the Debug Console sends gets exactly one answer, sent from handleMessage', async () => {
    const stopped = await launch(client, { program: WATCH, mode: 'bare', stopOnEntry: true }, []);
    const frameId = await topFrame(client, stopped.body.threadId!);
    const before = client.sent.length;
    for (const line of ['info registers', 'x/4xb counter', 'eax + 1', 'help']) {
      const { evaluate, answeredAtOnce } = await typeInConsole(client, frameId, line);
      assert.ok(evaluate.success, `${line}: ${evaluate.message}`);
      assert.ok(answeredAtOnce, `${line}: answered from handleMessage`);
    }
    const responses = client.sent.slice(before).filter((m) => m.type === 'response') as DebugProtocol.Response[];
    const seqs = responses.map((r) => r.request_seq);
    assert.strictEqual(new Set(seqs).size, seqs.length, 'no request answered twice');
    assert.strictEqual(responses.filter((r) => r.command === 'evaluate').length, 4);
  });

  it('a blank line in the Debug Console answers with nothing, not an error', async () => {
    const stopped = await launch(client, { program: WATCH, mode: 'bare', stopOnEntry: true }, []);
    const frameId = await topFrame(client, stopped.body.threadId!);
    for (const line of ['', '   ']) {
      const r = (await client.request('evaluate', { expression: line, frameId, context: 'repl' })
        .response) as DebugProtocol.EvaluateResponse;
      assert.ok(r.success, `${JSON.stringify(line)}: ${r.message}`);
      assert.strictEqual(r.body.result, '');
    }
    // Elsewhere (a watch, a hover) an empty expression is still a mistake to report.
    const watch = await client.request('evaluate', { expression: '', frameId, context: 'watch' }).response;
    assert.strictEqual(watch.success, false);
    assert.match(watch.message ?? '', /empty expression/);
  });
});
