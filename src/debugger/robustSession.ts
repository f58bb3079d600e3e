// The session's front door: @vscode/debugadapter reads its input stream itself and treats a
// frame whose body is not JSON as a stream error, which shuts the process down with status 0.
// Here the input goes through our own framing (inbound.ts) instead; the library only writes.
// Bad frames and malformed messages are answered (error response when a request seq is known,
// otherwise an output event on stderr) and the adapter keeps serving; only the end of its
// input ends it. The same checks apply to messages handed in directly (the adapter inline in
// the extension host).

import { PassThrough } from 'stream';
import { DebugSession, OutputEvent, Response } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { checkMessage, FrameReader } from './inbound';

/** The library's own code for an exception thrown by a request handler. */
const LIBRARY_EXCEPTION = 1104;
/** Our code for a message or frame the adapter could not take. */
export const BAD_MESSAGE = 1002;

/** Marks a host error (a defect of the adapter, not the client's mistake) in an error response. */
export const INTERNAL_ERROR_PREFIX = 'internal error';

// DebugSession, not LoggingDebugSession: the latter queues every message it logs until its
// logger is set up, so a session that never sets it up holds every request, response and
// event it ever sent (the soak bench's debugger run grew 55 MiB in 11,000 stops).
export class RobustDebugSession extends DebugSession {
  private inputEnded = false;

  override start(inStream: NodeJS.ReadableStream, outStream: NodeJS.WritableStream): void {
    // The library gets an input that never speaks; ours is read below.
    super.start(new PassThrough(), outStream);
    const reader = new FrameReader({
      message: (value) => this.handleMessage(value as DebugProtocol.ProtocolMessage),
      problem: (text) => this.reportProblem(text),
    });
    const end = (why?: string): void => {
      if (this.inputEnded) return;
      this.inputEnded = true;
      if (why) process.stderr.write(`i386 debug adapter: ${why}\n`);
      if (reader.pending > 0)
        process.stderr.write(`i386 debug adapter: the input ended inside a frame (${reader.pending} bytes unread)\n`);
      this.shutdown();
    };
    inStream.on('data', (chunk: Buffer | string) => {
      try {
        reader.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      } catch (e) {
        this.reportProblem(
          `${INTERNAL_ERROR_PREFIX} while reading the input: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    });
    inStream.on('end', () => end());
    inStream.on('close', () => end());
    inStream.on('error', (e: Error) => end(`input error: ${e.message}`));
  }

  override handleMessage(msg: DebugProtocol.ProtocolMessage): void {
    const checked = checkMessage(msg);
    if (!checked.ok) {
      if (checked.request) this.answerBadRequest(checked.request, checked.why);
      else this.reportProblem(`ignored a message: ${checked.why}`);
      return;
    }
    const message = checked.message as DebugProtocol.Request;
    // Arguments are optional in the protocol; handlers read their fields.
    if (message.type === 'request' && message.arguments === undefined) message.arguments = {};
    try {
      super.handleMessage(message);
    } catch (e) {
      const m = checked.message as DebugProtocol.Request;
      this.answerBadRequest(
        { seq: m.seq, command: String(m.command) },
        `${INTERNAL_ERROR_PREFIX}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  /** A command this adapter does not know (the library's default answer does not name it). */
  protected override customRequest(command: string, response: DebugProtocol.Response): void {
    this.sendErrorResponse(response, {
      id: BAD_MESSAGE,
      format: escapeFormat(`unrecognized request '${command.slice(0, 60)}'`),
      showUser: true,
    });
  }

  /** A line for the client when there is no request to answer. */
  protected reportProblem(text: string): void {
    this.sendEvent(new OutputEvent(`${text}\n`, 'stderr'));
  }

  private answerBadRequest(request: { seq: number; command: string }, why: string): void {
    const response = new Response({ seq: request.seq, command: request.command, type: 'request' });
    this.sendErrorResponse(response, { id: BAD_MESSAGE, format: escapeFormat(why), showUser: true });
  }

  /** The library answers an exception in a handler with its stack trace: one line instead. */
  protected override sendErrorResponse(
    response: DebugProtocol.Response,
    codeOrMessage: number | DebugProtocol.Message,
    format?: string,
    variables?: unknown,
    dest?: number,
  ): void {
    if (codeOrMessage === LIBRARY_EXCEPTION) {
      const why = (variables as { _exception?: string } | undefined)?._exception ?? 'unknown';
      super.sendErrorResponse(response, {
        id: LIBRARY_EXCEPTION,
        format: escapeFormat(`${INTERNAL_ERROR_PREFIX} in '${response.command}': ${why}`),
        showUser: true,
      });
      return;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    super.sendErrorResponse(response, codeOrMessage as any, format, variables as any, dest as any);
  }
}

/** The library expands {name} in an error's format: literal braces become parentheses. */
export function escapeFormat(text: string): string {
  return text.replace(/\{/g, '(').replace(/\}/g, ')');
}
