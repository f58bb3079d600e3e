// The host I/O device's operations that change files or describe them (docs/HOSTIO.md):
// rename, links, modes, owners, times, pwrite, sync, truncate, statfs, flock, sendfile, the old
// getdents, fadvise, mknod. Each checks its arguments as Linux does and leaves the file work to
// the injected host (HostFiles, HostFile), which keeps the sandbox. No Node API.
import type { Descriptor, OpenFile } from './hostio';
import type { UserMemory } from './hostioUser';
import type { HostFile, HostIo, HostIoNumbers, HostStatFs, HostTime } from './hostioTypes';

/** What these operations use of the device. */
export interface FileCallDevice {
  readonly abi: HostIoNumbers;
  readonly host: HostIo;
  readonly user: UserMemory;
  get(fd: number): Descriptor | undefined;
  pathArg(dirfd: number, linear: number): string | number;
  pipeResult(n: number, flags: number): number;
  /** Every open file of every process (and of shared mappings). */
  openFiles(): Set<OpenFile>;
  /** readv/writev of the device (the iovec array done in order). */
  vector(fd: number, iov: number, count: number, writing: boolean): number;
  /** Bytes for `open` as the write operation would write them: the count, or -errno. */
  writeBytes(open: OpenFile, bytes: Uint8Array): number;
}

type Lock = 'shared' | 'exclusive';

const PIPEFS_MAGIC = 0x50495045;
const TMPFS_MAGIC = 0x01021994;

export class FileCalls {
  /** flock's locks: per file (its identity), the open files holding one. */
  private readonly locks = new Map<unknown, Map<OpenFile, Lock>>();

  constructor(private readonly d: FileCallDevice) {}

  /** The operations, by number. */
  ops(): Array<[number, (a: number[]) => number]> {
    const p = this.d.abi.protocol;
    return [
      [p.OP_RENAMEAT2, (a) => this.rename(a[0] | 0, a[1], a[2] | 0, a[3], a[4])],
      [p.OP_LINKAT, (a) => this.link(a[0] | 0, a[1], a[2] | 0, a[3], a[4])],
      [p.OP_SYMLINKAT, (a) => this.symlink(a[0], a[1] | 0, a[2])],
      [p.OP_FCHMODAT, (a) => this.chmod(a[0] | 0, a[1], a[2], a[3])],
      [p.OP_FCHOWNAT, (a) => this.chown(a[0] | 0, a[1], a[2] | 0, a[3] | 0, a[4])],
      [p.OP_UTIMENSAT, (a) => this.utimens(a[0] | 0, a[1], a[2], a[3], a[4])],
      [p.OP_PWRITE, (a) => this.pwrite(a[0], a[1], a[2], a[3] + (a[4] | 0) * 0x100000000)],
      [p.OP_FSYNC, (a) => this.fsync(a[0] | 0, a[1] !== 0)],
      [p.OP_TRUNCATE, (a) => this.truncate(a[0], a[1] + (a[2] | 0) * 0x100000000)],
      [p.OP_STATFS, (a) => this.statfs(a[0] | 0, a[1], a[2], a[3])],
      [p.OP_FLOCK, (a) => this.flock(a[0], a[1])],
      [p.OP_SENDFILE, (a) => this.sendfile(a[0], a[1], a[2], a[3], a[4])],
      [p.OP_GETDENTS, (a) => this.getdents(a[0], a[1], a[2], false)],
      [p.OP_GETDENTS64, (a) => this.getdents(a[0], a[1], a[2], true)],
      [p.OP_FADVISE, (a) => this.fadvise(a[0], a[1])],
      [p.OP_MKNODAT, (a) => this.mknod(a[0] | 0, a[1], a[2], a[3])],
      [p.OP_PREADV, (a) => this.vectorAt(a[0], a[1], a[2], a[3] + (a[4] | 0) * 0x100000000, false)],
      [p.OP_PWRITEV, (a) => this.vectorAt(a[0], a[1], a[2], a[3] + (a[4] | 0) * 0x100000000, true)],
    ];
  }

  private get e(): HostIoNumbers['errno'] {
    return this.d.abi.errno;
  }

  private get fs(): HostIoNumbers['fs'] {
    return this.d.abi.fs;
  }

  /** Two paths, or the first -errno (the old path's first, as Linux looks them up). */
  private twoPaths(olddir: number, oldAddress: number, newdir: number, newAddress: number): [string, string] | number {
    const from = this.d.pathArg(olddir, oldAddress);
    if (typeof from === 'number') return from;
    const to = this.d.pathArg(newdir, newAddress);
    if (typeof to === 'number') return to;
    return [from, to];
  }

  private rename(olddir: number, oldAddress: number, newdir: number, newAddress: number, flags: number): number {
    const f = this.fs;
    if ((flags & ~(f.RENAME_NOREPLACE | f.RENAME_EXCHANGE | f.RENAME_WHITEOUT)) !== 0) return -this.e.EINVAL;
    if ((flags & f.RENAME_EXCHANGE) !== 0 && (flags & (f.RENAME_NOREPLACE | f.RENAME_WHITEOUT)) !== 0)
      return -this.e.EINVAL;
    // A whiteout needs a file system that has them (overlayfs, tmpfs): not the host directory's.
    if ((flags & f.RENAME_WHITEOUT) !== 0) return -this.e.EINVAL;
    const paths = this.twoPaths(olddir, oldAddress, newdir, newAddress);
    if (typeof paths === 'number') return paths;
    return this.d.host.files ? this.d.host.files.rename(paths[0], paths[1], flags) : -this.e.ENOENT;
  }

  private link(olddir: number, oldAddress: number, newdir: number, newAddress: number, flags: number): number {
    if ((flags & ~(this.fs.AT_SYMLINK_FOLLOW | this.e.AT_EMPTY_PATH)) !== 0) return -this.e.EINVAL;
    let from: string | number;
    const raw = this.d.user.readPath(oldAddress, this.e);
    if (raw === '' && (flags & this.e.AT_EMPTY_PATH) !== 0) {
      const o = this.d.get(olddir);
      if (!o) return -this.e.EBADF;
      if (o.open.kind !== 'file' || o.open.file.directory) return -this.e.ENOENT;
      from = o.open.path;
    } else from = this.d.pathArg(olddir, oldAddress);
    if (typeof from === 'number') return from;
    const to = this.d.pathArg(newdir, newAddress);
    if (typeof to === 'number') return to;
    const follow = (flags & this.fs.AT_SYMLINK_FOLLOW) !== 0;
    return this.d.host.files ? this.d.host.files.link(from, to, follow) : -this.e.ENOENT;
  }

  private symlink(targetAddress: number, newdir: number, newAddress: number): number {
    const target = this.d.user.readPath(targetAddress, this.e);
    if (typeof target === 'number') return target;
    if (target === '') return -this.e.ENOENT;
    const path = this.d.pathArg(newdir, newAddress);
    if (typeof path === 'number') return path;
    const bytes = Uint8Array.from(target, (c) => c.charCodeAt(0) & 0xff);
    return this.d.host.files ? this.d.host.files.symlink(bytes, path) : -this.e.ENOENT;
  }

  /** The open host file of a descriptor (a null path), or -errno; `other` answers for the
   *  descriptors that are not host files (pipes, streams, devices). */
  private fileOf(fd: number, other: number): HostFile | number {
    const d = this.d.get(fd);
    if (!d) return -this.e.EBADF;
    return d.open.kind === 'file' ? d.open.file : other;
  }

  private chmod(dirfd: number, pathAddress: number, mode: number, flags: number): number {
    if (flags !== 0) return -this.e.EINVAL;
    // A pipe's or a stream's mode is its anonymous inode's: nothing of the host to change.
    if (pathAddress === 0) return this.with(this.fileOf(dirfd, 0), (f) => f.chmod(mode));
    const path = this.d.pathArg(dirfd, pathAddress);
    if (typeof path === 'number') return path;
    return this.d.host.files ? this.d.host.files.chmod(path, mode, true) : -this.e.ENOENT;
  }

  private chown(dirfd: number, pathAddress: number, uid: number, gid: number, flags: number): number {
    if ((flags & ~(this.e.AT_SYMLINK_NOFOLLOW | this.e.AT_EMPTY_PATH)) !== 0) return -this.e.EINVAL;
    const raw = pathAddress === 0 ? '' : this.d.user.readPath(pathAddress, this.e);
    if (raw === '' && (pathAddress === 0 || (flags & this.e.AT_EMPTY_PATH) !== 0))
      return this.with(this.fileOf(dirfd, 0), (f) => f.chown(uid, gid));
    const path = this.d.pathArg(dirfd, pathAddress);
    if (typeof path === 'number') return path;
    const follow = (flags & this.e.AT_SYMLINK_NOFOLLOW) === 0;
    return this.d.host.files ? this.d.host.files.chown(path, uid, gid, follow) : -this.e.ENOENT;
  }

  /** `work` on a host file, or the -errno (or the answer for other descriptors) given. */
  private with(file: HostFile | number, work: (f: HostFile) => number): number {
    return typeof file === 'number' ? file : work(file);
  }

  /** The two times of a utimensat-family call in `layout`; undefined: leave it; -errno. */
  private times(address: number, layout: number): [HostTime | undefined, HostTime | undefined] | number {
    const f = this.fs;
    if (address === 0) {
      const now = this.d.host.clock('realtime');
      return [now, now];
    }
    const size = layout === f.TIMES_UTIMBUF ? 8 : layout === f.TIMES_TIMESPEC64 ? 32 : 16;
    const raw = this.d.user.read(address, size);
    if (!raw) return -this.e.EFAULT;
    const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    if (layout === f.TIMES_UTIMBUF) {
      return [0, 4].map((o) => ({ seconds: v.getInt32(o, true), nanoseconds: 0 })) as [HostTime, HostTime];
    }
    const out: Array<HostTime | undefined> = [];
    for (let i = 0; i < 2; i++) {
      let seconds: number;
      let fraction: number;
      if (layout === f.TIMES_TIMESPEC64) {
        seconds = v.getUint32(16 * i, true) + v.getInt32(16 * i + 4, true) * 0x100000000;
        fraction = v.getInt32(16 * i + 8, true);
      } else {
        seconds = v.getInt32(8 * i, true);
        fraction = v.getInt32(8 * i + 4, true);
      }
      if (layout === f.TIMES_TIMEVAL) {
        if (fraction < 0 || fraction > 999999) return -this.e.EINVAL;
        out.push({ seconds, nanoseconds: fraction * 1000 });
      } else if (fraction === f.UTIME_OMIT) out.push(undefined);
      else if (fraction === f.UTIME_NOW) out.push(this.d.host.clock('realtime'));
      else if (fraction < 0 || fraction > 999999999) return -this.e.EINVAL;
      else out.push({ seconds, nanoseconds: fraction });
    }
    return [out[0], out[1]];
  }

  private utimens(dirfd: number, pathAddress: number, timesAddress: number, flags: number, layout: number): number {
    if ((flags & ~(this.e.AT_SYMLINK_NOFOLLOW | this.e.AT_EMPTY_PATH)) !== 0) return -this.e.EINVAL;
    const times = this.times(timesAddress, layout);
    if (typeof times === 'number') return times;
    if (times[0] === undefined && times[1] === undefined) return 0;
    const [atime, mtime] = times;
    if (pathAddress === 0) {
      // A null path names dirfd itself (futimens), never the current directory.
      if (dirfd === this.e.AT_FDCWD) return -this.e.EFAULT;
      if ((flags & this.e.AT_SYMLINK_NOFOLLOW) !== 0) return -this.e.EINVAL;
      return this.with(this.fileOf(dirfd, 0), (f) => f.utimes(atime, mtime));
    }
    const path = this.d.pathArg(dirfd, pathAddress);
    if (typeof path === 'number') return path;
    const follow = (flags & this.e.AT_SYMLINK_NOFOLLOW) === 0;
    return this.d.host.files ? this.d.host.files.utimes(path, atime, mtime, follow) : -this.e.ENOENT;
  }

  /** pwrite64: a file's bytes at `offset`, its position unchanged; a pipe or stream is ESPIPE. */
  private pwrite(fd: number, buffer: number, count: number, offset: number): number {
    const d = this.d.get(fd);
    const file = this.d.abi.file;
    if (!d || (d.open.flags & file.O_ACCMODE) === file.O_RDONLY) return -this.e.EBADF;
    if (offset < 0) return -this.e.EINVAL;
    const open = d.open;
    if (open.kind === 'pipe' || open.kind === 'stream' || open.kind === 'stdin') return -this.e.ESPIPE;
    const n = Math.min(count, this.d.abi.maxTransfer);
    const bytes = n === 0 ? new Uint8Array(0) : this.d.user.read(buffer, n);
    if (!bytes) return -this.e.EFAULT;
    if (open.kind !== 'file') return this.d.writeBytes(open, bytes);
    return n === 0 ? 0 : open.file.writeAt(bytes, offset);
  }

  /** preadv/pwritev: readv/writev at `offset`, the file's position unchanged (ESPIPE for a pipe
   *  or stream, EBADF for the wrong direction, as readv and writev). */
  private vectorAt(fd: number, iov: number, count: number, offset: number, writing: boolean): number {
    const d = this.d.get(fd);
    if (!d) return -this.e.EBADF;
    if (offset < 0) return -this.e.EINVAL;
    const open = d.open;
    if (open.kind === 'pipe' || open.kind === 'stream' || open.kind === 'stdin') return -this.e.ESPIPE;
    if (open.kind !== 'file') return this.d.vector(fd, iov, count, writing);
    const file = this.d.abi.file;
    const saved = open.file.seek(0, file.SEEK_CUR);
    if (saved < 0) return saved;
    open.file.seek(offset, file.SEEK_SET);
    const n = this.d.vector(fd, iov, count, writing);
    open.file.seek(saved, file.SEEK_SET);
    return n;
  }

  /** fsync/fdatasync (one file), syncfs and sync (`all`: every open file; fd -1 from sync). */
  private fsync(fd: number, all: boolean): number {
    if (fd !== -1) {
      const d = this.d.get(fd);
      if (!d) return -this.e.EBADF;
      if (!all) return d.open.kind === 'file' ? d.open.file.sync() : -this.e.EINVAL;
    }
    for (const open of this.d.openFiles()) if (open.kind === 'file') open.file.sync();
    return 0;
  }

  private truncate(pathAddress: number, length: number): number {
    const path = this.d.pathArg(this.e.AT_FDCWD, pathAddress);
    if (typeof path === 'number') return path;
    if (length < 0) return -this.e.EINVAL;
    return this.d.host.files ? this.d.host.files.truncate(path, length) : -this.e.ENOENT;
  }

  /** statfs/fstatfs (`size` STATFS_SIZE) and statfs64/fstatfs64 (STATFS64_SIZE), i386 layouts. */
  private statfs(fd: number, pathAddress: number, buffer: number, size: number): number {
    let st: HostStatFs | number;
    const none = (type: number): HostStatFs => ({
      type,
      bsize: 4096,
      blocks: 0,
      bfree: 0,
      bavail: 0,
      files: 0,
      ffree: 0,
      namelen: 255,
      readOnly: false,
    });
    if (pathAddress === 0) {
      const d = this.d.get(fd);
      if (!d) return -this.e.EBADF;
      const k = d.open.kind;
      st = k === 'file' ? d.open.file.statfs() : none(k === 'dev' ? TMPFS_MAGIC : PIPEFS_MAGIC);
    } else {
      const path = this.d.pathArg(fd, pathAddress);
      if (typeof path === 'number') return path;
      if (/^\/dev(\/|$)/.test(path)) st = none(TMPFS_MAGIC);
      else st = this.d.host.files ? this.d.host.files.statfs(path) : -this.e.ENOENT;
    }
    if (typeof st === 'number') return st;
    const f = this.fs;
    const flags = f.ST_VALID | (st.readOnly ? f.ST_RDONLY : 0);
    const b = new Uint8Array(size);
    const v = new DataView(b.buffer);
    const counts = [st.blocks, st.bfree, st.bavail, st.files, st.ffree];
    if (size === f.STATFS_SIZE) {
      // struct statfs: 32-bit counts; Linux's put_compat_statfs refuses what does not fit.
      if (counts.some((c) => c > 0xffffffff)) return -this.e.EOVERFLOW;
      v.setUint32(0, st.type, true);
      v.setUint32(4, st.bsize, true);
      counts.forEach((c, i) => v.setUint32(8 + 4 * i, c, true));
      v.setUint32(36, st.namelen, true);
      v.setUint32(40, st.bsize, true);
      v.setUint32(44, flags, true);
    } else {
      v.setUint32(0, st.type, true);
      v.setUint32(4, st.bsize, true);
      counts.forEach((c, i) => {
        v.setUint32(8 + 8 * i, c >>> 0, true);
        v.setUint32(12 + 8 * i, Math.floor(c / 0x100000000), true);
      });
      v.setUint32(56, st.namelen, true);
      v.setUint32(60, st.bsize, true);
      v.setUint32(64, flags, true);
    }
    return this.d.user.write(buffer, b) ? 0 : -this.e.EFAULT;
  }

  /** The identity flock's locks are kept by: the host file, or the pipe, or the open file. */
  private lockKey(open: OpenFile): unknown {
    if (open.kind === 'pipe') return open.pipe;
    if (open.kind === 'file') {
      const st = open.file.stat();
      if (typeof st !== 'number') return `${st.dev}:${st.ino}`;
    }
    return open;
  }

  /** flock: advisory, per open file (dup'ed and inherited descriptors share it), as Linux's. */
  private flock(fd: number, operation: number): number {
    const f = this.fs;
    const d = this.d.get(fd);
    if (!d) return -this.e.EBADF;
    const kind = operation & ~f.LOCK_NB;
    if (kind !== f.LOCK_SH && kind !== f.LOCK_EX && kind !== f.LOCK_UN) return -this.e.EINVAL;
    const key = this.lockKey(d.open);
    let holders = this.locks.get(key);
    if (kind === f.LOCK_UN) {
      holders?.delete(d.open);
      return 0;
    }
    const want: Lock = kind === f.LOCK_EX ? 'exclusive' : 'shared';
    if (!holders) this.locks.set(key, (holders = new Map()));
    // A conversion drops the old lock first (Linux's flock is not atomic about it either).
    holders.delete(d.open);
    for (const [other, held] of holders) {
      if (other !== d.open && (want === 'exclusive' || held === 'exclusive'))
        return (operation & f.LOCK_NB) !== 0 ? -this.e.EAGAIN : -this.d.abi.protocol.BLOCK;
    }
    holders.set(d.open, want);
    return 0;
  }

  /** The last reference to an open file is gone: its flock is released. */
  released(open: OpenFile): void {
    for (const [key, holders] of this.locks) {
      if (holders.delete(open) && holders.size === 0) this.locks.delete(key);
    }
  }

  /** sendfile: up to `count` bytes of a file (from *offset, which moves, when given, else its
   *  position) written to `out`; the input moves by what was written. */
  private sendfile(outFd: number, inFd: number, offsetAddress: number, count: number, offsetSize: number): number {
    const file = this.d.abi.file;
    const out = this.d.get(outFd);
    const input = this.d.get(inFd);
    if (!out || !input) return -this.e.EBADF;
    if ((input.open.flags & file.O_ACCMODE) === file.O_WRONLY) return -this.e.EBADF;
    if ((out.open.flags & file.O_ACCMODE) === file.O_RDONLY) return -this.e.EBADF;
    const source = input.open;
    if (source.kind !== 'file' || source.file.directory) return -this.e.EINVAL;
    let offset: number | undefined;
    if (offsetAddress !== 0) {
      const raw = this.d.user.read(offsetAddress, offsetSize);
      if (!raw) return -this.e.EFAULT;
      const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      offset = offsetSize === 8 ? v.getUint32(0, true) + v.getInt32(4, true) * 0x100000000 : v.getInt32(0, true);
      if (offset < 0) return -this.e.EINVAL;
    }
    const n = Math.min(count, this.d.abi.maxTransfer);
    const start = source.file.seek(0, file.SEEK_CUR);
    if (start < 0) return start;
    if (offset !== undefined) source.file.seek(offset, file.SEEK_SET);
    const from = offset ?? start;
    const chunk = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      const r = source.file.read(chunk.subarray(got));
      if (r <= 0) break;
      got += r;
    }
    const written = got === 0 ? 0 : this.d.writeBytes(out.open, chunk.subarray(0, got));
    const moved = written > 0 ? written : 0;
    source.file.seek(offset === undefined ? from + moved : start, file.SEEK_SET);
    if (written < 0) return written;
    if (offset !== undefined) {
      const b = new Uint8Array(offsetSize);
      const v = new DataView(b.buffer);
      v.setUint32(0, (offset + moved) >>> 0, true);
      if (offsetSize === 8) v.setUint32(4, Math.floor((offset + moved) / 0x100000000), true);
      if (!this.d.user.write(offsetAddress, b)) return -this.e.EFAULT;
    }
    return moved;
  }

  /** getdents64 (`wide`): struct linux_dirent64, d_ino (8), d_off (8), d_reclen (2), d_type (1),
   *  the name, NUL, records 8-aligned; getdents: struct linux_dirent, d_ino and d_off of 32 bits,
   *  d_reclen, the name, NUL, d_type in the record's last byte, records 4-aligned (fs/readdir.c). */
  private getdents(fd: number, buffer: number, count: number, wide: boolean): number {
    const d = this.d.get(fd);
    if (!d) return -this.e.EBADF;
    const open = d.open;
    if (open.kind !== 'file' || !open.file.directory) return -this.e.ENOTDIR;
    if (!open.listing) {
      const entries = open.file.entries();
      if (typeof entries === 'number') return entries;
      open.listing = entries;
    }
    const size = Math.min(count, this.d.abi.maxTransfer);
    const out = new Uint8Array(size);
    const v = new DataView(out.buffer);
    let used = 0;
    while (open.next < open.listing.length) {
      const entry = open.listing[open.next];
      if (!wide && entry.ino > 0xffffffff) return used > 0 ? this.store(buffer, out, used) : -this.e.EOVERFLOW;
      const reclen = wide ? (19 + entry.name.length + 1 + 7) & ~7 : (10 + entry.name.length + 2 + 3) & ~3;
      if (used + reclen > size) break;
      if (wide) {
        v.setUint32(used, entry.ino >>> 0, true);
        v.setUint32(used + 4, Math.floor(entry.ino / 0x100000000), true);
        v.setUint32(used + 8, open.next + 1, true);
        v.setUint16(used + 16, reclen, true);
        out[used + 18] = entry.type;
        out.set(entry.name, used + 19);
      } else {
        v.setUint32(used, entry.ino, true);
        v.setUint32(used + 4, open.next + 1, true);
        v.setUint16(used + 8, reclen, true);
        out.set(entry.name, used + 10);
        out[used + reclen - 1] = entry.type;
      }
      used += reclen;
      open.next++;
    }
    if (used === 0 && open.next < open.listing.length) return -this.e.EINVAL;
    return this.store(buffer, out, used);
  }

  private store(buffer: number, out: Uint8Array, used: number): number {
    return this.d.user.write(buffer, out.subarray(0, used)) ? used : -this.e.EFAULT;
  }

  /** fadvise: advice only; a pipe or stream is ESPIPE, an unknown advice EINVAL. */
  private fadvise(fd: number, advice: number): number {
    const d = this.d.get(fd);
    if (!d) return -this.e.EBADF;
    const k = d.open.kind;
    if (k === 'pipe' || k === 'stream' || k === 'stdin') return -this.e.ESPIPE;
    return advice > this.fs.FADV_MAX ? -this.e.EINVAL : 0;
  }

  /** mknod: a regular file (S_IFREG, or no type); device nodes, FIFOs and sockets are not made
   *  in the host directory (EPERM); any other type is EINVAL. */
  private mknod(dirfd: number, pathAddress: number, mode: number, _dev: number): number {
    const f = this.fs;
    const type = mode & f.S_IFMT;
    if (type !== 0 && type !== f.S_IFREG) {
      if (![f.S_IFCHR, f.S_IFBLK, f.S_IFIFO, f.S_IFSOCK].includes(type)) return -this.e.EINVAL;
      return -this.e.EPERM;
    }
    const path = this.d.pathArg(dirfd, pathAddress);
    if (typeof path === 'number') return path;
    return this.d.host.files ? this.d.host.files.mknod(path, mode & 0o7777) : -this.e.ENOENT;
  }
}
