// The host side of the host I/O device for the command line: a host directory as the guest's
// file system (`run --fs DIR`, read-only; `--fs-rw DIR`, writable), and the program's
// standard streams on the process's own descriptors (docs/HOSTIO.md).
//
// The sandbox maps DIR at the guest's `/` (the program's current directory is `/`). A guest
// path is first normalised by its text: a `..` that would climb above `/` is refused
// (EACCES), and so is every path under /proc, /dev and /sys. The host path is then resolved
// with realpath and must lie inside DIR's own real path, so a symbolic link pointing out of
// DIR is refused (EACCES) wherever it sits in the path. Only regular files and directories
// can be opened: a device, FIFO or socket inside DIR is refused (EACCES). The final open
// uses O_NOFOLLOW on the resolved path; a link swapped in for a directory of the path between
// the check and the open (a race with another host process) is not caught.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINUX, LINUX_FILE } from '../kernel/abi';
import type { HostDirEntry, HostFile, HostFiles, HostStat, HostStream, HostTime } from '../emulator';

/** Guest paths under these top-level names are never served. */
const REFUSED_TOP = new Set(['proc', 'dev', 'sys']);

/** -errno for a Node error (its code, when Linux has that errno), else -EIO. */
export function errnoOf(e: unknown): number {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const n = (LINUX as Record<string, number>)[code];
  return code.startsWith('E') && typeof n === 'number' ? -n : -LINUX.EIO;
}

function time(ns: bigint): HostTime {
  return { seconds: Number(ns / 1_000_000_000n), nanoseconds: Number(ns % 1_000_000_000n) };
}

function hostStat(s: fs.BigIntStats): HostStat {
  return {
    dev: Number(s.dev),
    ino: Number(s.ino),
    mode: Number(s.mode),
    nlink: Number(s.nlink),
    uid: Number(s.uid),
    gid: Number(s.gid),
    rdev: Number(s.rdev),
    size: Number(s.size),
    blksize: Number(s.blksize),
    blocks: Number(s.blocks),
    atime: time(s.atimeNs),
    mtime: time(s.mtimeNs),
    ctime: time(s.ctimeNs),
    btime: time(s.birthtimeNs),
  };
}

function direntType(d: fs.Dirent): number {
  if (d.isFile()) return LINUX_FILE.DT_REG;
  if (d.isDirectory()) return LINUX_FILE.DT_DIR;
  if (d.isSymbolicLink()) return LINUX_FILE.DT_LNK;
  if (d.isFIFO()) return LINUX_FILE.DT_FIFO;
  if (d.isCharacterDevice()) return LINUX_FILE.DT_CHR;
  if (d.isBlockDevice()) return LINUX_FILE.DT_BLK;
  if (d.isSocket()) return LINUX_FILE.DT_SOCK;
  return LINUX_FILE.DT_UNKNOWN;
}

/** Linux open flags as the host's (Node's constants; the same numbers on Linux, not on every host). */
function hostOpenFlags(flags: number): number {
  const c = fs.constants;
  const access = flags & LINUX_FILE.O_ACCMODE;
  let f = access === LINUX_FILE.O_WRONLY ? c.O_WRONLY : access === LINUX_FILE.O_RDWR ? c.O_RDWR : c.O_RDONLY;
  if (flags & LINUX_FILE.O_CREAT) f |= c.O_CREAT;
  if (flags & LINUX_FILE.O_EXCL) f |= c.O_EXCL;
  if (flags & LINUX_FILE.O_TRUNC) f |= c.O_TRUNC;
  if (flags & LINUX_FILE.O_APPEND) f |= c.O_APPEND;
  if (flags & LINUX_FILE.O_DIRECTORY) f |= c.O_DIRECTORY;
  // The path is resolved already (no links left in it): a link here is a race, or the last
  // component of an O_NOFOLLOW open, which Linux refuses with ELOOP too.
  return f | c.O_NOFOLLOW;
}

class NodeFile implements HostFile {
  private position = 0;

  constructor(
    private readonly fd: number,
    private readonly hostPath: string,
    readonly directory: boolean,
    readonly flags: number,
    private readonly atRoot: boolean,
  ) {}

  read(into: Uint8Array): number {
    try {
      const n = fs.readSync(this.fd, into, 0, into.length, this.position);
      this.position += n;
      return n;
    } catch (e) {
      return errnoOf(e);
    }
  }

  write(bytes: Uint8Array): number {
    try {
      const n = fs.writeSync(this.fd, bytes, 0, bytes.length, this.position);
      // With O_APPEND the host appends whatever the position (pwrite(2), BUGS); the position
      // is then the end of the file.
      this.position = (this.flags & LINUX_FILE.O_APPEND) !== 0 ? fs.fstatSync(this.fd).size : this.position + n;
      return n;
    } catch (e) {
      return errnoOf(e);
    }
  }

  seek(offset: number, whence: number): number {
    let base: number;
    if (whence === LINUX_FILE.SEEK_SET) base = 0;
    else if (whence === LINUX_FILE.SEEK_CUR) base = this.position;
    else {
      try {
        base = fs.fstatSync(this.fd).size;
      } catch (e) {
        return errnoOf(e);
      }
    }
    const to = base + offset;
    if (to < 0) return -LINUX.EINVAL;
    this.position = to;
    return to;
  }

  stat(): HostStat | number {
    try {
      return hostStat(fs.fstatSync(this.fd, { bigint: true }));
    } catch (e) {
      return errnoOf(e);
    }
  }

  entries(): HostDirEntry[] | number {
    if (!this.directory) return -LINUX.ENOTDIR;
    try {
      const self = fs.statSync(this.hostPath);
      // At the sandbox's root, ".." is the root itself: nothing about the host's parent shows.
      const parent = this.atRoot ? self : fs.statSync(path.dirname(this.hostPath));
      const list: HostDirEntry[] = [
        { name: new TextEncoder().encode('.'), ino: self.ino, type: LINUX_FILE.DT_DIR },
        { name: new TextEncoder().encode('..'), ino: parent.ino, type: LINUX_FILE.DT_DIR },
      ];
      for (const d of fs.readdirSync(this.hostPath, { withFileTypes: true, encoding: 'buffer' })) {
        const name = d.name as unknown as Buffer;
        let ino = 0;
        try {
          ino = fs.lstatSync(Buffer.concat([Buffer.from(this.hostPath + '/'), name])).ino;
        } catch {
          // gone since the listing: reported with no inode number
        }
        list.push({ name: new Uint8Array(name), ino, type: direntType(d as unknown as fs.Dirent) });
      }
      return list;
    } catch (e) {
      return errnoOf(e);
    }
  }

  close(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed by the host: nothing left to release
    }
  }
}

/** A host directory as the guest's `/`. */
export class SandboxFiles implements HostFiles {
  readonly root: string;

  /** Throws (with a one-line message) when `dir` is not a directory. */
  constructor(
    dir: string,
    readonly writable: boolean,
  ) {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      throw new Error(
        `cannot use '${dir}' as the guest's file system: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    if (!fs.statSync(real).isDirectory())
      throw new Error(`cannot use '${dir}' as the guest's file system: not a directory`);
    this.root = real;
  }

  private inside(real: string): boolean {
    return real === this.root || real.startsWith(this.root.endsWith(path.sep) ? this.root : this.root + path.sep);
  }

  /** The guest path's components, or -errno when it leaves the sandbox by its text. */
  private components(guest: string): string[] | number {
    const parts: string[] = [];
    for (const c of guest.split('/')) {
      if (c === '' || c === '.') continue;
      if (c === '..') {
        if (parts.length === 0) return -LINUX.EACCES;
        parts.pop();
      } else parts.push(c);
    }
    if (parts.length > 0 && REFUSED_TOP.has(parts[0])) return -LINUX.EACCES;
    return parts;
  }

  /**
   * The host path of a guest path, every link resolved (the last one only when `follow`), or
   * -errno. A path whose last component does not exist resolves to where it would be created.
   */
  private locate(guest: string, follow: boolean): { host: string; atRoot: boolean } | number {
    const parts = this.components(guest);
    if (typeof parts === 'number') return parts;
    if (parts.length === 0) return { host: this.root, atRoot: true };
    const last = parts[parts.length - 1];
    let parent: string;
    try {
      parent = fs.realpathSync(path.join(this.root, ...parts.slice(0, -1)));
    } catch (e) {
      return errnoOf(e);
    }
    if (!this.inside(parent)) return -LINUX.EACCES;
    const host = path.join(parent, last);
    let link = false;
    try {
      link = fs.lstatSync(host).isSymbolicLink();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { host, atRoot: false };
      return errnoOf(e);
    }
    if (!link || !follow) return { host, atRoot: false };
    let real: string;
    try {
      real = fs.realpathSync(host);
    } catch {
      // A dangling link: following it (to create its target) could leave the sandbox.
      return -LINUX.EACCES;
    }
    if (!this.inside(real)) return -LINUX.EACCES;
    return { host: real, atRoot: real === this.root };
  }

  open(guest: string, flags: number, mode: number): HostFile | number {
    const writes =
      (flags & LINUX_FILE.O_ACCMODE) !== LINUX_FILE.O_RDONLY ||
      (flags & (LINUX_FILE.O_CREAT | LINUX_FILE.O_TRUNC)) !== 0;
    const where = this.locate(guest, (flags & LINUX_FILE.O_NOFOLLOW) === 0);
    if (typeof where === 'number') return where;
    if (writes && !this.writable) return -LINUX.EROFS;
    let fd: number;
    try {
      fd = fs.openSync(where.host, hostOpenFlags(flags), mode & 0o7777);
    } catch (e) {
      return errnoOf(e);
    }
    const st = fs.fstatSync(fd);
    if (!st.isFile() && !st.isDirectory()) {
      fs.closeSync(fd);
      return -LINUX.EACCES;
    }
    return new NodeFile(fd, where.host, st.isDirectory(), flags, where.atRoot);
  }

  stat(guest: string, follow: boolean): HostStat | number {
    const where = this.locate(guest, follow);
    if (typeof where === 'number') return where;
    try {
      return hostStat(fs.lstatSync(where.host, { bigint: true }));
    } catch (e) {
      return errnoOf(e);
    }
  }

  access(guest: string, mode: number): number {
    const where = this.locate(guest, true);
    if (typeof where === 'number') return where;
    try {
      fs.accessSync(where.host, mode & (fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK));
    } catch (e) {
      return errnoOf(e);
    }
    return (mode & LINUX_FILE.W_OK) !== 0 && !this.writable ? -LINUX.EROFS : 0;
  }

  unlink(guest: string, directory: boolean): number {
    const where = this.locate(guest, false);
    if (typeof where === 'number') return where;
    if (where.atRoot) return -LINUX.EBUSY;
    if (!this.writable) return -LINUX.EROFS;
    try {
      if (directory) fs.rmdirSync(where.host);
      else fs.unlinkSync(where.host);
      return 0;
    } catch (e) {
      return errnoOf(e);
    }
  }

  mkdir(guest: string, mode: number): number {
    const where = this.locate(guest, false);
    if (typeof where === 'number') return where;
    if (!this.writable) return -LINUX.EROFS;
    try {
      fs.mkdirSync(where.host, mode & 0o7777);
      return 0;
    } catch (e) {
      return errnoOf(e);
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Waits `ms` milliseconds without returning to the event loop (the emulator is paused). */
function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * The program's standard streams on the process's descriptors. A write waits while the host
 * cannot take it (a full pipe: EAGAIN), so the emulator pauses instead of buffering. A
 * reader that went away (EPIPE) is remembered: the run ends as Linux's default SIGPIPE would.
 */
export class ProcessStreams {
  brokenPipe = false;

  constructor(private readonly fds: { stdout: number; stderr: number; stdin: number | undefined }) {}

  write(stream: HostStream, bytes: Uint8Array): number {
    const fd = stream === 'stdout' ? this.fds.stdout : this.fds.stderr;
    let done = 0;
    while (done < bytes.length) {
      try {
        done += fs.writeSync(fd, bytes, done, bytes.length - done);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          pause(1);
          continue;
        }
        if (code === 'EPIPE') this.brokenPipe = true;
        return done > 0 ? done : errnoOf(e);
      }
    }
    return done;
  }

  readStdin(into: Uint8Array): number {
    if (this.fds.stdin === undefined) return 0;
    for (;;) {
      try {
        return fs.readSync(this.fds.stdin, into, 0, into.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          pause(5);
          continue;
        }
        if (code === 'EOF') return 0;
        return errnoOf(e);
      }
    }
  }
}
