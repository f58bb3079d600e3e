// The emulator's public interface: what the layers above it (the debugger core, the debug
// adapter, the command line, the extension and the kernel's build) may use. They import this
// module, never a file inside emulator/; the instruction set itself (decoder, models,
// mnemonics) is the src/isa/ layer. Tests may reach inside, as they test the parts.

export { Machine, type MachineOptions, type StopInfo } from './machine';
export type { Cpu, CpuEvent, CpuEventKind, Watchpoint, WatchHit } from './cpu/cpu';
export {
  ES,
  CS,
  SS,
  DS,
  FS,
  GS,
  SEGMENT_NAMES,
  EAX,
  ECX,
  EDX,
  EBX,
  ESP,
  EBP,
  ESI,
  EDI,
  StopReason,
  dplOf,
  ATTR_S,
  ATTR_CODE,
  ATTR_PRESENT,
} from './cpu/constants';
export { Vector, EXCEPTION_INFO } from './cpu/exceptions';
export type { Fpu } from './cpu/fpu/state';
export type { PhysicalMemory } from './memory';
export type { OutListener } from './io';
export type { MachineState } from './snapshot';
export { PIT_HZ } from './devices/pit';
export {
  HostIoDevice,
  type HostDirEntry,
  type HostFile,
  type HostFiles,
  type HostIoNumbers,
  type HostStat,
  type HostStream,
  type HostTime,
} from './devices/hostio';
