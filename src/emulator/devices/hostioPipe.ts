// Pipes of the host I/O device: a byte queue between a read end and a write end, with Linux's
// rules (pipe(7)): a read of an empty pipe is the end of file once no write end is open, else
// it waits (or EAGAIN with O_NONBLOCK); a write with no read end open is EPIPE; a write of at
// most PIPE_BUF bytes goes in whole or waits; a longer one takes what fits. Waiting is the
// kernel's: the device answers -HOSTIO.BLOCK and the kernel retries the call later.

/** Writes of at most this many bytes are atomic (Linux's PIPE_BUF). */
const PIPE_BUF = 4096;

export class Pipe {
  private readonly data: Uint8Array;
  private start = 0;
  private used = 0;
  readers = 0;
  writers = 0;

  constructor(capacity: number) {
    this.data = new Uint8Array(capacity);
  }

  /** poll: a read would not wait (data, or no writer left: the end of file). */
  get readable(): boolean {
    return this.used > 0 || this.writers === 0;
  }

  /** poll: a write would not wait (room, or no reader left: EPIPE). */
  get writable(): boolean {
    return this.used < this.data.length || this.readers === 0;
  }

  get empty(): boolean {
    return this.used === 0;
  }

  /** Bytes into `into`: the count; 0 at the end of file; -1 when the reader must wait. */
  read(into: Uint8Array): number {
    if (this.used === 0) return this.writers === 0 ? 0 : -1;
    const n = Math.min(into.length, this.used);
    for (let i = 0; i < n; i++) into[i] = this.data[(this.start + i) % this.data.length];
    this.start = (this.start + n) % this.data.length;
    this.used -= n;
    return n;
  }

  /** The count taken from `bytes`; -1 when the writer must wait; -2 when no reader is left (EPIPE). */
  write(bytes: Uint8Array): number {
    if (this.readers === 0) return -2;
    const space = this.data.length - this.used;
    if (space === 0 || (bytes.length <= PIPE_BUF && space < bytes.length)) return -1;
    const n = Math.min(space, bytes.length);
    const end = this.start + this.used;
    for (let i = 0; i < n; i++) this.data[(end + i) % this.data.length] = bytes[i];
    this.used += n;
    return n;
  }
}
