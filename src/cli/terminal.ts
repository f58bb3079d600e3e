// Whether one of this process's descriptors is a terminal, as process.stdin.isTTY says, but
// without building process.stdin or process.stdout for it: node:tty loads node:net and its
// stream classes, a few milliseconds of `i386-lab run hello`. Only a character device can be
// a terminal, so a file or a pipe (a script's or a benchmark's run) is answered by fstat
// alone; a character device (a terminal, /dev/null) is asked of node:tty. It is loaded with
// require: the command line's bundle runs from V8's code cache (launch.ts), where Node 20
// has no dynamic-import callback.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import type * as Tty from 'node:tty';

export function isTerminal(fd: number): boolean {
  try {
    if (!fs.fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false; // closed or not a descriptor: not a terminal (process.stdin.isTTY is undefined then)
  }
  return (createRequire(__filename)('node:tty') as typeof Tty).isatty(fd);
}
