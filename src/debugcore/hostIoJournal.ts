// The host I/O device (docs/HOSTIO.md) under the debugger. Reverse execution re-executes
// instructions, and a request the device performs reaches the host (stdin, the files of a
// mapped folder, the realtime clock): asking the host again would give other answers, read
// input twice and show output twice. So every request is performed at most once: the
// journal keeps, by the instruction that made it (the OUT), what the device stored into guest
// memory (the bytes read, the stat structures, the result fields). When execution reaches
// that instruction again (a replay after step back or reverse continue, the re-execution that
// finds a watchpoint's writer), the stores are made again and the host is not asked. Output
// the program wrote reaches the client only when the request is performed, i.e. once.
// An edit (register, memory) drops the recorded future, and the journal with it; standard
// input is then read again from where the edit point had read it. What the host did for the
// dropped requests stays done (a file written in a writable folder, a descriptor the device
// opened, which stays open).

import {
  HostIoDevice,
  type HostFiles,
  type HostStream,
  type HostTime,
  type Machine,
  type PhysicalMemory,
} from '../emulator';
import { PORT } from '../kernel/abi';
import { HOSTIO_NUMBERS, hostClock } from './kernelMachine';

export interface DebugHostIo {
  /** Standard input: its whole contents (empty: the program reads end of file at once). */
  stdin: Uint8Array;
  files?: HostFiles;
  /** 'fixed': the seeded fake epoch plus the machine's time, so a seeded session repeats. */
  realtime: 'host' | 'fixed';
}

/** Where the device's output goes, with the instruction count of the OUT that made it. */
export interface HostIoSink {
  stream(stream: HostStream, bytes: Uint8Array): void;
  log(byte: number, position: number): void;
}

type Store = { address: number; bytes: Uint8Array } | { address: number; dword: number };

interface Entry {
  stores: Store[];
  /** How much of stdin had been read before this request. */
  stdinBefore: number;
}

export class HostIoJournal {
  private readonly entries = new Map<number, Entry>();
  private readonly device: HostIoDevice;
  private stdinOffset = 0;
  /** The stores of the request being performed live. */
  private recording: Store[] | undefined;

  constructor(
    private readonly machine: Machine,
    private readonly host: DebugHostIo,
    private readonly sink: HostIoSink,
  ) {
    const memory = machine.memory;
    // The device's view of memory: the real one, with its two kinds of store recorded.
    const recorder = Object.create(memory, {
      load: {
        value: (bytes: Uint8Array, address: number): void => {
          this.recording?.push({ address, bytes: bytes.slice() });
          memory.load(bytes, address);
        },
      },
      write32: {
        value: (address: number, dword: number): void => {
          this.recording?.push({ address, dword });
          memory.write32(address, dword);
        },
      },
    }) as PhysicalMemory;
    this.device = new HostIoDevice(
      recorder,
      {
        write: (stream, bytes) => {
          sink.stream(stream, bytes);
          return bytes.length;
        },
        readStdin: (into) => {
          const n = Math.min(into.length, host.stdin.length - this.stdinOffset);
          into.set(host.stdin.subarray(this.stdinOffset, this.stdinOffset + n));
          this.stdinOffset += n;
          return n;
        },
        log: () => undefined,
        clock: (kind): HostTime => hostClock(machine, kind, host.realtime),
        files: host.files,
      },
      HOSTIO_NUMBERS,
    );
    const device = this.device;
    machine.io.registerDevice(PORT.HOSTIO, 4, {
      in8: (port) => device.in8(port),
      out8: (port, value) => device.out8(port, value),
      in32: (port) => device.in32(port),
      out32: (port, value) => this.request(port, value),
    });
    machine.io.registerDevice(PORT.HOSTIO_LOG, 1, {
      in8: (port) => device.in8(port),
      out8: (_port, value) => sink.log(value, this.position()),
    });
  }

  /** The OUT being executed retires as this instruction count (the count before it plus one). */
  private position(): number {
    return this.machine.cpu.ioInstructionCount + 1;
  }

  private request(port: number, value: number): void {
    const at = this.position();
    const recorded = this.entries.get(at);
    if (recorded) {
      const memory = this.machine.memory;
      for (const s of recorded.stores) {
        if ('bytes' in s) memory.load(s.bytes, s.address);
        else memory.write32(s.address, s.dword);
      }
      return;
    }
    const entry: Entry = { stores: [], stdinBefore: this.stdinOffset };
    this.recording = entry.stores;
    try {
      this.device.out32(port, value);
    } finally {
      this.recording = undefined;
    }
    this.entries.set(at, entry);
  }

  /** Requests recorded so far (for tests and the limits of the history). */
  get size(): number {
    return this.entries.size;
  }

  /** The recorded future after `instruction` is dropped (an edit): those requests will be performed anew. */
  dropAfter(instruction: number): void {
    for (const [at, e] of this.entries) {
      if (at <= instruction) continue;
      this.stdinOffset = Math.min(this.stdinOffset, e.stdinBefore);
      this.entries.delete(at);
    }
  }
}
