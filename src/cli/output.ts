// Writing to stdout and stderr for the command line: synchronous writes on the descriptors
// (the order of a run's output and its messages is the order they happened), retried while a
// non-blocking pipe is full. A reader that closed the pipe makes the write throw EPIPE, which
// the top-level guard (cli.ts) turns into a quiet exit.
import * as fs from 'node:fs';

function writeAll(fd: number, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += fs.writeSync(fd, data, off, data.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      // A full non-blocking pipe: wait a moment for the reader.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/** Text to stdout; `latin1` keeps guest bytes 0x80..0xFF as they were written. */
export function writeOut(text: string | Uint8Array, encoding: BufferEncoding = 'utf8'): void {
  if (text.length === 0) return;
  writeAll(1, typeof text === 'string' ? Buffer.from(text, encoding) : text);
}

export function writeErr(text: string): void {
  if (text.length === 0) return;
  writeAll(2, Buffer.from(text, 'utf8'));
}

/** An EPIPE from a write: whoever read our output has stopped reading. */
export function isBrokenPipe(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as NodeJS.ErrnoException).code === 'EPIPE';
}
