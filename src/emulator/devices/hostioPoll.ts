// The host I/O device's readiness operations (docs/HOSTIO.md): poll's struct pollfd array and
// select's fd_sets, answered at once. The kernel waits and asks again. A pipe reports its real
// state (fs/pipe.c, pipe_poll); host streams and files are always ready, as the device answers
// them at once. No Node API.
import type { Pipe } from './hostioPipe';
import type { UserMemory } from './hostioUser';
import type { HostIoNumbers } from './hostioTypes';

/** What readiness needs of an open file: its access mode flags, and its pipe if it is one. */
export interface PollTarget {
  flags: number;
  pipe?: Pipe;
}

/** Each event the file has, of `events` (POLLHUP, POLLERR always count), as pipe_poll sets them. */
export function readiness(target: PollTarget, events: number, abi: HostIoNumbers): number {
  const p = abi.protocol;
  const mode = target.flags & abi.file.O_ACCMODE;
  const canRead = mode !== abi.file.O_WRONLY;
  const canWrite = mode !== abi.file.O_RDONLY;
  let revents = 0;
  const pipe = target.pipe;
  if (pipe) {
    if (canRead && pipe.readable && !pipe.empty) revents |= events & p.POLLIN;
    if (canRead && pipe.writers === 0) revents |= p.POLLHUP;
    if (canWrite && pipe.readers === 0) revents |= p.POLLERR;
    else if (canWrite && pipe.writable) revents |= events & p.POLLOUT;
  } else {
    if (canRead) revents |= events & p.POLLIN;
    if (canWrite) revents |= events & p.POLLOUT;
  }
  return revents;
}

/** poll without waiting: each struct pollfd's revents; the count of ready ones. */
export function pollTable(
  user: UserMemory,
  abi: HostIoNumbers,
  lookup: (fd: number) => PollTarget | undefined,
  address: number,
  count: number,
): number {
  const p = abi.protocol;
  if (count > abi.file.MAX_FDS * 4) return -abi.errno.EINVAL;
  const table = user.read(address, count * 8);
  if (!table) return -abi.errno.EFAULT;
  const view = new DataView(table.buffer);
  let ready = 0;
  for (let i = 0; i < count; i++) {
    const fd = view.getInt32(8 * i, true);
    const events = view.getUint16(8 * i + 4, true);
    const target = fd >= 0 ? lookup(fd) : undefined;
    const revents = fd < 0 ? 0 : target ? readiness(target, events, abi) : p.POLLNVAL;
    view.setUint16(8 * i + 6, revents, true);
    if (revents !== 0) ready++;
  }
  return user.write(address, table) ? ready : -abi.errno.EFAULT;
}

/**
 * select without waiting (fs/select.c, do_select): nfds is cut to the descriptor table's size; each
 * of the three sets (0: none) is read and written in longs, FDS_BYTES(nfds). A descriptor is
 * ready to read on POLLIN, POLLHUP or POLLERR, to write on POLLOUT or POLLERR; none of ours has
 * an exceptional condition (POLLPRI). A set bit of a descriptor that is not open is -EBADF. The
 * sets become the ready ones when some are, or when `final` (the call returns with 0).
 */
export function selectSets(
  user: UserMemory,
  abi: HostIoNumbers,
  lookup: (fd: number) => PollTarget | undefined,
  nfds: number,
  sets: [number, number, number],
  final: boolean,
): number {
  const p = abi.protocol;
  if (nfds < 0) return -abi.errno.EINVAL;
  const n = Math.min(nfds, abi.file.MAX_FDS);
  const bytes = Math.ceil(n / 32) * 4;
  const inputs: (Uint8Array | undefined)[] = [];
  for (const address of sets) {
    if (address === 0 || bytes === 0) {
      inputs.push(undefined);
      continue;
    }
    const set = user.read(address, bytes);
    if (!set) return -abi.errno.EFAULT;
    inputs.push(set);
  }
  const wanted = [p.POLLIN | p.POLLHUP | p.POLLERR, p.POLLOUT | p.POLLERR, 0];
  const outputs = inputs.map((set) => (set ? new Uint8Array(set.length) : undefined));
  let ready = 0;
  for (let fd = 0; fd < n; fd++) {
    const byte = fd >> 3;
    const bit = 1 << (fd & 7);
    if (!inputs.some((set) => set && set[byte] & bit)) continue;
    const target = lookup(fd);
    if (!target) return -abi.errno.EBADF;
    const revents = readiness(target, p.POLLIN | p.POLLOUT, abi);
    for (let i = 0; i < 3; i++) {
      const input = inputs[i];
      const output = outputs[i];
      if (input && output && input[byte] & bit && revents & wanted[i]) {
        output[byte] |= bit;
        ready++;
      }
    }
  }
  if (ready === 0 && !final) return 0;
  for (let i = 0; i < 3; i++) {
    const output = outputs[i];
    if (output && !user.write(sets[i], output)) return -abi.errno.EFAULT;
  }
  return ready;
}
