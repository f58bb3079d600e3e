// The host I/O device on its own (src/emulator/devices/hostio.ts): requests in physical
// memory, user buffers through the page tables the request names. Which pages a user access
// may use is SDM Vol.3 4.6.1: present, U/S = 1 in both the PDE and the PTE, and R/W = 1 in
// both for a write. Numbers are the kernel ABI's (abi.ts).
import * as assert from 'node:assert/strict';
import { HOSTIO, LINUX, PORT } from '../../src/kernel/abi';
import { HOSTIO_NUMBERS } from '../../src/debugcore/kernelMachine';
import { HostIoDevice, type HostIo, type HostStream } from '../../src/emulator/devices/hostio';
import { IoBus } from '../../src/emulator/io';
import { PhysicalMemory } from '../../src/emulator/memory';

const PD = 0x1000;
const PT = 0x2000;
const BLOCK = 0x3000;
const USER = 0x01000000; // PDE 4, PTEs 0..2
const P = 1,
  W = 2,
  U = 4;

function machine() {
  const memory = new PhysicalMemory(1 << 20);
  memory.write32(PD + (USER >>> 22) * 4, PT | P | W | U);
  memory.write32(PT + 0 * 4, 0x10000 | P | W | U); // user, writable
  memory.write32(PT + 1 * 4, 0x11000 | P | U); // user, read-only
  memory.write32(PT + 2 * 4, 0x12000 | P | W); // supervisor
  const written: [HostStream, number[]][] = [];
  let stdin = [1, 2, 3, 4, 5];
  const host: HostIo = {
    write: (stream, bytes) => (written.push([stream, [...bytes]]), bytes.length),
    readStdin: (into) => {
      const n = Math.min(into.length, stdin.length);
      into.set(stdin.slice(0, n));
      stdin = stdin.slice(n);
      return n;
    },
    log: () => undefined,
    clock: () => ({ seconds: 5, nanoseconds: 6 }),
  };
  const bus = new IoBus();
  new HostIoDevice(memory, host, HOSTIO_NUMBERS).attach(bus);
  const call = (op: number, ...args: number[]): number => {
    memory.write32(BLOCK + HOSTIO.REQ_OP, op);
    memory.write32(BLOCK + HOSTIO.REQ_PAGE_DIRECTORY, PD);
    memory.write32(BLOCK + HOSTIO.REQ_PROCESS, LINUX.PID);
    args.forEach((a, i) => memory.write32(BLOCK + HOSTIO.REQ_ARG0 + 4 * i, a));
    bus.out32(PORT.HOSTIO, BLOCK);
    return memory.read32(BLOCK + HOSTIO.REQ_RESULT) | 0;
  };
  return { memory, bus, written, call };
}

describe('host I/O device', () => {
  it('answers the probe with its magic; a bus without it reads all ones', () => {
    assert.equal(machine().bus.in32(PORT.HOSTIO), HOSTIO.MAGIC);
    assert.equal(new IoBus().in32(PORT.HOSTIO), 0xffffffff);
  });

  it('writes user bytes across a page boundary to the stream the descriptor names', () => {
    const { memory, written, call } = machine();
    for (let i = 0; i < 6000; i++) memory.write8(0x10000 + i, i & 0xff);
    assert.equal(call(HOSTIO.OP_WRITE, 2, USER, 6000), 6000);
    assert.deepEqual(
      written.map(([s]) => s),
      written.map(() => 'stderr'),
    );
    assert.deepEqual(
      written.flatMap(([, b]) => b),
      Array.from({ length: 6000 }, (_, i) => i & 0xff),
    );
  });

  it('refuses a buffer reaching a supervisor page, or a read into a read-only page, with -EFAULT and no transfer', () => {
    const { memory, written, call } = machine();
    assert.equal(call(HOSTIO.OP_WRITE, 1, USER + 0x1ff0, 0x20), -LINUX.EFAULT);
    assert.equal(written.length, 0);
    assert.equal(call(HOSTIO.OP_READ, 0, USER + 0x1000, 4), -LINUX.EFAULT);
    // Two bytes on the writable page, two on the read-only one: refused as a whole.
    assert.equal(call(HOSTIO.OP_READ, 0, USER + 0xffe, 4), -LINUX.EFAULT);
    assert.equal(call(HOSTIO.OP_READ, 0, USER + 0xffc, 4), 4);
    assert.deepEqual(
      [0xffc, 0xffd, 0xffe, 0xfff, 0x1000].map((o) => memory.read8(0x10000 + o)),
      [1, 2, 3, 4, 0],
    );
  });

  it('keeps Linux descriptor rules: lowest free number, dup2 replaces, close twice is EBADF', () => {
    const { call, written } = machine();
    assert.equal(call(HOSTIO.OP_DUP, 1), 3);
    assert.equal(call(HOSTIO.OP_DUP2, 2, 3), 3);
    assert.equal(call(HOSTIO.OP_CLOSE, 3), 0);
    assert.equal(call(HOSTIO.OP_CLOSE, 3), -LINUX.EBADF);
    assert.equal(call(HOSTIO.OP_WRITE, 0, USER, 1), -LINUX.EBADF); // stdin is read-only
    assert.equal(call(HOSTIO.OP_LSEEK, 1, 0, 0, 0), -LINUX.ESPIPE);
    assert.equal(written.length, 0);
  });

  it('without a file system every path is ENOENT; unknown operations are ENOSYS, unknown clocks EINVAL', () => {
    const { memory, call } = machine();
    memory.load(new TextEncoder().encode('/x\0'), 0x10000);
    assert.equal(call(HOSTIO.OP_OPENAT, LINUX.AT_FDCWD, USER, 0, 0), -LINUX.ENOENT);
    assert.equal(call(999), -LINUX.ENOSYS);
    assert.equal(call(HOSTIO.OP_CLOCK, 99), -LINUX.EINVAL);
    assert.equal(call(HOSTIO.OP_CLOCK, LINUX.CLOCK_MONOTONIC), 5);
    assert.equal(memory.read32(BLOCK + HOSTIO.REQ_RESULT_HIGH), 6);
  });
});
