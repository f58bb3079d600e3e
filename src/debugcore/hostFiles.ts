// The host side of the host I/O device for the command line: a host directory as the guest's
// file system (`run --fs DIR`, read-only; `--fs-rw DIR`, writable), and the program's
// standard streams on the process's own descriptors (docs/HOSTIO.md).
//
// The sandbox maps DIR at the guest's `/` (the program's current directory is `/`). A guest
// path is first normalised by its text: a `..` that would climb above `/` is refused
// (EACCES), and so is every path under /proc, /dev and /sys. The path is then walked one
// component at a time from a descriptor of DIR, never by its host path: each step is looked
// at with lstat relative to the descriptor of the directory reached so far (through Linux's
// /proc/self/fd/N/NAME, which is openat(N, NAME)), a directory is entered by opening it with
// O_NOFOLLOW, and a symbolic link is expanded by the walk itself, so a link whose target
// lies outside DIR (absolute, or climbing above DIR) is refused (EACCES) wherever it sits in
// the path, as is a followed link to nothing. The final open, stat, access, unlink or mkdir
// is made relative to the descriptor of its directory with O_NOFOLLOW: a directory of the path
// swapped for a link by another host process between the walk and the open (a TOCTOU race)
// cannot redirect it, as the descriptor keeps the directory the walk checked. Only regular
// files and directories can be opened: a device, FIFO or socket inside DIR is refused (EACCES).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINUX, LINUX_FILE } from '../kernel/abi';
import type { HostDirEntry, HostFile, HostFiles, HostStat, HostStatFs, HostStream, HostTime } from '../emulator';
import * as change from './hostFilesChange';

/** Guest paths under these top-level names are never served. */
const REFUSED_TOP = new Set(['proc', 'dev', 'sys']);
/** Linux's view of this process's descriptors: PROC_FD/N/NAME resolves NAME inside descriptor N's directory. */
const PROC_FD = '/proc/self/fd';
/** Links expanded in one path before it is refused with ELOOP (Linux's MAXSYMLINKS). */
const MAX_LINKS = 40;

/** The host path that names `name` in the directory open as `fd` (openat(fd, name) by a path). */
function at(fd: number, name: string | null): string {
  // The directory itself as `N/.`: an O_NOFOLLOW open of `N` alone would refuse the magic link.
  return `${PROC_FD}/${fd}/${name ?? '.'}`;
}

/** Where a guest path ends: the open directory it is in, and its last name (null: that directory itself). */
interface Located {
  dirFd: number;
  name: string | null;
  atRoot: boolean;
  /** The host path, for messages and listings only (never opened by it). */
  host: string;
}

/** Called before each step of a walk (tests put a race there); `host` is the path about to be looked at. */
export type StepHook = (host: string) => void;

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
  // The walk expanded every link it follows: a link found here is a race, or the last
  // component of an O_NOFOLLOW open, which Linux refuses with ELOOP too.
  return f | c.O_NOFOLLOW;
}

class NodeFile implements HostFile {
  private position = 0;

  constructor(
    private readonly fd: number,
    readonly directory: boolean,
    readonly flags: number,
    private readonly atRoot: boolean,
    private readonly writable: boolean,
  ) {}

  /** A change through the descriptor: EROFS under read-only --fs, else the host's answer. */
  private change(work: () => void): number {
    if (!this.writable) return -LINUX.EROFS;
    try {
      work();
      return 0;
    } catch (e) {
      return errnoOf(e);
    }
  }

  chmod(mode: number): number {
    return this.change(() => fs.fchmodSync(this.fd, mode & 0o7777));
  }

  chown(uid: number, gid: number): number {
    return this.change(() => fs.fchownSync(this.fd, uid, gid));
  }

  utimes(atime: HostTime | undefined, mtime: HostTime | undefined): number {
    return this.change(() => {
      const st = fs.fstatSync(this.fd, { bigint: true });
      const a = atime ? change.nodeTime(atime) : Number(st.atimeNs) / 1e9;
      const m = mtime ? change.nodeTime(mtime) : Number(st.mtimeNs) / 1e9;
      fs.futimesSync(this.fd, a, m);
    });
  }

  sync(): number {
    try {
      fs.fsyncSync(this.fd);
      return 0;
    } catch (e) {
      return errnoOf(e);
    }
  }

  statfs(): HostStatFs | number {
    try {
      return change.statfsHost(`${PROC_FD}/${this.fd}`, this.writable);
    } catch (e) {
      return errnoOf(e);
    }
  }

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

  writeAt(bytes: Uint8Array, offset: number): number {
    try {
      // pwrite(2); on a descriptor opened with O_APPEND the host appends instead (its BUGS).
      return fs.writeSync(this.fd, bytes, 0, bytes.length, offset);
    } catch (e) {
      return errnoOf(e);
    }
  }

  truncate(length: number): number {
    try {
      fs.ftruncateSync(this.fd, length);
      return 0;
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
      // Through the descriptor, not the host path, which may have changed since the open.
      const here = at(this.fd, null);
      const self = fs.statSync(here);
      // At the sandbox's root, ".." is the root itself: nothing about the host's parent shows.
      const parent = this.atRoot ? self : fs.statSync(`${here}/..`);
      const list: HostDirEntry[] = [
        { name: new TextEncoder().encode('.'), ino: self.ino, type: LINUX_FILE.DT_DIR },
        { name: new TextEncoder().encode('..'), ino: parent.ino, type: LINUX_FILE.DT_DIR },
      ];
      // In the host's own order (readdir(3), as getdents64 gives it natively; readdirSync would
      // sort). Names as latin1: one character per byte, so any name survives.
      const dir = fs.opendirSync(here, { encoding: 'latin1' });
      try {
        for (let d = dir.readSync(); d; d = dir.readSync()) {
          const name = Buffer.from(d.name, 'latin1');
          let ino = 0;
          try {
            ino = fs.lstatSync(Buffer.concat([Buffer.from(here + '/'), name])).ino;
          } catch {
            // gone since the listing: reported with no inode number
          }
          list.push({ name: new Uint8Array(name), ino, type: direntType(d) });
        }
      } finally {
        dir.closeSync();
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
  /** Tests only: runs before each step of a path walk, where another process could race it. */
  onStep?: StepHook;

  /** Throws (with a one-line message) when `dir` is not a directory or the host has no /proc/self/fd. */
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
    if (!fs.existsSync(PROC_FD))
      throw new Error(`cannot use '${dir}' as the guest's file system: it needs ${PROC_FD} (Linux) to open safely`);
    this.root = real;
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

  /** An absolute link target as components below the root, or undefined when it points outside. */
  private belowRoot(target: string): string[] | undefined {
    const relative = path.relative(this.root, path.normalize(target));
    if (relative === '') return [];
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep);
  }

  /**
   * Walks a guest path from the root's descriptor, one component at a time (the last link
   * followed only when `follow`), to the open directory that holds its last name, or -errno.
   * A last name that does not exist is returned too (where it would be created). The caller
   * closes `dirFd` (with done()).
   */
  private locate(guest: string, follow: boolean): Located | number {
    const first = this.components(guest);
    if (typeof first === 'number') return first;
    const dirs: number[] = [fs.openSync(this.root, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY)];
    const names: string[] = [];
    const release = (): void => {
      for (const fd of dirs) fs.closeSync(fd);
    };
    let pending = first;
    let links = 0;
    try {
      while (pending.length > 0) {
        const name = pending[0];
        pending = pending.slice(1);
        const top = dirs[dirs.length - 1];
        if (name === '..') {
          // Only a link's target gets here (the guest's own path was normalised): above the root is out.
          if (dirs.length === 1) return fail(-LINUX.EACCES);
          fs.closeSync(dirs.pop()!);
          names.pop();
          continue;
        }
        const host = path.join(this.root, ...names, name);
        this.onStep?.(host);
        let st: fs.Stats;
        try {
          st = fs.lstatSync(at(top, name));
        } catch (e) {
          // A followed link to nothing could be created outside; otherwise a new last name is fine.
          if ((e as NodeJS.ErrnoException).code === 'ENOENT')
            return links > 0 ? fail(-LINUX.EACCES) : pending.length === 0 ? found(name, host) : fail(errnoOf(e));
          return fail(errnoOf(e));
        }
        if (st.isSymbolicLink() && (pending.length > 0 || follow)) {
          if (++links > MAX_LINKS) return fail(-LINUX.ELOOP);
          const target = fs.readlinkSync(at(top, name));
          let parts: string[];
          if (path.isAbsolute(target)) {
            const below = this.belowRoot(target);
            if (below === undefined) return fail(-LINUX.EACCES);
            while (dirs.length > 1) fs.closeSync(dirs.pop()!);
            names.length = 0;
            parts = below;
          } else parts = target.split('/');
          pending = [...parts.filter((c) => c !== '' && c !== '.'), ...pending];
          continue;
        }
        if (pending.length === 0) return found(name, host);
        if (!st.isDirectory()) return fail(-LINUX.ENOTDIR);
        // Entered by descriptor with O_NOFOLLOW: a link swapped in since the lstat is refused (ELOOP).
        dirs.push(
          fs.openSync(at(top, name), fs.constants.O_RDONLY | fs.constants.O_DIRECTORY | fs.constants.O_NOFOLLOW),
        );
        names.push(name);
      }
      // The path ends at a directory reached by the walk (the root, or after a link's `..`).
      const fd = dirs.pop()!;
      const result: Located = {
        dirFd: fd,
        name: null,
        atRoot: dirs.length === 0,
        host: path.join(this.root, ...names),
      };
      release();
      return result;
    } catch (e) {
      release();
      return errnoOf(e);
    }

    function fail(errno: number): number {
      release();
      return errno;
    }
    function found(name: string, host: string): Located {
      const fd = dirs.pop()!;
      release();
      return { dirFd: fd, name, atRoot: false, host };
    }
  }

  /** Runs `work` on the located path and closes its directory's descriptor. */
  /** The host path naming `name` in the open directory `fd` (for hostFilesChange.ts). */
  at(fd: number, name: string | null): string {
    return at(fd, name);
  }

  /** Runs `work` on the walked path and closes its directory's descriptor (hostFilesChange.ts too). */
  withPath<T>(guest: string, follow: boolean, work: (where: Located) => T | number): T | number {
    const where = this.locate(guest, follow);
    if (typeof where === 'number') return where;
    try {
      this.onStep?.(where.host);
      return work(where);
    } catch (e) {
      return errnoOf(e);
    } finally {
      fs.closeSync(where.dirFd);
    }
  }

  open(guest: string, flags: number, mode: number): HostFile | number {
    const writes =
      (flags & LINUX_FILE.O_ACCMODE) !== LINUX_FILE.O_RDONLY ||
      (flags & (LINUX_FILE.O_CREAT | LINUX_FILE.O_TRUNC)) !== 0;
    return this.withPath<HostFile>(guest, (flags & LINUX_FILE.O_NOFOLLOW) === 0, (where) => {
      if (writes && !this.writable) return -LINUX.EROFS;
      const named = at(where.dirFd, where.name);
      const creates = (flags & LINUX_FILE.O_CREAT) !== 0 && !fs.existsSync(named);
      const fd = fs.openSync(named, hostOpenFlags(flags), mode & 0o7777);
      // The mode given is final (the guest's umask is out of it): the host's umask is undone.
      if (creates) fs.fchmodSync(fd, mode & 0o7777);
      const st = fs.fstatSync(fd);
      if (!st.isFile() && !st.isDirectory()) {
        fs.closeSync(fd);
        return -LINUX.EACCES;
      }
      return new NodeFile(fd, st.isDirectory(), flags, where.atRoot, this.writable);
    });
  }

  stat(guest: string, follow: boolean): HostStat | number {
    return this.withPath(guest, follow, (where) =>
      hostStat(fs.lstatSync(at(where.dirFd, where.name), { bigint: true })),
    );
  }

  access(guest: string, mode: number): number {
    return this.withPath(guest, true, (where) => {
      fs.accessSync(at(where.dirFd, where.name), mode & (fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK));
      return (mode & LINUX_FILE.W_OK) !== 0 && !this.writable ? -LINUX.EROFS : 0;
    });
  }

  unlink(guest: string, directory: boolean): number {
    return this.withPath(guest, false, (where) => {
      if (where.name === null) return where.atRoot ? -LINUX.EBUSY : -LINUX.EINVAL;
      if (!this.writable) return -LINUX.EROFS;
      if (directory) fs.rmdirSync(at(where.dirFd, where.name));
      else fs.unlinkSync(at(where.dirFd, where.name));
      return 0;
    });
  }

  readlink(guest: string): Uint8Array | number {
    return this.withPath<Uint8Array>(guest, false, (where) => {
      if (where.name === null) return -LINUX.EINVAL; // the root: a directory
      return new Uint8Array(fs.readlinkSync(at(where.dirFd, where.name), { encoding: 'buffer' }));
    });
  }

  mkdir(guest: string, mode: number): number {
    return this.withPath(guest, false, (where) => {
      if (!this.writable) return -LINUX.EROFS;
      if (where.name === null) return -LINUX.EEXIST;
      fs.mkdirSync(at(where.dirFd, where.name), mode & 0o7777);
      // As open's O_CREAT: the mode given is final, whatever the host's umask.
      const dir = fs.openSync(at(where.dirFd, where.name), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
      try {
        fs.fchmodSync(dir, mode & 0o1777);
      } finally {
        fs.closeSync(dir);
      }
      return 0;
    });
  }

  // The calls that change names, modes, owners and times, and statfs (hostFilesChange.ts).
  rename(from: string, to: string, flags: number): number {
    return this.guard(() => change.renamePath(this, from, to, flags));
  }

  link(from: string, to: string, follow: boolean): number {
    return this.guard(() => change.linkPath(this, from, to, follow));
  }

  symlink(target: Uint8Array, guest: string): number {
    return this.guard(() => change.symlinkPath(this, target, guest));
  }

  chmod(guest: string, mode: number, follow: boolean): number {
    return this.guard(() => change.chmodPath(this, guest, mode, follow));
  }

  chown(guest: string, uid: number, gid: number, follow: boolean): number {
    return this.guard(() => change.chownPath(this, guest, uid, gid, follow));
  }

  utimes(guest: string, atime: HostTime | undefined, mtime: HostTime | undefined, follow: boolean): number {
    return this.guard(() => change.utimesPath(this, guest, atime, mtime, follow));
  }

  truncate(guest: string, length: number): number {
    return this.guard(() => change.truncatePath(this, guest, length));
  }

  statfs(guest: string): HostStatFs | number {
    return this.guard(() => change.statfsPath(this, guest));
  }

  mknod(guest: string, mode: number): number {
    return this.guard(() => change.mknodPath(this, guest, mode));
  }

  /** A host error thrown outside withPath's own guard (a second path's walk) as -errno. */
  private guard<T>(work: () => T | number): T | number {
    try {
      return work();
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
