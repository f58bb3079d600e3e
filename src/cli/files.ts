// Reading and writing the command line's files, with failures as one line (CliError or
// UsageError) that names the file and what the system said.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError, EXIT, UsageError } from './options';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/** `ENOENT (no such file or directory)` or the message as is. */
export function describeFsError(e: unknown): string {
  const c = code(e);
  return REASONS[c] ? `${c} (${REASONS[c]})` : c;
}

/** An input file; unreadable is a usage error. */
export function readInput(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read '${file}': ${code(e)}`, REASONS[code(e)]);
  }
}

/** An output file; a failure to write it is EXIT.FAILURE, with the directory named when it is missing. */
export function writeOutput(file: string, data: string | Uint8Array): void {
  try {
    fs.writeFileSync(file, data);
  } catch (e) {
    const c = code(e);
    const dir = path.dirname(path.resolve(file));
    const hint =
      c === 'ENOENT' && !fs.existsSync(dir) ? `the directory ${path.dirname(file)} does not exist` : REASONS[c];
    throw new CliError(`cannot write '${file}': ${c}`, EXIT.FAILURE, hint);
  }
}
