// The `run` options of the program's connection to the host (docs/HOSTIO.md), parsed apart
// from the others so the argument parser only asks here for the words it does not know.
//   --fs DIR       DIR, read-only, as the guest's file system (the guest's `/`)
//   --fs-rw DIR    the same, writable (O_CREAT, O_TRUNC, unlink, mkdir)
//   --verbose, -v  the kernel's log on stderr
//   --log FILE     the kernel's log (and the --json summary) into FILE

export interface HostIoOptions {
  fs?: { dir: string; writable: boolean };
  verbose: boolean;
  logFile?: string;
}

export const HOST_IO_USAGE = `  --fs DIR                DIR as the guest's / (read-only); without it the program has no files
  --fs-rw DIR             the same, writable
  --verbose, -v           the kernel's log on stderr (stdout is only the program's output)
  --log FILE              the kernel's log and the --json summary into FILE
`;

export function defaultHostIoOptions(): HostIoOptions {
  return { verbose: false };
}

/**
 * Reads the option at args[i] into `into`: the number of words it took, 0 when args[i] is not
 * one of these, or a usage message.
 */
export function parseHostIoOption(args: string[], i: number, into: HostIoOptions): number | string {
  const arg = args[i];
  const value = (): string | undefined => {
    const v = args[i + 1];
    return v === undefined || v.startsWith('-') ? undefined : v;
  };
  switch (arg) {
    case '--fs':
    case '--fs-rw': {
      const dir = value();
      if (dir === undefined) return `${arg} needs a directory`;
      if (into.fs) return `--fs and --fs-rw are given more than once`;
      into.fs = { dir, writable: arg === '--fs-rw' };
      return 2;
    }
    case '--verbose':
    case '-v':
      into.verbose = true;
      return 1;
    case '--log': {
      const file = value();
      if (file === undefined) return '--log needs a file';
      into.logFile = file;
      return 2;
    }
    default:
      return 0;
  }
}
