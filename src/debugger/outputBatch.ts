// The program's and the kernel's output on its way to the client as DAP output events. A
// program can write far faster than a client can show text (one event per console line made
// an editor crawl and the adapter's memory grow). Up to `eventsPerSecond` pieces of output a
// second go out at once, one event each, as they come; past that, output is gathered for
// `delayMs` and sent as one event per run of one category. At most `bytesPerSecond` bytes are
// sent per second: past that, one note says the output is cut and names the file where the
// full stream, every byte of every category, is written from the start.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type OutputCategory = 'stdout' | 'console' | 'stderr';

export interface OutputBatchOptions {
  /** Output sent per one-second window; the rest goes only to the file. */
  bytesPerSecond: number;
  /** Pieces of output per one-second window sent at once, unbatched. */
  eventsPerSecond: number;
  /** How long output waits to be batched. */
  delayMs: number;
  /** Where the full stream goes (created on the first output). */
  file: string;
  now?: () => number;
  schedule?: (run: () => void, ms: number) => void;
}

export const DEFAULT_OUTPUT_BYTES_PER_SECOND = 256 * 1024;
export const DEFAULT_OUTPUT_EVENTS_PER_SECOND = 200;

let sequence = 0;

/** A fresh file name for one session's full output, in the host's temporary directory. */
export function outputFileName(): string {
  return path.join(os.tmpdir(), `i386-lab-output-${process.pid}-${++sequence}.txt`);
}

export class OutputBatcher {
  private pending: [OutputCategory, string][] = [];
  private scheduled = false;
  private windowStart = -Infinity;
  private windowBytes = 0;
  private windowEvents = 0;
  private truncatedInWindow = false;
  private fd: number | undefined;
  /** Bytes left out of the events so far. */
  dropped = 0;
  private readonly now: () => number;
  private readonly schedule: (run: () => void, ms: number) => void;

  constructor(
    private readonly send: (text: string, category: OutputCategory) => void,
    private readonly options: OutputBatchOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? ((run, ms) => void setTimeout(run, ms));
  }

  get file(): string {
    return this.options.file;
  }

  add(text: string, category: OutputCategory): void {
    if (text.length === 0) return;
    this.record(text);
    this.roll();
    if (this.pending.length === 0 && this.windowEvents < this.options.eventsPerSecond) {
      this.emit(text, category);
      return;
    }
    const last = this.pending[this.pending.length - 1];
    if (last && last[0] === category) last[1] += text;
    else this.pending.push([category, text]);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush(), this.options.delayMs);
    }
  }

  /** Sends what is waiting (before a stopped or exited event, so the order holds). */
  flush(): void {
    this.scheduled = false;
    this.roll();
    for (const [category, text] of this.pending) this.emit(text, category);
    this.pending = [];
  }

  /** A new one-second window when the last one is over. */
  private roll(): void {
    const now = this.now();
    if (now - this.windowStart < 1000) return;
    this.windowStart = now;
    this.windowBytes = 0;
    this.windowEvents = 0;
    this.truncatedInWindow = false;
  }

  /** One event, within the window's byte budget. */
  private emit(text: string, category: OutputCategory): void {
    this.windowEvents++;
    const room = this.options.bytesPerSecond - this.windowBytes;
    if (text.length <= room) {
      this.send(text, category);
      this.windowBytes += text.length;
      return;
    }
    if (room > 0) this.send(text.slice(0, room), category);
    this.windowBytes = this.options.bytesPerSecond;
    this.dropped += text.length - Math.max(0, room);
    if (!this.truncatedInWindow) {
      this.truncatedInWindow = true;
      this.send(
        `\n[output truncated: more than ${this.options.bytesPerSecond} bytes in a second; the full output is in ${this.options.file}]\n`,
        'console',
      );
    }
  }

  /** The last flush; the file is complete. */
  close(): void {
    this.flush();
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private record(text: string): void {
    try {
      if (this.fd === undefined) this.fd = fs.openSync(this.options.file, 'w');
      fs.writeSync(this.fd, Buffer.from(text, 'utf8'));
    } catch {
      // No file: the note still names where it would have been; the events are unaffected.
    }
  }
}
