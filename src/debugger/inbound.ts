// What arrives from a DAP client before the session sees it: the byte stream cut into frames
// (`Content-Length: N\r\n\r\n` + N bytes of UTF-8 JSON, the DAP "Base protocol"), and each
// message checked for the shape of a protocol message. Anything else becomes one line of text
// for the client (an error response when a request seq can be read, otherwise an output
// event) and the stream carries on at the next header: a client's mistake never ends the
// adapter, only the end of its input does.

import type { DebugProtocol } from '@vscode/debugprotocol';

/** Longest header block accepted (the protocol's header is one short line). */
export const MAX_HEADER_BYTES = 4096;
/** Largest body accepted: a 16 MiB writeMemory in base64 with room to spare. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Deepest nesting of arrays and objects in a message; requests nest a few levels. */
export const MAX_DEPTH = 64;

const SEPARATOR = Buffer.from('\r\n\r\n', 'latin1');
const HEADER_NAME = Buffer.from('content-length:', 'latin1');

export interface FrameSink {
  /** A parsed JSON value from a well-formed frame. */
  message(value: unknown): void;
  /** What was wrong with the bytes just skipped. */
  problem(text: string): void;
}

function preview(bytes: Buffer): string {
  const text = bytes
    .subarray(0, 40)
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '.');
  return JSON.stringify(bytes.length > 40 ? `${text}...` : text);
}

/** Cuts a byte stream into frames; every bad frame is reported and skipped. */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** The body length of the header just read, while its body is still arriving. */
  private bodyLength = -1;

  constructor(private readonly sink: FrameSink) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (this.step()) {
      // one frame (or one skipped stretch) per step
    }
  }

  /** Bytes held that do not make a whole frame yet (reported when the input ends). */
  get pending(): number {
    return this.buffer.length;
  }

  /** One frame or one resynchronisation; false when more bytes are needed. */
  private step(): boolean {
    if (this.bodyLength >= 0) {
      if (this.buffer.length < this.bodyLength) return false;
      const body = this.buffer.subarray(0, this.bodyLength);
      this.buffer = this.buffer.subarray(this.bodyLength);
      this.bodyLength = -1;
      this.body(body);
      return true;
    }
    const end = this.buffer.indexOf(SEPARATOR);
    if (end < 0) {
      if (this.buffer.length > MAX_HEADER_BYTES) {
        this.skip(
          `a header longer than ${MAX_HEADER_BYTES} bytes without the blank line that ends it`,
          this.buffer.length,
        );
        return true;
      }
      return false;
    }
    if (end > MAX_HEADER_BYTES) {
      this.skip(`a header longer than ${MAX_HEADER_BYTES} bytes`, end + SEPARATOR.length);
      return true;
    }
    const header = this.buffer.subarray(0, end);
    const length = contentLength(header.toString('latin1'));
    if (typeof length === 'string') {
      this.skip(length + ` in the header ${preview(header)}`, end + SEPARATOR.length);
      return true;
    }
    this.buffer = this.buffer.subarray(end + SEPARATOR.length);
    this.bodyLength = length;
    return true;
  }

  /**
   * Reports `why` and drops the bad bytes: at least `from`, and on up to the next
   * "Content-Length:" so that the stream picks up at a real header.
   */
  private skip(why: string, from: number): void {
    this.sink.problem(`ignored a frame: ${why}`);
    const lower = Buffer.from(this.buffer.toString('latin1').toLowerCase(), 'latin1');
    const next = lower.indexOf(HEADER_NAME, Math.min(from, this.buffer.length));
    this.buffer = next >= 0 ? this.buffer.subarray(next) : Buffer.alloc(0);
  }

  private body(bytes: Buffer): void {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      this.sink.problem(`ignored a frame: its ${bytes.length}-byte body is not UTF-8 ${preview(bytes)}`);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.sink.problem(
        `ignored a frame: its body is not JSON (${e instanceof Error ? e.message : String(e)}) ${preview(bytes)}`,
      );
      return;
    }
    this.sink.message(value);
  }
}

/** The body length a header block gives, or what is wrong with it. */
function contentLength(header: string): number | string {
  let found: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return `a header line without a colon`;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,12}$/.test(value)) return `Content-Length ${JSON.stringify(value.slice(0, 20))} is not a byte count`;
    const n = Number(value);
    if (n > MAX_BODY_BYTES) return `Content-Length ${n} is over the ${MAX_BODY_BYTES}-byte limit`;
    if (found !== undefined && found !== n) return 'two different Content-Length lines';
    found = n;
  }
  return found ?? 'no Content-Length';
}

/** How deep arrays and objects nest in a JSON value, counted without recursion; stops past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const d = depth + 1;
    if (d > deepest) deepest = d;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d]);
  }
  return deepest;
}

export type Checked =
  | { ok: true; message: DebugProtocol.ProtocolMessage }
  | {
      ok: false;
      why: string;
      /** Set when the message is a request whose seq and command can be answered. */ request?: {
        seq: number;
        command: string;
      };
    };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A client message as the protocol defines ProtocolMessage/Request: an object with a
 * non-negative integer seq and a type; a request has a command and, if any, object arguments.
 */
export function checkMessage(value: unknown): Checked {
  if (!isPlainObject(value))
    return {
      ok: false,
      why: `a message must be a JSON object, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
    };
  const { seq, type, command } = value;
  const seqOk = typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0;
  const answerable =
    seqOk && typeof command === 'string' && command.length > 0 && command.length <= 200
      ? { seq: seq as number, command: command as string }
      : undefined;
  if (nestingDepth(value, MAX_DEPTH) > MAX_DEPTH)
    return {
      ok: false,
      why: `the message nests deeper than ${MAX_DEPTH} levels`,
      request: type === 'request' ? answerable : undefined,
    };
  if (!seqOk)
    return { ok: false, why: `a message needs a non-negative integer "seq", got ${JSON.stringify(seq) ?? 'none'}` };
  if (type === 'response') {
    if (typeof value.request_seq !== 'number' || typeof value.success !== 'boolean')
      return { ok: false, why: 'a response needs a numeric "request_seq" and a boolean "success"' };
    return { ok: true, message: value as unknown as DebugProtocol.ProtocolMessage };
  }
  if (type !== 'request')
    return {
      ok: false,
      why: `a client sends requests (and responses to the adapter's requests), not ${JSON.stringify(type) ?? 'a message without "type"'}`,
    };
  if (!answerable)
    return {
      ok: false,
      why: `a request needs a non-empty "command" string, got ${JSON.stringify(command)?.slice(0, 60) ?? 'none'}`,
    };
  if (value.arguments !== undefined && !isPlainObject(value.arguments)) {
    return {
      ok: false,
      why: `the arguments of '${answerable.command}' must be an object, not ${JSON.stringify(value.arguments)?.slice(0, 60)}`,
      request: answerable,
    };
  }
  return { ok: true, message: value as unknown as DebugProtocol.ProtocolMessage };
}
