// The debug adapter against broken input, written as raw bytes to the real adapter process:
// every bad frame or malformed message gets an answer (an error response when a request seq
// can be read, otherwise an output event on stderr), the adapter goes on serving, and only the
// end of its input ends it, with status 0. Wrong argument types for every request are
// answered with one line, never an internal error.

import * as assert from 'assert';
import * as path from 'path';
import { frame, RawDapClient, ROOT, type DapMessage } from '../../scripts/fuzz/dapClient';
import { REQUEST_FIELDS, WRONG_VALUES } from '../../scripts/fuzz/dapCommands';

const HELLO = path.join(ROOT, 'test', 'debugger', 'fixtures', 'hello.asm');

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Bad input, and whether the adapter can answer it as a request (its seq). */
const BAD_INPUTS: { what: string; bytes: Buffer; answersSeq?: number }[] = [
  { what: 'a body that is not JSON', bytes: frame('not json at all') },
  { what: 'random bytes as the body', bytes: frame(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x7b, 0x22, 0xc3])) },
  { what: 'a body that is not UTF-8', bytes: frame(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])) },
  { what: 'a negative Content-Length', bytes: Buffer.from('Content-Length: -5\r\n\r\n{}') },
  { what: 'a non-numeric Content-Length', bytes: Buffer.from('Content-Length: twelve\r\n\r\n{}') },
  { what: 'a huge Content-Length', bytes: Buffer.from('Content-Length: 99999999999\r\n\r\n{}') },
  { what: 'no Content-Length', bytes: Buffer.from('Content-Type: application/json\r\n\r\n{}') },
  { what: 'a header line without a colon', bytes: Buffer.from('hello there\r\n\r\n') },
  { what: 'a JSON number', bytes: frame('5') },
  { what: 'a JSON string', bytes: frame('"initialize"') },
  { what: 'JSON null', bytes: frame('null') },
  { what: 'a JSON array', bytes: frame('[{"seq":1,"type":"request","command":"threads"}]') },
  { what: 'an empty object', bytes: frame('{}') },
  { what: 'a negative seq', bytes: frame('{"seq":-1,"type":"request","command":"threads"}') },
  { what: 'a fractional seq', bytes: frame('{"seq":1.5,"type":"request","command":"threads"}') },
  { what: 'a string seq', bytes: frame('{"seq":"7","type":"request","command":"threads"}') },
  { what: 'an event from the client', bytes: frame('{"seq":8,"type":"event","event":"stopped"}') },
  { what: 'no type', bytes: frame('{"seq":9,"command":"threads"}') },
  { what: 'a request without a command', bytes: frame('{"seq":10,"type":"request"}') },
  { what: 'a numeric command', bytes: frame('{"seq":11,"type":"request","command":42}') },
  {
    what: 'array arguments',
    bytes: frame('{"seq":12,"type":"request","command":"evaluate","arguments":[1,2]}'),
    answersSeq: 12,
  },
  {
    what: 'string arguments',
    bytes: frame('{"seq":13,"type":"request","command":"initialize","arguments":"x"}'),
    answersSeq: 13,
  },
  { what: 'an unknown command', bytes: frame('{"seq":14,"type":"request","command":"makeCoffee"}'), answersSeq: 14 },
  {
    what: 'deeply nested arguments',
    bytes: frame(`{"seq":15,"type":"request","command":"evaluate","arguments":{"expression":${nested(100000)}}}`),
    answersSeq: 15,
  },
  {
    what: 'a 4 MiB expression',
    bytes: frame(
      JSON.stringify({
        seq: 16,
        type: 'request',
        command: 'evaluate',
        arguments: { expression: '1+'.repeat(2 << 20) + '1' },
      }),
    ),
    answersSeq: 16,
  },
  {
    what: 'a response to a request never made',
    bytes: frame('{"seq":17,"type":"response","request_seq":999,"success":true,"command":"runInTerminal"}'),
  },
];

function isInternal(m: DapMessage): boolean {
  return /internal error|\n\s+at /.test(`${m.message ?? ''}`);
}

describe('debug adapter: broken frames and messages over stdio', function () {
  this.timeout(120000);

  it('answers each bad input and keeps serving; closing its input ends it with status 0', async () => {
    const dc = new RawDapClient();
    try {
      const init = await dc.request('initialize', {
        adapterID: 'i386',
        pathFormat: 'path',
        linesStartAt1: true,
        columnsStartAt1: true,
      });
      assert.strictEqual(init?.success, true, `initialize: ${JSON.stringify(init)}`);
      let seq = 1000;
      for (const bad of BAD_INPUTS) {
        const before = dc.messages.length;
        dc.send(bad.bytes);
        if (bad.answersSeq !== undefined) {
          const r = await dc.response(bad.answersSeq);
          assert.ok(r, `${bad.what}: no response to seq ${bad.answersSeq}`);
          assert.strictEqual(r.success, false, `${bad.what}: ${JSON.stringify(r).slice(0, 300)}`);
          assert.ok(!isInternal(r), `${bad.what}: ${r.message}`);
          assert.ok(
            (r.message ?? '').length < 400 && !r.message!.includes('\n'),
            `${bad.what}: not one short line: ${r.message?.slice(0, 400)}`,
          );
        } else if (!bad.what.startsWith('a response')) {
          const e = await dc.waitFor(
            (m) => m.type === 'event' && m.event === 'output' && m.body?.category === 'stderr',
            10000,
            before,
          );
          assert.ok(e, `${bad.what}: no stderr output event`);
        }
        // A huge Content-Length waits for a body that never comes: that is the one way to
        // lose the stream, so it is rejected before waiting.
        const probe = ++seq;
        dc.send(frame(JSON.stringify({ seq: probe, type: 'request', command: 'threads' })));
        const r = await dc.response(probe);
        assert.ok(
          r,
          `after ${bad.what}: the adapter no longer answers (exit ${JSON.stringify(dc.exit)}, stderr ${dc.stderr})`,
        );
        assert.strictEqual(r.success, true, `after ${bad.what}: ${r.message}`);
      }
      assert.strictEqual(dc.exit, undefined, 'the adapter exited while it had input');
      const exit = await dc.close();
      assert.deepStrictEqual(exit, { code: 0, signal: null });
      assert.doesNotMatch(dc.stderr, /\n\s+at /, `a stack trace on stderr: ${dc.stderr}`);
    } finally {
      await dc.close();
    }
  });

  it('a frame split into single bytes and frames glued together are read alike', async () => {
    const dc = new RawDapClient();
    try {
      const bytes = Buffer.concat([
        frame('{"seq":1,"type":"request","command":"threads"}'),
        frame('{"seq":2,"type":"request","command":"threads"}'),
      ]);
      for (const b of bytes.subarray(0, 30)) dc.send(Buffer.from([b]));
      dc.send(bytes.subarray(30));
      assert.strictEqual((await dc.response(1))?.success, true);
      assert.strictEqual((await dc.response(2))?.success, true);
    } finally {
      await dc.close();
    }
  });

  it('wrong argument types for every request, before launch and while stopped: one-line errors, never an internal error', async () => {
    const dc = new RawDapClient();
    const problems: string[] = [];
    let answered = 0;
    const tryAll = async (commands: string[]): Promise<void> => {
      for (const command of commands) {
        const shapes: unknown[] = [undefined, {}];
        for (const field of REQUEST_FIELDS[command]) for (const v of WRONG_VALUES) shapes.push({ [field]: v });
        for (const args of shapes) {
          const r = await dc.request(command, args);
          if (!r) {
            problems.push(`${command} ${JSON.stringify(args)}: no response (exit ${JSON.stringify(dc.exit)})`);
            return;
          }
          answered++;
          if (isInternal(r)) problems.push(`${command} ${JSON.stringify(args)}: ${r.message}`);
        }
      }
    };
    try {
      await dc.request('initialize', { adapterID: 'i386', pathFormat: 'path' });
      const quiet = Object.keys(REQUEST_FIELDS).filter(
        (c) => !['disconnect', 'terminate', 'restart', 'launch', 'continue', 'reverseContinue'].includes(c),
      );
      await tryAll(quiet);
      const launched = await dc.request('launch', { program: HELLO, mode: 'bare', stopOnEntry: true });
      assert.strictEqual(launched?.success, true, JSON.stringify(launched));
      await dc.request('configurationDone');
      assert.ok(await dc.waitFor((m) => m.event === 'stopped'), 'no stop on entry');
      await tryAll(quiet);
      await tryAll(['launch', 'restart', 'continue', 'reverseContinue', 'terminate']);
      assert.deepStrictEqual(problems.slice(0, 20), []);
      assert.ok(answered > 3000, `only ${answered} requests answered`);
      assert.strictEqual((await dc.request('threads'))?.success, true);
      await dc.request('disconnect', {});
      const exit = await dc.close();
      assert.deepStrictEqual(exit, { code: 0, signal: null });
    } finally {
      await dc.close();
    }
  });
});
