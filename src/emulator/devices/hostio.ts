// The paravirtual host I/O device (docs/HOSTIO.md): the guest kernel's connection to the
// host for a program's standard streams, a sandboxed view of host files and the clocks.
//
// Two ports (numbers given by the caller, from the kernel ABI): reading a dword from the
// request port returns the device's magic (a machine without the device reads all ones);
// writing a dword there hands the device the physical address of a request block, which it
// performs before the OUT retires, storing the result in the block. A byte written to the
// log port is one byte of the kernel's own log, a channel separate from the program's output.
//
// User buffers named in a request are linear addresses of the address space whose page
// directory the block names. The device walks those tables itself (32-bit paging with 4 KiB
// pages, SDM Vol.3 4.3 and Table 4-5/4-6) and accepts only present user pages, writable ones
// when it stores (the U/S and R/W bits of both the PDE and the PTE, SDM Vol.3 4.6.1): a
// bad pointer from a program is -EFAULT, never an access to kernel memory.
//
// The device keeps the program's descriptor table (Linux semantics: lowest free number,
// dup shares the open file and its position, close-on-exec flag per descriptor). What the
// descriptors reach is the injected host: standard streams, files, the clocks. No Node API
// is used here; the host decides what a path means and refuses what it must.
import type { IoBus, IoDevice } from '../io';
import { Pipe } from './hostioPipe';
import { pollTable, selectSets } from './hostioPoll';
import { UserMemory } from './hostioUser';
import { encodeStat64, encodeStatx } from './hostioStat';
import { FileCalls } from './hostioFiles';
import { devPath, devStat, linkStat, type DevName, type DevPath } from './hostioDevices';
import type { PhysicalMemory } from '../memory';
import type { HostDirEntry, HostFile, HostIo, HostIoNumbers, HostStat, HostStream } from './hostioTypes';
export type {
  HostDirEntry,
  HostFile,
  HostFiles,
  HostIo,
  HostIoNumbers,
  HostStat,
  HostStatFs,
  HostStream,
  HostTime,
} from './hostioTypes';

export type OpenFile =
  | { kind: 'stdin'; refs: number; flags: number }
  | { kind: 'dev'; name: DevName; refs: number; flags: number }
  | { kind: 'stream'; stream: HostStream; refs: number; flags: number }
  | { kind: 'pipe'; pipe: Pipe; refs: number; flags: number }
  | { kind: 'file'; file: HostFile; path: string; refs: number; flags: number; listing?: HostDirEntry[]; next: number };

export interface Descriptor {
  open: OpenFile;
  cloexec: boolean;
}

const PAGE = 4096;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

/** An absolute path with "." and ".." resolved (".." stops at the root) and no trailing "/". */
function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

/** Mode of the standard streams' stat: a FIFO, read-write by the owner. */
const STREAM_MODE = 0o010600;

export class HostIoDevice implements IoDevice {
  /** The descriptor table of the process the current request is for (REQ_PROCESS). */
  private fds: (Descriptor | undefined)[] = [];
  private process: number;
  /** The other processes' tables and directories. */
  private readonly tables = new Map<number, { fds: (Descriptor | undefined)[]; cwd: string }>();
  private readonly ops = new Map<number, (a: number[]) => number | [number, number]>();
  readonly user: UserMemory;
  private readonly fileCalls: FileCalls;
  /** The current directory of AT_FDCWD paths: an absolute guest path without "." or "..". */
  private cwd = '/';
  /** The open files of MAP_SHARED file mappings by handle (1 up): each holds a reference, so
   *  closing the descriptor keeps the file, as Linux's mapping does. */
  private readonly maps: (OpenFile | undefined)[] = [undefined];
  /** A small id per host file (device and inode) mapped shared, for the kernel to compare. */
  private readonly fileIds = new Map<string, number>();
  /** Linear -> physical runs of the last translated range: [physical, length] pairs. */

  constructor(
    private readonly memory: PhysicalMemory,
    readonly host: HostIo,
    readonly abi: HostIoNumbers,
  ) {
    const p = abi.protocol;
    this.user = new UserMemory(memory, abi.pteCopyOnWrite);
    this.process = abi.firstProcess;
    this.fds[0] = { open: { kind: 'stdin', refs: 1, flags: abi.file.O_RDONLY }, cloexec: false };
    this.fds[1] = { open: { kind: 'stream', stream: 'stdout', refs: 1, flags: abi.file.O_WRONLY }, cloexec: false };
    this.fds[2] = { open: { kind: 'stream', stream: 'stderr', refs: 1, flags: abi.file.O_WRONLY }, cloexec: false };
    const op = (code: number, f: (a: number[]) => number | [number, number]): void => void this.ops.set(code, f);
    op(p.OP_WRITE, (a) => this.write(a[0], a[1], a[2]));
    op(p.OP_READ, (a) => this.read(a[0], a[1], a[2]));
    op(p.OP_WRITEV, (a) => this.vector(a[0], a[1], a[2], true));
    op(p.OP_READV, (a) => this.vector(a[0], a[1], a[2], false));
    op(p.OP_OPENAT, (a) => this.openat(a[0] | 0, a[1], a[2], a[3]));
    op(p.OP_CLOSE, (a) => this.close(a[0]));
    op(p.OP_LSEEK, (a) => this.lseek(a[0], a[1], a[2], a[3]));
    op(p.OP_FSTAT64, (a) => this.fstat64(a[0], a[1]));
    op(p.OP_FSTATAT64, (a) => this.fstatat64(a[0] | 0, a[1], a[2], a[3]));
    op(p.OP_STATX, (a) => this.statx(a[0] | 0, a[1], a[2], a[4]));
    op(p.OP_FACCESSAT, (a) => this.faccessat(a[0] | 0, a[1], a[2]));
    op(p.OP_DUP, (a) => this.dupTo(a[0], 0, false));
    op(p.OP_DUP2, (a) => this.dup2(a[0], a[1], undefined));
    op(p.OP_DUP3, (a) => this.dup2(a[0], a[1], a[2]));
    op(p.OP_FCNTL, (a) => this.fcntl(a[0], a[1], a[2]));
    op(p.OP_UNLINKAT, (a) => this.unlinkat(a[0] | 0, a[1], a[2]));
    op(p.OP_MKDIRAT, (a) => this.mkdirat(a[0] | 0, a[1], a[2]));
    op(p.OP_CLOCK, (a) => this.clock(a[0]));
    op(p.OP_CHDIR, (a) => this.chdir(a[0]));
    op(p.OP_FCHDIR, (a) => this.fchdir(a[0]));
    op(p.OP_GETCWD, (a) => this.getcwd(a[0], a[1]));
    op(p.OP_PREAD, (a) => this.pread(a[0], a[1], a[2], a[3] + a[4] * 0x100000000, false));
    op(p.OP_PREAD_PHYS, (a) => this.pread(a[0], a[1], a[2], a[3], true));
    op(p.OP_PIPE, (a) => this.pipe(a[0], a[1]));
    op(p.OP_ABSOLUTE_PHYS, (a) => this.absolute(a[0], a[1], a[2]));
    const lookup = (fd: number): OpenFile | undefined => this.get(fd)?.open;
    op(p.OP_POLL, (a) => pollTable(this.user, abi, lookup, a[0], a[1]));
    op(p.OP_SELECT, (a) => selectSets(this.user, abi, lookup, a[0] | 0, [a[1], a[2], a[3]], a[4] !== 0));
    op(p.OP_FORK_FILES, (a) => this.forkFiles(a[0]));
    op(p.OP_EXIT_FILES, () => this.exitFiles());
    op(p.OP_EXEC_FILES, () => this.execFiles());
    op(p.OP_MAP_OPEN, (a) => this.mapOpen(a[0], a[1] !== 0));
    op(p.OP_MAP_WRITE, (a) => this.mapWrite(a[0], a[1], a[2], a[3] + a[4] * 0x100000000));
    op(p.OP_MAP_CLOSE, (a) => this.mapClose(a[0]));
    op(p.OP_FTRUNCATE, (a) => this.ftruncate(a[0], a[1] + (a[2] | 0) * 0x100000000));
    op(p.OP_READLINKAT, (a) => this.readlinkat(a[0] | 0, a[1], a[2], a[3]));
    this.fileCalls = new FileCalls(this);
    for (const [code, f] of this.fileCalls.ops()) op(code, f);
  }

  attach(bus: IoBus): void {
    bus.registerDevice(this.abi.port, 4, this);
    bus.registerDevice(this.abi.logPort, 1, this);
  }

  in8(port: number): number {
    return port === this.abi.logPort ? 0xff : (this.abi.protocol.MAGIC >>> (8 * (port - this.abi.port))) & 0xff;
  }

  out8(port: number, value: number): void {
    if (port === this.abi.logPort) this.host.log(value);
  }

  in32(port: number): number {
    return port === this.abi.port ? this.abi.protocol.MAGIC : 0xffffffff;
  }

  out32(port: number, value: number): void {
    if (port === this.abi.port) this.perform(value >>> 0);
  }

  /** Closes every descriptor and mapping handle (the program is over). */
  closeAll(): void {
    for (const id of [...this.tables.keys()]) {
      this.select(id);
      this.exitFiles();
    }
    for (let fd = 0; fd < this.fds.length; fd++) if (this.fds[fd]) this.close(fd);
    for (let h = 1; h < this.maps.length; h++) this.mapClose(h);
  }

  /** Makes process `id`'s table and directory current (an unknown process has none). */
  private select(id: number): void {
    if (id === this.process) return;
    this.tables.set(this.process, { fds: this.fds, cwd: this.cwd });
    const t = this.tables.get(id) ?? { fds: [], cwd: '/' };
    this.tables.delete(id);
    this.fds = t.fds;
    this.cwd = t.cwd;
    this.process = id;
  }

  /** execve's /proc/self/exe: the path made absolute at the current directory, into kernel memory. */
  private absolute(pathAddress: number, physical: number, size: number): number {
    const path = this.pathArg(this.abi.errno.AT_FDCWD, pathAddress);
    if (typeof path === 'number') return path;
    const bytes = new TextEncoder().encode(normalizePath(path) + '\0');
    if (bytes.length > size) return -this.abi.errno.ENAMETOOLONG;
    if (physical + bytes.length > this.memory.size) return -this.abi.errno.EFAULT;
    this.memory.load(bytes, physical);
    return bytes.length;
  }

  /** fork: the child gets a copy of the table whose descriptors share the open files. */
  private forkFiles(child: number): number {
    const copy = this.fds.map((d) => {
      if (!d) return undefined;
      d.open.refs++;
      return { open: d.open, cloexec: d.cloexec };
    });
    this.tables.set(child, { fds: copy, cwd: this.cwd });
    return 0;
  }

  /** The process is over: its descriptors close (a pipe's last writer gives its reader EOF). */
  private exitFiles(): number {
    for (let fd = 0; fd < this.fds.length; fd++) if (this.fds[fd]) this.close(fd);
    this.fds = [];
    return 0;
  }

  private execFiles(): number {
    for (let fd = 0; fd < this.fds.length; fd++) if (this.fds[fd]?.cloexec) this.close(fd);
    return 0;
  }

  /** pipe2(fds, flags): the read end first, then the write end, at the lowest free numbers. */
  private pipe(fdsAddress: number, flags: number): number {
    const f = this.abi.file;
    if ((flags & ~(f.O_CLOEXEC | f.O_NONBLOCK)) !== 0) return -this.abi.errno.EINVAL;
    const readFd = this.lowestFree(0);
    if (readFd < 0) return readFd;
    const pipe = new Pipe(this.abi.protocol.PIPE_SIZE);
    const cloexec = (flags & f.O_CLOEXEC) !== 0;
    const status = flags & f.O_NONBLOCK;
    this.install(readFd, { kind: 'pipe', pipe, refs: 1, flags: f.O_RDONLY | status }, cloexec);
    pipe.readers++;
    const writeFd = this.lowestFree(0);
    if (writeFd >= 0) {
      this.install(writeFd, { kind: 'pipe', pipe, refs: 1, flags: f.O_WRONLY | status }, cloexec);
      pipe.writers++;
      const pair = new Uint8Array(new Uint32Array([readFd, writeFd]).buffer);
      if (this.user.write(fdsAddress, pair)) return 0;
      this.close(writeFd);
    }
    this.close(readFd);
    return writeFd < 0 ? writeFd : -this.abi.errno.EFAULT;
  }

  private perform(block: number): void {
    const p = this.abi.protocol;
    const m = this.memory;
    if (block + p.REQ_RESULT_HIGH + 4 > m.size) return;
    this.user.pageDirectory = m.read32(block + p.REQ_PAGE_DIRECTORY) & ~(PAGE - 1);
    this.select(m.read32(block + p.REQ_PROCESS));
    const args = [0, 1, 2, 3, 4].map((i) => m.read32(block + p.REQ_ARG0 + 4 * i) >>> 0);
    const f = this.ops.get(m.read32(block + p.REQ_OP));
    const result = this.user.request(() => (f ? f(args) : -this.abi.errno.ENOSYS), this.abi.errno.EFAULT, p);
    const [low, high] = typeof result === 'number' ? [result, result < 0 ? -1 : 0] : result;
    m.write32(block + p.REQ_RESULT, low >>> 0);
    m.write32(block + p.REQ_RESULT_HIGH, high >>> 0);
  }

  // ---- descriptors ----

  get(fd: number): Descriptor | undefined {
    return fd < this.fds.length ? this.fds[fd] : undefined;
  }

  private lowestFree(from: number): number {
    for (let fd = from; fd < this.abi.file.MAX_FDS; fd++) if (!this.fds[fd]) return fd;
    return -this.abi.errno.EMFILE;
  }

  private install(fd: number, open: OpenFile, cloexec: boolean): number {
    this.fds[fd] = { open, cloexec };
    return fd;
  }

  private release(open: OpenFile): void {
    if (--open.refs !== 0) return;
    this.fileCalls.released(open);
    if (open.kind === 'file') open.file.close();
    else if (open.kind === 'pipe' && (open.flags & this.abi.file.O_ACCMODE) === this.abi.file.O_RDONLY)
      open.pipe.readers--;
    else if (open.kind === 'pipe') open.pipe.writers--;
  }

  /** The absolute guest path `path` names relative to `dirfd`, or -errno. */
  resolve(dirfd: number, path: string): string | number {
    if (path.startsWith('/')) return path;
    if (dirfd === this.abi.errno.AT_FDCWD) return this.cwd.replace(/\/$/, '') + '/' + path;
    const d = this.get(dirfd);
    if (!d) return -this.abi.errno.EBADF;
    if (d.open.kind !== 'file' || !d.open.file.directory) return -this.abi.errno.ENOTDIR;
    return d.open.path.replace(/\/$/, '') + '/' + path;
  }

  pathArg(dirfd: number, linear: number): string | number {
    const path = this.user.readPath(linear, this.abi.errno);
    if (typeof path === 'number') return path;
    if (path === '') return -this.abi.errno.ENOENT;
    return this.resolve(dirfd, path);
  }

  // ---- operations ----

  /** chdir: the path must name a directory of the view; the current directory is kept normalized. */
  private chdir(pathAddress: number): number {
    const path = this.pathArg(this.abi.errno.AT_FDCWD, pathAddress);
    if (typeof path === 'number') return path;
    if (!this.host.files) return -this.abi.errno.ENOENT;
    const st = this.host.files.stat(path, true);
    if (typeof st === 'number') return st;
    if ((st.mode & S_IFMT) !== S_IFDIR) return -this.abi.errno.ENOTDIR;
    this.cwd = normalizePath(path);
    return 0;
  }

  private fchdir(fd: number): number {
    const d = this.get(fd);
    if (!d) return -this.abi.errno.EBADF;
    if (d.open.kind !== 'file' || !d.open.file.directory) return -this.abi.errno.ENOTDIR;
    this.cwd = normalizePath(d.open.path);
    return 0;
  }

  /** getcwd: Linux's system call returns the length with the terminating NUL. */
  private getcwd(buffer: number, size: number): number {
    const bytes = new TextEncoder().encode(this.cwd + '\0');
    if (size < bytes.length) return -this.abi.errno.ERANGE;
    return this.user.write(buffer, bytes) ? bytes.length : -this.abi.errno.EFAULT;
  }

  /** pread for the kernel's file mappings: `count` bytes from `offset` (fewer at the end of the
   *  file), the descriptor's position unchanged; a stream is -ESPIPE, a directory -EISDIR. */
  private pread(fd: number, buffer: number, count: number, offset: number, physical: boolean): number {
    const e = this.abi.errno;
    const d = this.get(fd);
    if (!d) return -e.EBADF;
    if ((d.open.flags & this.abi.file.O_ACCMODE) === this.abi.file.O_WRONLY) return -e.EACCES;
    const open = d.open;
    if (open.kind !== 'file') return -e.ESPIPE;
    if (open.file.directory) return -e.EISDIR;
    if (physical ? buffer + count > this.memory.size : !this.user.mapRange(buffer, count, true)) return -e.EFAULT;
    const f = this.abi.file;
    const saved = open.file.seek(0, f.SEEK_CUR);
    if (saved < 0) return saved;
    const at = open.file.seek(offset, f.SEEK_SET);
    if (at < 0) return at;
    const into = new Uint8Array(count);
    let got = 0;
    while (got < count) {
      const n = open.file.read(into.subarray(got));
      if (n <= 0) break;
      got += n;
    }
    open.file.seek(saved, f.SEEK_SET);
    if (got > 0 && physical) this.memory.load(into.subarray(0, got), buffer);
    else if (got > 0) this.user.write(buffer, into.subarray(0, got));
    return got;
  }

  /** readlink: the link's text, cut at `size` bytes (no NUL added), as Linux. */
  private readlinkat(dirfd: number, pathAddress: number, buffer: number, size: number): number {
    if ((size | 0) <= 0) return -this.abi.errno.EINVAL;
    const path = this.pathArg(dirfd, pathAddress);
    if (typeof path === 'number') return path;
    const dev = devPath(normalizePath(path), this.abi.errno.ENOENT);
    if (typeof dev === 'number') return dev;
    if (dev?.kind === 'device') return -this.abi.errno.EINVAL;
    const linked = dev?.kind === 'fd' ? this.get(dev.fd)?.open : undefined;
    if (dev?.kind === 'fd' && !linked) return -this.abi.errno.ENOENT;
    const text = dev?.kind === 'link' ? dev.target : linked?.kind === 'file' ? linked.path : linked ? 'pipe:[0]' : '';
    if (!this.host.files && !dev) return -this.abi.errno.ENOENT;
    const target = dev ? new TextEncoder().encode(text) : this.host.files!.readlink(path);
    if (typeof target === 'number') return target;
    const n = Math.min(size, target.length);
    return this.user.write(buffer, target.subarray(0, n)) ? n : -this.abi.errno.EFAULT;
  }

  // ---- MAP_SHARED file mappings ----

  /** A handle on `fd`'s open file for a shared mapping, and the file's id: the file must be
   *  readable, and opened for writing too when the mapping is (Linux's mmap: EACCES), a
   *  regular file (a stream is ESPIPE, a directory EISDIR, as pread; the kernel says ENODEV). */
  private mapOpen(fd: number, writable: boolean): [number, number] | number {
    const e = this.abi.errno;
    const f = this.abi.file;
    const d = this.get(fd);
    if (!d) return -e.EBADF;
    const open = d.open;
    const access = open.flags & f.O_ACCMODE;
    if (access === f.O_WRONLY || (writable && access === f.O_RDONLY)) return -e.EACCES;
    if (open.kind !== 'file') return -e.ESPIPE;
    if (open.file.directory) return -e.EISDIR;
    const st = open.file.stat();
    if (typeof st === 'number') return st;
    const key = `${st.dev}:${st.ino}`;
    let id = this.fileIds.get(key);
    if (id === undefined) this.fileIds.set(key, (id = this.fileIds.size + 1));
    let handle = this.maps.indexOf(undefined, 1);
    if (handle < 0) handle = this.maps.length;
    this.maps[handle] = open;
    open.refs++;
    return [handle, id];
  }

  /** Writes a mapped page back: `count` bytes of user memory at `offset`, cut at the file's
   *  end (a mapping never makes the file longer, as Linux's write-back). */
  private mapWrite(handle: number, buffer: number, count: number, offset: number): number {
    const open = this.maps[handle];
    if (!open || open.kind !== 'file') return -this.abi.errno.EBADF;
    const st = open.file.stat();
    if (typeof st === 'number') return st;
    const n = Math.max(0, Math.min(count, st.size - offset));
    if (n === 0) return 0;
    const bytes = this.user.read(buffer, n);
    if (!bytes) return -this.abi.errno.EFAULT;
    return open.file.writeAt(bytes, offset);
  }

  private mapClose(handle: number): number {
    const open = this.maps[handle];
    if (!open) return -this.abi.errno.EBADF;
    this.maps[handle] = undefined;
    this.release(open);
    return 0;
  }

  /** ftruncate: a regular file opened for writing (else EINVAL, or EBADF when read-only, as Linux). */
  private ftruncate(fd: number, length: number): number {
    const e = this.abi.errno;
    const d = this.get(fd);
    if (!d) return -e.EBADF;
    if (length < 0) return -e.EINVAL;
    if ((d.open.flags & this.abi.file.O_ACCMODE) === this.abi.file.O_RDONLY) return -e.EINVAL;
    if (d.open.kind !== 'file' || d.open.file.directory) return -e.EINVAL;
    return d.open.file.truncate(length);
  }

  private write(fd: number, buffer: number, count: number): number {
    const d = this.get(fd);
    if (!d || (d.open.flags & this.abi.file.O_ACCMODE) === this.abi.file.O_RDONLY) return -this.abi.errno.EBADF;
    const n = Math.min(count, this.abi.maxTransfer);
    if (!this.user.mapRange(buffer, n, false)) return -this.abi.errno.EFAULT;
    let done = 0;
    for (let i = 0; i < this.user.runs.length; i += 2) {
      const view = this.memory.u8.subarray(this.user.runs[i], this.user.runs[i] + this.user.runs[i + 1]);
      const w = this.writeBytes(d.open, view);
      if (w < 0) return done > 0 ? done : w;
      done += w;
      if (w < view.length) return done;
    }
    return done;
  }

  /** Bytes written to an open file as `write` writes them (/dev/full is ENOSPC, /dev/tty the
   *  host's stderr, the other devices take everything): the count, or -errno. */
  writeBytes(open: OpenFile, bytes: Uint8Array): number {
    if (open.kind === 'stream') return this.host.write(open.stream, bytes);
    if (open.kind === 'file') return open.file.write(bytes);
    if (open.kind === 'pipe') return this.pipeResult(open.pipe.write(bytes), open.flags);
    if (open.kind !== 'dev') return -this.abi.errno.EBADF;
    if (open.name === 'full') return -this.abi.errno.ENOSPC;
    return open.name === 'tty' ? this.host.write('stderr', bytes) : bytes.length;
  }

  /** A device's read: nothing from /dev/null, zeros, the host's stdin for /dev/tty, and
   *  FILL_RANDOM for the kernel to fill from getrandom's source. */
  private devRead(name: DevName, into: Uint8Array): number {
    if (name === 'null') return 0;
    if (name === 'tty') return this.host.readStdin(into);
    if (name === 'random' || name === 'urandom') return -this.abi.protocol.FILL_RANDOM;
    return into.length;
  }

  /** Every open file of every process and of the shared mappings. */
  openFiles(): Set<OpenFile> {
    const all = new Set<OpenFile>();
    for (const table of [this.fds, ...[...this.tables.values()].map((t) => t.fds)])
      for (const d of table) if (d) all.add(d.open);
    for (const m of this.maps) if (m) all.add(m);
    return all;
  }

  private read(fd: number, buffer: number, count: number): number {
    const d = this.get(fd);
    if (!d || (d.open.flags & this.abi.file.O_ACCMODE) === this.abi.file.O_WRONLY) return -this.abi.errno.EBADF;
    const open = d.open;
    if (open.kind === 'file' && open.file.directory) return -this.abi.errno.EISDIR;
    const n = Math.min(count, this.abi.maxTransfer);
    if (!this.user.mapRange(buffer, n, true)) return -this.abi.errno.EFAULT;
    const into = new Uint8Array(n);
    const got =
      open.kind === 'stdin'
        ? this.host.readStdin(into)
        : open.kind === 'file'
          ? open.file.read(into)
          : open.kind === 'pipe'
            ? this.pipeResult(open.pipe.read(into), open.flags)
            : open.kind === 'dev'
              ? this.devRead(open.name, into)
              : -this.abi.errno.EBADF;
    if (got > 0) this.user.write(buffer, into.subarray(0, got));
    return got;
  }

  /** readv/writev: the iovec array (pairs of base, length dwords) done in order. */
  vector(fd: number, iov: number, count: number, writing: boolean): number {
    if (count > 1024) return -this.abi.errno.EINVAL;
    const table = this.user.read(iov, count * 8);
    if (!table) return -this.abi.errno.EFAULT;
    const words = new DataView(table.buffer);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const base = words.getUint32(8 * i, true);
      const length = words.getUint32(8 * i + 4, true);
      if (length === 0) continue;
      let n = writing ? this.write(fd, base, length) : this.read(fd, base, length);
      if (n === -this.abi.protocol.FILL_RANDOM) n = -this.abi.errno.EINVAL; // only read fills randomly
      if (n < 0) return total > 0 ? total : n;
      total += n;
      if (n < length) break;
    }
    return total;
  }

  private openat(dirfd: number, pathAddress: number, flags: number, mode: number): number {
    const path = this.pathArg(dirfd, pathAddress);
    if (typeof path === 'number') return path;
    const fd = this.lowestFree(0);
    if (fd < 0) return fd;
    const dev = devPath(normalizePath(path), this.abi.errno.ENOENT);
    if (dev !== undefined) return this.openDev(dev, flags, fd);
    const files = this.host.files;
    if (!files) return -this.abi.errno.ENOENT;
    const file = files.open(path, flags, mode);
    if (typeof file === 'number') return file;
    if ((flags & this.abi.file.O_DIRECTORY) !== 0 && !file.directory) {
      file.close();
      return -this.abi.errno.ENOTDIR;
    }
    return this.install(
      fd,
      { kind: 'file', file, path, refs: 1, flags, next: 0 },
      (flags & this.abi.file.O_CLOEXEC) !== 0,
    );
  }

  /** open of a /dev name: a device, or a new open file on what descriptor N has open (/dev/fd/N,
   *  /dev/stdin..: a file is opened again by its path, a pipe or stream shared in its direction). */
  private openDev(dev: DevPath | number, flags: number, fd: number): number {
    const e = this.abi.errno;
    const f = this.abi.file;
    if (typeof dev === 'number') return dev;
    const cloexec = (flags & f.O_CLOEXEC) !== 0;
    if (dev.kind === 'device') {
      if (dev.name === 'tty' && !this.host.terminal) return -this.abi.fs.ENXIO;
      if ((flags & f.O_DIRECTORY) !== 0) return -e.ENOTDIR;
      return this.install(fd, { kind: 'dev', name: dev.name, refs: 1, flags }, cloexec);
    }
    if ((flags & f.O_NOFOLLOW) !== 0) return -e.ELOOP;
    const target = this.get(dev.fd)?.open;
    if (!target) return -e.ENOENT;
    if (target.kind === 'file') {
      const file = this.host.files?.open(target.path, flags & ~(f.O_CREAT | f.O_EXCL), 0) ?? -e.ENOENT;
      if (typeof file === 'number') return file;
      return this.install(fd, { kind: 'file', file, path: target.path, refs: 1, flags, next: 0 }, cloexec);
    }
    const open = { ...target, refs: 1, flags: (target.flags & f.O_ACCMODE) | (flags & ~f.O_ACCMODE) };
    if (open.kind === 'pipe' && (open.flags & f.O_ACCMODE) === f.O_RDONLY) open.pipe.readers++;
    else if (open.kind === 'pipe') open.pipe.writers++;
    return this.install(fd, open, cloexec);
  }

  private close(fd: number): number {
    const d = this.get(fd);
    if (!d) return -this.abi.errno.EBADF;
    this.fds[fd] = undefined;
    this.release(d.open);
    return 0;
  }

  private lseek(fd: number, low: number, high: number, whence: number): [number, number] | number {
    const d = this.get(fd);
    if (!d) return -this.abi.errno.EBADF;
    const open = d.open;
    if (open.kind === 'dev') return 0; // Linux's null_lseek and noop_llseek: the position stays 0
    if (open.kind !== 'file') return -this.abi.errno.ESPIPE;
    const offset = (high | 0) * 0x100000000 + low;
    const f = this.abi.file;
    if (whence !== f.SEEK_SET && whence !== f.SEEK_CUR && whence !== f.SEEK_END) return -this.abi.errno.EINVAL;
    if (open.file.directory) {
      // A directory's position is an index into its entries (getdents64's d_off).
      const to = whence === f.SEEK_SET ? offset : whence === f.SEEK_CUR ? open.next + offset : -1;
      if (to < 0) return -this.abi.errno.EINVAL;
      open.next = to;
      return [to >>> 0, Math.floor(to / 0x100000000)];
    }
    const position = open.file.seek(offset, whence);
    if (position < 0) return position;
    return [position >>> 0, Math.floor(position / 0x100000000)];
  }

  /** The stat of a descriptor: the host's for files, a FIFO's for the standard streams. */
  private statOf(d: Descriptor): HostStat | number {
    if (d.open.kind === 'file') return d.open.file.stat();
    if (d.open.kind === 'dev') return devStat(d.open.name, this.abi.fs);
    const zero = { seconds: 0, nanoseconds: 0 };
    return {
      dev: 0,
      ino: 0,
      mode: STREAM_MODE,
      nlink: 1,
      uid: 0,
      gid: 0,
      rdev: 0,
      size: 0,
      blksize: PAGE,
      blocks: 0,
      atime: zero,
      mtime: zero,
      ctime: zero,
      btime: zero,
    };
  }

  private fstat64(fd: number, buffer: number): number {
    const d = this.get(fd);
    if (!d) return -this.abi.errno.EBADF;
    return this.storeStat64(this.statOf(d), buffer);
  }

  private fstatat64(dirfd: number, pathAddress: number, buffer: number, flags: number): number {
    const st = this.statAt(dirfd, pathAddress, flags);
    return this.storeStat64(st, buffer);
  }

  /** stat by dirfd and path (AT_EMPTY_PATH: the descriptor itself). */
  private statAt(dirfd: number, pathAddress: number, flags: number): HostStat | number {
    const e = this.abi.errno;
    const raw = this.user.readPath(pathAddress, this.abi.errno);
    if (typeof raw === 'number') return raw;
    if (raw === '' && (flags & e.AT_EMPTY_PATH) !== 0) {
      const d = this.get(dirfd);
      return d ? this.statOf(d) : -e.EBADF;
    }
    if (raw === '') return -e.ENOENT;
    const path = this.resolve(dirfd, raw);
    if (typeof path === 'number') return path;
    const follow = (flags & e.AT_SYMLINK_NOFOLLOW) === 0;
    const dev = devPath(normalizePath(path), e.ENOENT);
    if (typeof dev === 'number') return dev;
    if (dev?.kind === 'device') return devStat(dev.name, this.abi.fs);
    if (dev && !follow) return linkStat(dev.kind === 'link' ? dev.target : dev.link, this.abi.fs);
    if (dev) {
      const target = this.get(dev.fd);
      return target ? this.statOf(target) : -e.ENOENT;
    }
    if (!this.host.files) return -e.ENOENT;
    return this.host.files.stat(path, follow);
  }

  private storeStat64(st: HostStat | number, buffer: number): number {
    if (typeof st === 'number') return st;
    return this.user.write(buffer, encodeStat64(st)) ? 0 : -this.abi.errno.EFAULT;
  }

  private statx(dirfd: number, pathAddress: number, flags: number, buffer: number): number {
    const st = this.statAt(dirfd, pathAddress, flags);
    if (typeof st === 'number') return st;
    return this.user.write(buffer, encodeStatx(st)) ? 0 : -this.abi.errno.EFAULT;
  }

  private faccessat(dirfd: number, pathAddress: number, mode: number): number {
    const path = this.pathArg(dirfd, pathAddress);
    if (typeof path === 'number') return path;
    const dev = devPath(normalizePath(path), this.abi.errno.ENOENT);
    if (typeof dev === 'number') return dev;
    if (dev) {
      if (dev.kind !== 'device' && !this.get(dev.fd)) return -this.abi.errno.ENOENT;
      return (mode & 1) !== 0 && dev.kind === 'device' ? -this.abi.errno.EACCES : 0; // X_OK: rw- only
    }
    return this.host.files ? this.host.files.access(path, mode) : -this.abi.errno.ENOENT;
  }

  private dupTo(fd: number, from: number, cloexec: boolean): number {
    const d = this.get(fd);
    if (!d) return -this.abi.errno.EBADF;
    const to = this.lowestFree(from);
    if (to < 0) return to;
    d.open.refs++;
    return this.install(to, d.open, cloexec);
  }

  /** dup2 (flags undefined) and dup3. */
  private dup2(fd: number, to: number, flags: number | undefined): number {
    const d = this.get(fd);
    if (!d) return -this.abi.errno.EBADF;
    if (to >= this.abi.file.MAX_FDS) return -this.abi.errno.EBADF;
    if (flags !== undefined && (fd === to || (flags & ~this.abi.file.O_CLOEXEC) !== 0)) return -this.abi.errno.EINVAL;
    if (fd === to) return to;
    const old = this.fds[to];
    d.open.refs++;
    this.install(to, d.open, flags !== undefined && (flags & this.abi.file.O_CLOEXEC) !== 0);
    if (old) this.release(old.open);
    return to;
  }

  private fcntl(fd: number, command: number, arg: number): number {
    const f = this.abi.file;
    const d = this.get(fd);
    if (!d) return -this.abi.errno.EBADF;
    switch (command) {
      case f.F_DUPFD:
      case f.F_DUPFD_CLOEXEC:
        if (arg >= f.MAX_FDS) return -this.abi.errno.EINVAL;
        return this.dupTo(fd, arg, command === f.F_DUPFD_CLOEXEC);
      case f.F_GETFD:
        return d.cloexec ? f.FD_CLOEXEC : 0;
      case f.F_SETFD:
        d.cloexec = (arg & f.FD_CLOEXEC) !== 0;
        return 0;
      case f.F_GETFL:
        return d.open.flags & ~f.O_CLOEXEC;
      case f.F_SETFL:
        // Only the status flags may change; O_NONBLOCK matters to pipes, the others not to a synchronous host.
        d.open.flags = (d.open.flags & ~f.O_NONBLOCK) | (arg & f.O_NONBLOCK);
        return 0;
      default:
        return -this.abi.errno.EINVAL;
    }
  }

  /** A pipe's answer (Pipe.read, Pipe.write) as a result: wait (-BLOCK, or -EAGAIN with O_NONBLOCK), EPIPE. */
  pipeResult(n: number, flags: number): number {
    if (n === -2) return -this.abi.errno.EPIPE;
    if (n !== -1) return n;
    return (flags & this.abi.file.O_NONBLOCK) !== 0 ? -this.abi.errno.EAGAIN : -this.abi.protocol.BLOCK;
  }

  private unlinkat(dirfd: number, pathAddress: number, flags: number): number {
    const path = this.pathArg(dirfd, pathAddress);
    if (typeof path === 'number') return path;
    return this.host.files
      ? this.host.files.unlink(path, (flags & this.abi.errno.AT_REMOVEDIR) !== 0)
      : -this.abi.errno.ENOENT;
  }

  private mkdirat(dirfd: number, pathAddress: number, mode: number): number {
    const path = this.pathArg(dirfd, pathAddress);
    if (typeof path === 'number') return path;
    return this.host.files ? this.host.files.mkdir(path, mode) : -this.abi.errno.ENOENT;
  }

  private clock(id: number): [number, number] | number {
    const e = this.abi.errno;
    let kind: 'realtime' | 'monotonic';
    if (id === e.CLOCK_REALTIME || id === e.CLOCK_REALTIME_COARSE) kind = 'realtime';
    else if (
      [
        e.CLOCK_MONOTONIC,
        e.CLOCK_MONOTONIC_RAW,
        e.CLOCK_MONOTONIC_COARSE,
        e.CLOCK_BOOTTIME,
        e.CLOCK_PROCESS_CPUTIME_ID,
        e.CLOCK_THREAD_CPUTIME_ID,
      ].includes(id)
    )
      kind = 'monotonic';
    else return -e.EINVAL;
    const t = this.host.clock(kind);
    return [t.seconds >>> 0, t.nanoseconds >>> 0];
  }
}
