// `i386-lab run` (DESIGN.md, "Contracts"): without --bare, PROGRAM under the kernel (runKernel.ts);
// `i386-lab run --bare IMAGE --load-at ADDR [--entry reset|ADDR] [--cpu MODEL]
//  [--max-instructions N] [--trace-ports]` (DESIGN.md, "Contracts"): a flat image on the
// machine without the kernel. Bytes written to port 0xE9 go to stdout; the reason the run
// ended goes to stderr. Exit status: 0 halt, 1 exception/shutdown/limit, 2 usage error.
import * as fs from 'node:fs';
import { MODEL_IDS, ModelId } from '../emulator/cpu/models';
import { BareRunOptions, BareRunReport, runBare } from './bare';
import { RUN_KERNEL_USAGE, runKernelCommand } from './runKernel';

export const RUN_USAGE = `usage: i386-lab run --bare IMAGE --load-at ADDR [--entry reset|ADDR] [--cpu MODEL]
                    [--max-instructions N] [--trace-ports]
  --load-at ADDR          physical address of the image's first byte (hex 0x... or decimal)
  --entry reset|ADDR      start at ADDR in flat 32-bit mode (default: the load address), or
                          at the reset vector F000:FFF0 in real mode
  --cpu MODEL             ${MODEL_IDS.join(', ')}
  --max-instructions N    stop after N instructions (default: no limit)
  --trace-ports           print every OUT as a 'port value' line (hex) on stdout
`;

class UsageError extends Error {}

/** An address or count: 0x-prefixed hex, h-suffixed hex or decimal, within 0..max. */
function parseNumber(flag: string, text: string | undefined, max: number): number {
  if (text === undefined || text.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  const m = /^(?:0x([0-9a-f]+)|([0-9][0-9a-f]*)h|([0-9]+))$/i.exec(text.replace(/_/g, ''));
  const value = m ? parseInt(m[1] ?? m[2] ?? m[3], m[3] !== undefined ? 10 : 16) : NaN;
  if (!Number.isSafeInteger(value) || value > max) {
    throw new UsageError(`${flag}: '${text}' is not a number from 0 to 0x${max.toString(16)} (hex 0x... or decimal)`);
  }
  return value;
}

function parseRunArgs(args: string[]): BareRunOptions {
  let image: string | undefined;
  let loadAt: number | undefined;
  let entry: number | 'reset' | undefined;
  let model: ModelId | undefined;
  let maxInstructions = Infinity;
  let tracePorts = false;
  let program: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    switch (arg) {
      case '--bare':
        image = args[++i];
        if (image === undefined || image.startsWith('--')) throw new UsageError('--bare needs an IMAGE file');
        break;
      case '--load-at':
        loadAt = parseNumber('--load-at', args[++i], 0xffffffff);
        break;
      case '--entry': {
        const text = args[++i];
        entry = text === 'reset' ? 'reset' : parseNumber('--entry', text, 0xffffffff);
        break;
      }
      case '--cpu': {
        const id = args[++i];
        if (id === undefined) throw new UsageError('--cpu needs a model id');
        if (!(MODEL_IDS as readonly string[]).includes(id)) throw new UsageError(`--cpu: unknown model '${id}' (one of ${MODEL_IDS.join(', ')})`);
        model = id as ModelId;
        break;
      }
      case '--max-instructions':
        maxInstructions = parseNumber('--max-instructions', args[++i], Number.MAX_SAFE_INTEGER);
        if (maxInstructions === 0) throw new UsageError('--max-instructions: must be at least 1');
        break;
      case '--trace-ports':
        tracePorts = true;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
        if (program !== undefined) throw new UsageError(`unexpected argument '${arg}'`);
        program = arg;
    }
  }
  if (program !== undefined) throw new UsageError(`unexpected argument '${program}' (the image is given by --bare)`);
  if (loadAt === undefined) throw new UsageError('--load-at ADDR is required with --bare');
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(image!);
  } catch (e) {
    throw new UsageError(`--bare: cannot read '${image}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (loadAt + bytes.length > 0x100000000) {
    throw new UsageError(`--load-at: the image (${bytes.length} bytes) at 0x${loadAt.toString(16)} runs past 4 GiB`);
  }
  return { image: { bytes, loadAt, model }, entry: entry ?? loadAt, maxInstructions, tracePorts };
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
    let off = 0;
    while (off < this.used) off += fs.writeSync(1, this.chunk, off, this.used - off);
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

export function runCommand(args: string[]): number {
  // Only the options before `--` are ours; what follows is the program's argv.
  const dashes = args.indexOf('--');
  const own = dashes < 0 ? args : args.slice(0, dashes);
  if (own.includes('--help') || own.includes('-h')) {
    process.stdout.write(RUN_KERNEL_USAGE + RUN_USAGE);
    return 0;
  }
  if (!own.includes('--bare')) return runKernelCommand(args);
  let options: BareRunOptions;
  try {
    options = parseRunArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`i386-lab run: ${e.message}\n(i386-lab run --help for usage)\n`);
    return 2;
  }
  const out = new OutputBuffer();
  const tracePorts = options.tracePorts;
  let report: BareRunReport;
  try {
    report = runBare(options, (port, value, size) => {
      if (tracePorts) {
        out.line(`${port.toString(16).padStart(4, '0')} ${(value >>> 0).toString(16).padStart(size / 4, '0')}`);
      }
      // Port 0xE9 is one byte wide: a word or dword OUT there prints its low byte.
      if (port === 0xe9) out.byte(value & 0xff);
    });
  } catch (e) {
    process.stderr.write(`i386-lab run: ${(e as Error).message}\n`);
    return 2;
  } finally {
    out.flush();
  }
  process.stderr.write(describe(report) + '\n');
  return report.reason === 'halt' ? 0 : 1;
}
