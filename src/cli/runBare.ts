// `i386-lab run --bare PROGRAM`: PROGRAM alone on the machine (run.ts dispatches here, and
// loads this file only for a bare run): an .asm source assembled at its org (entered at
// _start or start when defined), an ELF32 executable loaded by its program headers, or a flat
// image at --load-at. Bytes written to port 0xE9 go to stdout; the reason the run ended goes to
// stderr. Exit status: 0 halt, 1 exception/shutdown/limit, 2 usage error, 130 Ctrl-C.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StopInfo } from '../emulator';
import { formatDiagnostic } from '../asm';
import { isElf, loadProgram } from '../debugcore/program';
import { usesKernelAbi } from '../kernel/build';
import { BareRunOptions, BareRunReport, bareReport, createBareMachine } from './bare';
import { readInput } from './files';
import { InterruptWatch, runInChunks } from './interrupt';
import { CliError, EXIT, UsageError, type ParsedArgs } from './options';
import { writeErr, writeOut } from './output';
import { DEFAULT_MAX_INSTRUCTIONS } from './runOptions';
import { programHeader } from './runKernel';
import type { ModelId } from '../isa/models';

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

function readInclude(baseDir: string): (p: string) => Uint8Array | undefined {
  return (p) => {
    for (const candidate of path.isAbsolute(p) ? [p] : [path.resolve(baseDir, p), path.resolve(p)]) {
      try {
        return fs.readFileSync(candidate);
      } catch {
        // not there: try the next place
      }
    }
    return undefined;
  };
}

/** The bare run's image and entry from PROGRAM and the flags. */
export function bareOptions(args: ParsedArgs): BareRunOptions {
  const file = args.positionals[0];
  if (args.rest.length > 0) throw new UsageError('program arguments (after --) are for kernel mode, not --bare');
  const header = programHeader(file);
  const model = args.value<ModelId>('--cpu') ?? header.settings.cpu;
  if (!args.has('--cpu') && header.settings.cpu !== undefined) {
    writeErr(
      `i386-lab run: --cpu ${header.settings.cpu} (from the i386-lab: comment on line ${header.line} of ${file})\n`,
    );
  }
  const maxInstructions = args.value<number>('--max-instructions') ?? DEFAULT_MAX_INSTRUCTIONS;
  const tracePorts = args.flag('--trace-ports');
  const given = args.value<number | 'reset'>('--entry');
  const loadAt = args.value<number>('--load-at');
  const bytes = readInput(file);
  const assembled = /\.(asm|nasm|s)$/i.test(file) && !isElf(bytes);
  if (assembled || isElf(bytes)) {
    if (assembled && usesKernelAbi(bytes.toString('utf8'))) {
      throw new UsageError(`${file} includes abi.inc: it is a program for the kernel`, 'run it without --bare');
    }
    const what = assembled ? 'an .asm file is loaded at its org' : 'an ELF is loaded by its program headers';
    if (loadAt !== undefined) throw new UsageError(`--load-at is for flat images; ${what}`);
    const loaded = loadProgram({
      path: file,
      contents: bytes,
      readFile: readInclude(path.dirname(path.resolve(file))),
      loadAddress: 0,
    });
    if (!loaded.ok) {
      for (const d of loaded.diagnostics.filter((x) => x.severity === 'error')) writeErr(formatDiagnostic(d) + '\n');
      throw new CliError(loaded.message.split(';')[0], EXIT.USAGE);
    }
    for (const d of loaded.warnings) writeErr(formatDiagnostic(d) + '\n');
    const image = loaded.image;
    return checkedImage({
      image: { bytes: image.bytes, loadAt: image.loadAddress, model },
      entry: given ?? image.entry,
      maxInstructions,
      tracePorts,
    });
  }
  if (loadAt === undefined)
    throw new UsageError(
      '--load-at ADDR is required with --bare for a flat image',
      'an .asm source or an ELF needs none',
    );
  return checkedImage({ image: { bytes, loadAt, model }, entry: given ?? loadAt, maxInstructions, tracePorts });
}

function checkedImage(options: BareRunOptions): BareRunOptions {
  const { bytes, loadAt } = options.image;
  if (loadAt + bytes.length > 0x100000000) {
    throw new UsageError(`--load-at: the image (${bytes.length} bytes) at ${hex(loadAt)} runs past 4 GiB`);
  }
  return options;
}

/** Collects stdout bytes in order (E9 bytes and trace lines) and writes them in large pieces. */
class OutputBuffer {
  private chunk = Buffer.alloc(64 * 1024);
  private used = 0;
  private last = 10;

  byte(b: number): void {
    if (this.used === this.chunk.length) this.flush();
    this.chunk[this.used++] = b;
    this.last = b;
  }

  /** A whole line, on a line of its own even after E9 output that did not end one. */
  line(s: string): void {
    if (this.last !== 10) this.byte(10);
    for (let i = 0; i < s.length; i++) this.byte(s.charCodeAt(i));
    this.byte(10);
  }

  flush(): void {
    writeOut(this.chunk.subarray(0, this.used));
    this.used = 0;
  }
}

function describe(report: BareRunReport): string {
  const at = `at 0x${(report.address >>> 0).toString(16).padStart(8, '0')} after ${report.instructions} instructions`;
  switch (report.reason) {
    case 'halt':
      return report.interruptsEnabled ? `halted with interrupts enabled and nothing to wake it ${at}` : `halted ${at}`;
    case 'shutdown':
      return `shutdown (triple fault) ${at}`;
    case 'limit':
      return `instruction limit reached ${at}`;
    case 'watchpoint':
      return `stopped on a data watchpoint ${at}`;
    case 'exception':
      if (report.exceptionName === undefined) return `stopped: ${report.message ?? 'emulator stop'} ${at}`;
      return `exception ${report.exceptionName}${report.errorCode !== undefined ? ` (error code 0x${report.errorCode.toString(16)})` : ''} ${at}`;
  }
}

export async function runBareCommand(args: ParsedArgs): Promise<number> {
  const options = bareOptions(args);
  const out = new OutputBuffer();
  const tracePorts = options.tracePorts;
  let machine;
  try {
    machine = createBareMachine(options, (port, value, size) => {
      if (tracePorts) {
        out.line(`${port.toString(16).padStart(4, '0')} ${(value >>> 0).toString(16).padStart(size / 4, '0')}`);
      }
      // Port 0xE9 is one byte wide: a word or dword OUT there prints its low byte.
      if (port === 0xe9) out.byte(value & 0xff);
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let total = 0;
  let last: StopInfo | undefined;
  const watch = new InterruptWatch();
  let outcome: StopInfo | 'interrupted';
  try {
    outcome = await runInChunks(
      (target) => {
        last = machine.run(target - total);
        total += last.executed;
        out.flush();
        return last;
      },
      () => total,
      options.maxInstructions,
      (stop) => stop.reason === 'limit',
      watch,
    );
  } finally {
    watch.dispose();
    out.flush();
  }
  const report = bareReport(machine, last!, total);
  if (outcome === 'interrupted') {
    writeErr(`interrupted (Ctrl-C) at 0x${report.address.toString(16).padStart(8, '0')} after ${total} instructions\n`);
    return EXIT.INTERRUPTED;
  }
  writeErr(describe(report) + '\n');
  return report.reason === 'halt' ? EXIT.OK : EXIT.FAILURE;
}
