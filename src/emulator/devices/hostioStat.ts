// The structures the host I/O device writes for stat calls, in i386 Linux's layouts. No Node API.
import type { HostStat, HostTime } from './hostioTypes';

/** A 64-bit little-endian field at `o` (numbers below 2^53). */
function u64(v: DataView, o: number, n: number): void {
  v.setUint32(o, n >>> 0, true);
  v.setUint32(o + 4, Math.floor(n / 0x100000000) >>> 0, true);
}

/** struct stat64 of i386 Linux (arch/x86/include/uapi/asm/stat.h), 96 bytes. */
export function encodeStat64(st: HostStat): Uint8Array {
  const b = new Uint8Array(96);
  const v = new DataView(b.buffer);
  u64(v, 0, st.dev);
  v.setUint32(12, st.ino >>> 0, true);
  v.setUint32(16, st.mode, true);
  v.setUint32(20, st.nlink, true);
  v.setUint32(24, st.uid, true);
  v.setUint32(28, st.gid, true);
  u64(v, 32, st.rdev);
  u64(v, 44, st.size);
  v.setUint32(52, st.blksize, true);
  u64(v, 56, st.blocks);
  const times: HostTime[] = [st.atime, st.mtime, st.ctime];
  times.forEach((t, i) => {
    v.setUint32(64 + 8 * i, t.seconds >>> 0, true);
    v.setUint32(68 + 8 * i, t.nanoseconds, true);
  });
  u64(v, 88, st.ino);
  return b;
}

/** statx (include/uapi/linux/stat.h struct statx, 256 bytes); every basic field is filled. */
export function encodeStatx(st: HostStat): Uint8Array {
  const b = new Uint8Array(256);
  const v = new DataView(b.buffer);
  // STATX_BASIC_STATS (0x7ff) and STATX_BTIME (0x800).
  v.setUint32(0, 0xfff, true);
  v.setUint32(4, st.blksize, true);
  v.setUint32(16, st.nlink, true);
  v.setUint32(20, st.uid, true);
  v.setUint32(24, st.gid, true);
  v.setUint16(28, st.mode, true);
  u64(v, 32, st.ino);
  u64(v, 40, st.size);
  u64(v, 48, st.blocks);
  const times: HostTime[] = [st.atime, st.btime, st.ctime, st.mtime];
  times.forEach((t, i) => {
    u64(v, 64 + 16 * i, t.seconds);
    v.setUint32(72 + 16 * i, t.nanoseconds, true);
  });
  // dev_t as Linux's major/minor (MAJOR = bits 8..19, MINOR = bits 0..7 and 20..31).
  const major = (d: number): number => (d >>> 8) & 0xfff;
  const minor = (d: number): number => (d & 0xff) | ((d >>> 12) & 0xfff00);
  v.setUint32(128, major(st.rdev), true);
  v.setUint32(132, minor(st.rdev), true);
  v.setUint32(136, major(st.dev), true);
  v.setUint32(140, minor(st.dev), true);
  return b;
}
