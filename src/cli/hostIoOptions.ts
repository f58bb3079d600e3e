// The `run` options of the program's connection to the host (docs/HOSTIO.md): their rows for
// the option table (runOptions.ts) and what they mean for a run.
//   --fs DIR       DIR, read-only, as the guest's file system (the guest's `/`)
//   --fs-rw DIR    the same, writable (O_CREAT, O_TRUNC, unlink, mkdir)
//   --verbose, -v  the kernel's log on stderr
//   --log FILE     the kernel's log (and the --json summary) into FILE
import type { OptionSpec, ParsedArgs } from './options';

export interface HostIoOptions {
  fs?: { dir: string; writable: boolean };
  verbose: boolean;
  logFile?: string;
}

export const HOST_IO_OPTIONS: OptionSpec[] = [
  {
    name: '--fs',
    value: 'DIR',
    mode: 'kernel',
    excludes: ['--fs-rw'],
    help: "DIR as the guest's / (read-only); without it the program has no files",
  },
  { name: '--fs-rw', value: 'DIR', mode: 'kernel', excludes: ['--fs'], help: 'the same, writable' },
  {
    name: '--verbose',
    short: '-v',
    mode: 'kernel',
    help: "the kernel's log on stderr (stdout is only the program's output)",
  },
  { name: '--log', value: 'FILE', mode: 'kernel', help: "the kernel's log and the --json summary into FILE" },
];

export function hostIoOptions(args: ParsedArgs): HostIoOptions {
  const ro = args.value<string>('--fs');
  const rw = args.value<string>('--fs-rw');
  const dir = rw ?? ro;
  return {
    ...(dir !== undefined ? { fs: { dir, writable: rw !== undefined } } : {}),
    verbose: args.flag('--verbose'),
    ...(args.has('--log') ? { logFile: args.value<string>('--log') } : {}),
  };
}
