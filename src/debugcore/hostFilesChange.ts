// The sandbox's calls that change files or describe their file system (rename, link, symlink,
// chmod, chown, utimes, truncate, statfs, mknod), for SandboxFiles (hostFiles.ts). Every path is
// walked as the other calls' are (SandboxFiles.withPath: one component at a time from DIR's
// descriptor, a link leaving DIR refused), and the change is made relative to the descriptor of
// the directory reached: a rename or link never leaves DIR through a link in either path. A
// followed last component is pinned first with O_PATH | O_NOFOLLOW and changed through that
// descriptor (/proc/self/fd/N), so a link swapped in by another host process is not followed.
// Under read-only --fs every change is EROFS, after the path's directories are found, as a
// read-only mount answers.
import * as fs from 'node:fs';
import { LINUX, LINUX_FS } from '../kernel/abi';
import type { HostStatFs, HostTime } from '../emulator';

/** Linux's O_PATH (include/uapi/asm-generic/fcntl.h, 010000000): Node does not name it. */
const O_PATH = 0o10000000;

/** Where a walked path ends: the descriptor of its directory and its last name (null: that directory). */
export interface Where {
  dirFd: number;
  name: string | null;
  atRoot: boolean;
}

/** What these calls need of the sandbox. */
export interface Sandbox {
  readonly writable: boolean;
  withPath<T>(guest: string, follow: boolean, work: (where: Where) => T | number): T | number;
  /** The host path naming `name` inside the open directory `fd`. */
  at(fd: number, name: string | null): string;
}

/** A Node time for a HostTime (seconds as a double: nanoseconds are kept to what it holds). */
export function nodeTime(t: HostTime): number {
  return t.seconds + t.nanoseconds / 1e9;
}

/** `work` on the host path of the walked file: when followed, through an O_PATH descriptor of it. */
function onTarget(box: Sandbox, where: Where, follow: boolean, work: (host: string) => number): number {
  const named = box.at(where.dirFd, where.name);
  if (!follow) return work(named);
  const fd = fs.openSync(named, O_PATH | fs.constants.O_NOFOLLOW);
  try {
    return work(`/proc/self/fd/${fd}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** A change to the file at `guest`: ENOENT before EROFS, as Linux looks the path up first. */
function change(box: Sandbox, guest: string, follow: boolean, work: (host: string) => void): number {
  return box.withPath(guest, follow, (where) =>
    onTarget(box, where, follow, (host) => {
      fs.lstatSync(host);
      if (!box.writable) return -LINUX.EROFS;
      work(host);
      return 0;
    }),
  );
}

export function chmodPath(box: Sandbox, guest: string, mode: number, follow: boolean): number {
  return change(box, guest, follow, (host) => fs.chmodSync(host, mode & LINUX_FS.S_IALLUGO));
}

export function chownPath(box: Sandbox, guest: string, uid: number, gid: number, follow: boolean): number {
  return change(box, guest, follow, (host) => (follow ? fs.chownSync : fs.lchownSync)(host, uid, gid));
}

/** utimes: an omitted time (undefined) keeps the file's own. */
export function utimesPath(
  box: Sandbox,
  guest: string,
  atime: HostTime | undefined,
  mtime: HostTime | undefined,
  follow: boolean,
): number {
  return change(box, guest, follow, (host) => {
    const st = (follow ? fs.statSync : fs.lstatSync)(host, { bigint: true });
    const keep = (ns: bigint): number => Number(ns) / 1e9;
    const a = atime ? nodeTime(atime) : keep(st.atimeNs);
    const m = mtime ? nodeTime(mtime) : keep(st.mtimeNs);
    (follow ? fs.utimesSync : fs.lutimesSync)(host, a, m);
  });
}

/** truncate: a regular file opened for writing by its pinned name (a directory is EISDIR). */
export function truncatePath(box: Sandbox, guest: string, length: number): number {
  return box.withPath(guest, true, (where) => {
    const named = box.at(where.dirFd, where.name);
    fs.lstatSync(named);
    if (!box.writable) return -LINUX.EROFS;
    const fd = fs.openSync(named, fs.constants.O_WRONLY | fs.constants.O_NOFOLLOW);
    try {
      fs.ftruncateSync(fd, length);
    } finally {
      fs.closeSync(fd);
    }
    return 0;
  });
}

/** The two names of a rename or link, each walked; `follow` for the first one's last link. */
function twoNames(
  box: Sandbox,
  from: string,
  to: string,
  follow: boolean,
  work: (a: Where, b: Where) => number,
): number {
  return box.withPath(from, follow, (a) => box.withPath(to, false, (b) => work(a, b)));
}

function exists(host: string): boolean {
  try {
    fs.lstatSync(host);
    return true;
  } catch {
    return false;
  }
}

/** rename, with RENAME_NOREPLACE (EEXIST when the new name exists) or RENAME_EXCHANGE (both
 *  must exist; done as three renames through a fresh name beside the first, which another host
 *  process could see half way). */
export function renamePath(box: Sandbox, from: string, to: string, flags: number): number {
  return twoNames(box, from, to, false, (a, b) => {
    if (!box.writable) return -LINUX.EROFS;
    if (a.name === null || b.name === null) return -LINUX.EBUSY;
    const src = box.at(a.dirFd, a.name);
    const dst = box.at(b.dirFd, b.name);
    fs.lstatSync(src);
    if ((flags & LINUX_FS.RENAME_NOREPLACE) !== 0 && exists(dst)) return -LINUX.EEXIST;
    if ((flags & LINUX_FS.RENAME_EXCHANGE) !== 0) {
      fs.lstatSync(dst);
      let n = 0;
      while (exists(box.at(a.dirFd, `.i386-lab-exchange-${n}`))) n++;
      const spare = box.at(a.dirFd, `.i386-lab-exchange-${n}`);
      fs.renameSync(src, spare);
      fs.renameSync(dst, src);
      fs.renameSync(spare, dst);
      return 0;
    }
    fs.renameSync(src, dst);
    return 0;
  });
}

export function linkPath(box: Sandbox, from: string, to: string, follow: boolean): number {
  return twoNames(box, from, to, follow, (a, b) => {
    if (a.name === null) return -LINUX.EPERM; // a directory
    fs.lstatSync(box.at(a.dirFd, a.name));
    if (!box.writable) return -LINUX.EROFS;
    if (b.name === null) return -LINUX.EEXIST;
    fs.linkSync(box.at(a.dirFd, a.name), box.at(b.dirFd, b.name));
    return 0;
  });
}

/** symlink: any text may be stored; following it later is what the walk checks. */
export function symlinkPath(box: Sandbox, target: Uint8Array, guest: string): number {
  return box.withPath(guest, false, (where) => {
    if (!box.writable) return -LINUX.EROFS;
    if (where.name === null) return -LINUX.EEXIST;
    fs.symlinkSync(Buffer.from(target), box.at(where.dirFd, where.name));
    return 0;
  });
}

/** mknod of a regular file: created empty with exactly the permission bits given (the guest's
 *  umask is already out of them; the host's own umask is undone). */
export function mknodPath(box: Sandbox, guest: string, mode: number): number {
  return box.withPath(guest, false, (where) => {
    if (!box.writable) return -LINUX.EROFS;
    if (where.name === null) return -LINUX.EEXIST;
    const c = fs.constants;
    const fd = fs.openSync(box.at(where.dirFd, where.name), c.O_CREAT | c.O_EXCL | c.O_WRONLY | c.O_NOFOLLOW, mode);
    try {
      fs.fchmodSync(fd, mode & LINUX_FS.S_IALLUGO);
    } finally {
      fs.closeSync(fd);
    }
    return 0;
  });
}

/** statfs of the host file system, with the view's read-only flag. Node does not tell the name
 *  length limit: 255 (NAME_MAX of every Linux disk file system). */
export function statfsHost(host: string, writable: boolean): HostStatFs {
  const s = fs.statfsSync(host);
  return {
    type: s.type >>> 0,
    bsize: s.bsize,
    blocks: s.blocks,
    bfree: s.bfree,
    bavail: s.bavail,
    files: s.files,
    ffree: s.ffree,
    namelen: 255,
    readOnly: !writable,
  };
}

export function statfsPath(box: Sandbox, guest: string): HostStatFs | number {
  return box.withPath(guest, true, (where) => statfsHost(box.at(where.dirFd, where.name), box.writable));
}
