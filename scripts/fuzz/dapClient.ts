// A DAP client at the byte level: the adapter as a child process (node dist/debugAdapter.js),
// frames written raw (so that broken ones can be sent), messages read back with their seq.
// Used by the adapter's robustness tests and by the DAP fuzz harness.

import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../../..');
export const ADAPTER = path.join(ROOT, 'dist', 'debugAdapter.js');

export interface DapMessage {
  seq: number;
  type: string;
  command?: string;
  request_seq?: number;
  success?: boolean;
  message?: string;
  event?: string;
  body?: Record<string, unknown>;
}

export function frame(body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'latin1'), bytes]);
}

export class RawDapClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly messages: DapMessage[] = [];
  stderr = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private raw = Buffer.alloc(0);
  private waiters: { test: (m: DapMessage) => boolean; resolve: (m: DapMessage) => void }[] = [];
  private exitWaiters: (() => void)[] = [];
  private nextSeq = 1;

  constructor(adapter = ADAPTER) {
    this.child = spawn(process.execPath, [adapter], { stdio: 'pipe' });
    this.child.stdout.on('data', (d: Buffer) => this.onData(d));
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    this.child.stdin.on('error', () => {
      // the adapter went away; `exit` says how
    });
    this.child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      for (const w of this.exitWaiters.splice(0)) w();
    });
  }

  send(bytes: Buffer | string): void {
    if (!this.exit) this.child.stdin.write(bytes);
  }

  /** Sends a request and returns its seq. */
  sendRequest(command: string, args?: unknown, extra: Record<string, unknown> = {}): number {
    const seq = this.nextSeq++;
    this.send(frame(JSON.stringify({ seq, type: 'request', command, arguments: args, ...extra })));
    return seq;
  }

  /** The response to request `seq`, or undefined after `ms` (or when the adapter exits). */
  response(seq: number, ms = 10000): Promise<DapMessage | undefined> {
    return this.waitFor((m) => m.type === 'response' && m.request_seq === seq, ms);
  }

  async request(command: string, args?: unknown, ms = 10000): Promise<DapMessage | undefined> {
    return this.response(this.sendRequest(command, args), ms);
  }

  /** The first message (already received or to come) that passes `test`. */
  waitFor(test: (m: DapMessage) => boolean, ms = 10000, from = 0): Promise<DapMessage | undefined> {
    const seen = this.messages.slice(from).find(test);
    if (seen) return Promise.resolve(seen);
    if (this.exit) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiter = {
        test,
        resolve: (m: DapMessage | undefined) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      }, ms);
      this.waiters.push(waiter as { test: (m: DapMessage) => boolean; resolve: (m: DapMessage) => void });
      this.exitWaiters.push(() => waiter.resolve(undefined));
    });
  }

  /** Closes the adapter's input and waits for it to exit. */
  async close(ms = 5000): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined> {
    if (!this.exit) this.child.stdin.end();
    if (!this.exit) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.exitWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (!this.exit) this.child.kill('SIGKILL');
    return this.exit;
  }

  private onData(d: Buffer): void {
    this.raw = Buffer.concat([this.raw, d]);
    for (;;) {
      const end = this.raw.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.raw.subarray(0, end).toString('latin1'));
      if (!m)
        throw new Error(
          `the adapter wrote a header without Content-Length: ${this.raw.subarray(0, end).toString('latin1')}`,
        );
      const length = Number(m[1]);
      if (this.raw.length < end + 4 + length) return;
      const message = JSON.parse(this.raw.subarray(end + 4, end + 4 + length).toString('utf8')) as DapMessage;
      this.raw = this.raw.subarray(end + 4 + length);
      this.messages.push(message);
      for (const w of [...this.waiters]) {
        if (w.test(message)) {
          this.waiters = this.waiters.filter((x) => x !== w);
          w.resolve(message);
        }
      }
    }
  }
}
