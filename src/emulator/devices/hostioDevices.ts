// The synthetic files under /dev that the host I/O device serves itself, whatever the --fs view
// holds (docs/HOSTIO.md): /dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom, /dev/tty,
// and the links /dev/stdin, /dev/stdout, /dev/stderr and /dev/fd/N (with /proc/self/fd/N, which
// they name) to the process's own descriptors, as Linux's devtmpfs and procfs show them. No Node
// API.
import type { HostIoFsNumbers, HostStat } from './hostioTypes';

export type DevName = 'null' | 'zero' | 'full' | 'random' | 'urandom' | 'tty';

/** What a path under /dev (or /proc/self/fd) is: a device, a descriptor's link, a link's text. */
export type DevPath =
  | { kind: 'device'; name: DevName }
  | { kind: 'fd'; fd: number; link: string }
  | { kind: 'link'; target: string; fd: number };

const DEVICES: readonly DevName[] = ['null', 'zero', 'full', 'random', 'urandom', 'tty'];
const STREAM_LINKS: Readonly<Record<string, number>> = { stdin: 0, stdout: 1, stderr: 2 };

/** The path's meaning, undefined when it is not one of ours (the host's files then decide),
 *  or -ENOENT for another name under /dev/fd or /proc/self/fd. */
export function devPath(path: string, enoent: number): DevPath | number | undefined {
  const m = /^\/(?:dev\/fd|proc\/self\/fd)\/([^/]+)$/.exec(path);
  if (m) {
    if (!/^(0|[1-9][0-9]{0,8})$/.test(m[1])) return -enoent;
    const fd = Number(m[1]);
    return { kind: 'fd', fd, link: `/proc/self/fd/${fd}` };
  }
  const d = /^\/dev\/([^/]+)$/.exec(path);
  if (!d) return undefined;
  if ((DEVICES as readonly string[]).includes(d[1])) return { kind: 'device', name: d[1] as DevName };
  const fd = STREAM_LINKS[d[1]];
  if (fd !== undefined) return { kind: 'link', target: `/proc/self/fd/${fd}`, fd };
  return undefined;
}

/** The device's stat: a character device of Linux's numbers (mem 1:3..1:9, tty 5:0). */
export function devStat(name: DevName, fs: HostIoFsNumbers): HostStat {
  const rdev = {
    null: fs.DEV_NULL,
    zero: fs.DEV_ZERO,
    full: fs.DEV_FULL,
    random: fs.DEV_RANDOM,
    urandom: fs.DEV_URANDOM,
    tty: fs.DEV_TTY,
  }[name];
  const zero = { seconds: 0, nanoseconds: 0 };
  return {
    dev: 5,
    ino: rdev,
    mode: fs.S_IFCHR | 0o666,
    nlink: 1,
    uid: 0,
    gid: name === 'tty' ? 5 : 0,
    rdev,
    size: 0,
    blksize: 4096,
    blocks: 0,
    atime: zero,
    mtime: zero,
    ctime: zero,
    btime: zero,
  };
}

/** The stat of a link /dev/stdin.. or /proc/self/fd/N itself (lstat). */
export function linkStat(target: string, fs: HostIoFsNumbers): HostStat {
  const st = devStat('null', fs);
  return { ...st, mode: fs.S_IFLNK | 0o777, rdev: 0, ino: 0, size: target.length };
}
