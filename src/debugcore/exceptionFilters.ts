// Exception stops (see sessionBase.ts): the filters the user enables (with conditions), the
// CPU's intercept hook that claims an exception before the guest's IDT delivers it, the stop
// a machine that halted or faulted by itself turns into, and the system-call entry filter's
// internal breakpoints at the kernel's entry points.

import type { CpuEvent, StopInfo } from '../emulator';
import { Vector } from '../emulator';
import { ADDRESS, PTE_SOFTWARE, VECTOR } from '../kernel/abi';
import { evaluateNode, parseExpression } from './expression';
import {
  type ExceptionFilterId,
  describeErrorCode,
  matchingFilters,
  vectorDescription,
  vectorMnemonic,
} from './faults';
import { Int3PatchSession } from './int3Patches';
import { intInstruction } from './kernelView';
import { type FaultDetails, INT3, type Outcome, RUNNING, type StopEvent } from './sessionTypes';
import { syscallEntryPoints, type SyscallEntryPoint } from './syscallEntries';
import { syscallName } from './syscallTrace';

export abstract class ExceptionFilterSession extends Int3PatchSession {
  /** Enables filters; each condition is parsed now so a typo is reported at once. */
  setExceptionFilters(filters: readonly { id: ExceptionFilterId; condition?: string }[]): (string | undefined)[] {
    this.exceptionFilters.clear();
    return filters.map((f) => {
      try {
        const cond = f.condition && f.condition.trim() !== '' ? parseExpression(f.condition) : undefined;
        this.exceptionFilters.set(f.id, cond);
        return undefined;
      } catch (e) {
        this.exceptionFilters.set(f.id, undefined);
        return `condition of '${f.id}': ${e instanceof Error ? e.message : String(e)} (the filter stops unconditionally)`;
      }
    });
  }

  /**
   * The "system call entry" filter for the call gate, SYSENTER and SYSCALL: internal
   * breakpoints at the entry points the machine holds now (the kernel sets the MSRs and the
   * GDT while it boots, so they are read again before each slice and each run).
   */
  protected refreshSyscallEntries(): void {
    const wanted = this.exceptionFilters.has('syscall') ? syscallEntryPoints(this.cpu, this.guest) : [];
    const key = wanted.map((e) => `${e.mechanism}@${e.address}`).join(',');
    if (key === this.syscallEntryKey) return;
    this.syscallEntryKey = key;
    for (const remove of this.syscallEntryHandlers) remove();
    this.syscallEntryHandlers = wanted.map((e) => this.addInternalBreakpoint(e.address, () => this.syscallEntered(e)));
  }

  /** The CPU arrived at a kernel entry point: stop when the filter (and its condition) says so. */
  protected syscallEntered(entry: SyscallEntryPoint): StopEvent | undefined {
    if (this.cpu.cpl !== 0 || !this.exceptionFilters.has('syscall') || !this.filterCondition('syscall'))
      return undefined;
    const eax = this.cpu.regs[0] >>> 0;
    const fault: FaultDetails = {
      vector: -1,
      eip: entry.address,
      lockNop: false,
      syscall: true,
      user: false,
      name: 'system call',
      description: `system call entry through ${entry.mechanism}: eax=${eax} (${syscallName(eax, false)})`,
      filters: ['syscall'],
      fatal: false,
    };
    this.fatalFault = fault;
    return {
      reason: 'exception',
      description: `${fault.description}, in the kernel at ${this.describeAddress(entry.address)}`,
      fault,
    };
  }

  /** The machine stopped by itself: HLT, an exception, a shutdown. */
  protected machineStopped(info: StopInfo): Outcome {
    // The emulator's StopInfo is still growing (delivery through the IDT came later); the
    // reasons are compared as strings so a new one ends the run with its text, not silently.
    const reason: string = info.reason;
    if (reason === 'limit') return RUNNING;
    if (reason === 'halt')
      return {
        kind: 'exit',
        code: this.exitCode,
        reason: `HLT at ${this.describeAddress((this.cpu.eip - 1) >>> 0)}: the program ended`,
      };
    if (reason === 'shutdown') {
      const fault = this.faultDetails(8, undefined, this.cpu.eip, ['triple-fault']);
      fault.name = 'triple fault';
      fault.description = 'an exception while delivering a double fault: the processor shut down';
      if (this.exceptionFilters.has('triple-fault') && this.filterCondition('triple-fault')) {
        this.fatalFault = fault;
        return {
          kind: 'stop',
          event: { reason: 'exception', description: 'triple fault: the processor shut down', fault },
        };
      }
      return { kind: 'exit', code: 128 + 8, reason: 'triple fault: the processor shut down' };
    }
    const vector = info.vector ?? -1;
    const eip = info.faultEip ?? this.cpu.eip;
    if (this.traceTraps && reason === 'exception' && vector >= 0 && this.newEvent()) {
      const code = info.errorCode !== undefined ? ` error code 0x${info.errorCode.toString(16)}` : '';
      this.listener.output(
        `trap ${vectorMnemonic(vector)} (vector ${vector})${code} at ${this.describeAddress(eip)}\n`,
        'console',
      );
    }
    if (reason !== 'exception' || vector < 0) {
      // The emulator itself stopped: something it does not implement yet, or a defect.
      const extra = info as { detail?: string; message?: string };
      return {
        kind: 'exit',
        code: 70,
        reason: `the emulator stopped (${reason}) at ${this.describeAddress(eip)}: ${extra.detail ?? extra.message ?? 'no detail'}`,
      };
    }
    if (vector === Vector.BP) {
      // The program's own INT3: a breakpoint it asked for; continuing runs on after it.
      return {
        kind: 'stop',
        event: { reason: 'breakpoint', description: `int3 in the program at ${this.describeAddress((eip - 1) >>> 0)}` },
      };
    }
    // With an IDT loaded the event was claimed by the intercept hook before delivery: EIP is
    // on the instruction and continuing delivers it. Without one (bare mode, the kernel's
    // boot before LIDT) the CPU stopped by itself and nothing can handle it.
    const intercepted = info.intercepted === true;
    const trap = !intercepted && (vector >= 32 || vector === Vector.OF);
    const fault = this.faultDetails(vector, info.errorCode, trap ? (eip - 2) >>> 0 : eip, []);
    fault.user = this.cpu.cpl === 3;
    // A claimed #PF put CR2 back; the address the fault loaded is kept in claimedCr2.
    fault.answered = fault.user && this.kernelAnswers(vector, info.errorCode, this.claimedCr2 ?? this.cpu.cr2);
    fault.syscall = intercepted && vector === VECTOR.SYSCALL_INT;
    fault.fatal = !intercepted;
    if (fault.syscall) {
      fault.name = intInstruction(VECTOR.SYSCALL_INT);
      fault.description = `system call entry: eax=${this.cpu.regs[0] >>> 0} (${syscallName(this.cpu.regs[0] >>> 0, false)})`;
    }
    fault.filters = matchingFilters(fault).filter((f) => this.exceptionFilters.has(f) && this.filterCondition(f));
    if (fault.filters.length > 0 && !this.replaying) {
      this.fatalFault = fault;
      return {
        kind: 'stop',
        event: {
          reason: 'exception',
          description: `${fault.name} ${fault.description} at ${this.describeAddress(fault.eip)}`,
          fault,
        },
      };
    }
    if (intercepted) {
      this.passEvent = { vector, eip };
      return RUNNING;
    }
    const what = trap
      ? `int 0x${vector.toString(16)} at ${this.describeAddress(fault.eip)} has no handler`
      : `${fault.name} (${fault.description}) at ${this.describeAddress(fault.eip)}`;
    return { kind: 'exit', code: 128 + (vector & 0x7f), reason: `${what}: ${this.unhandledReason()}` };
  }

  /**
   * Once the guest has an IDT the CPU delivers INT3 and exceptions to the guest's handlers.
   * The debugger must see some of them first: its own INT3s, `int 0x30` for the system-call
   * filter, and the exceptions an enabled filter asks to stop on. The CPU offers every event
   * to `interceptEvent` before delivery; claiming one leaves the CPU as before the instruction
   * (EIP on it, nothing retired) and ends the run. Continuing re-executes the instruction and
   * the event is offered again: then it is let through once (passEvent).
   */
  protected interceptEvents(): void {
    const cpu = this.machine.cpu;
    cpu.interceptEvent = (event: CpuEvent): boolean => {
      if (event.kind === 'external') return false;
      if (event.kind === 'software') {
        if (event.vector === Vector.BP) {
          const p = this.guest.physical(event.eip);
          return p !== undefined && this.lastPatched.has(p) && this.machine.memory.u8[p] === INT3;
        }
        if (event.vector !== VECTOR.SYSCALL_INT || !this.exceptionFilters.has('syscall') || this.replaying)
          return false;
        if (this.takePass(event.vector, event.eip)) return false;
        return this.filterCondition('syscall');
      }
      if (this.replaying || this.takePass(event.vector, event.eip)) return false;
      const fault = this.faultDetails(event.vector, event.errorCode, event.eip, []);
      fault.user = cpu.cpl === 3;
      fault.answered = fault.user && this.kernelAnswers(event.vector, event.errorCode, cpu.cr2);
      const claim = matchingFilters(fault).some((f) => this.exceptionFilters.has(f) && this.filterCondition(f));
      // A claimed #PF is not delivered, so the CPU puts CR2 back as it was (SDM Vol.3 6.15:
      // CR2 is loaded as part of the delivery); the faulting address is kept for exceptionInfo.
      if (claim && event.vector === Vector.PF) this.claimedCr2 = cpu.cr2 >>> 0;
      return claim;
    };
  }

  protected takePass(vector: number, eip: number): boolean {
    const p = this.passEvent;
    if (!p) return false;
    this.passEvent = undefined;
    return p.vector === vector && p.eip === eip;
  }

  /** Why an exception ends the run instead of reaching a handler. */
  unhandledReason(): string {
    if (this.fatalFault && !this.fatalFault.fatal) return 'continuing delivers it to the kernel';
    return this.consoleKernelPrefix === undefined
      ? 'there is no kernel in bare mode, so the program ends here'
      : 'the kernel has not loaded its IDT yet, so nothing can handle it and the run ends here';
  }

  protected filterCondition(id: ExceptionFilterId): boolean {
    const cond = this.exceptionFilters.get(id);
    if (!cond) return true;
    try {
      return evaluateNode(cond, this.scope) !== 0;
    } catch {
      return true;
    }
  }

  /**
   * A fault from user mode that the guest kernel answers without ending the thread: #NM when
   * the model has an FPU (the lazy FPU switch), a not-present #PF on a page table entry the
   * kernel marked for demand paging (PTE_SOFTWARE.LAZY, read through CR3 as the kernel does),
   * a write #PF on a present read-only page fork shares (PTE_SOFTWARE.COW: the kernel copies it).
   */
  protected kernelAnswers(vector: number, errorCode: number | undefined, faultAddress: number): boolean {
    const cpu = this.machine.cpu;
    if (vector === Vector.NM) return cpu.model.fpu;
    if (vector !== Vector.PF || errorCode === undefined) return false;
    const linear = faultAddress >>> 0;
    if (linear < ADDRESS.USER_START || linear >= ADDRESS.USER_END) return false;
    const memory = this.machine.memory;
    const pdeAddr = ((cpu.cr3 & 0xfffff000) >>> 0) + (linear >>> 22) * 4;
    if (pdeAddr + 3 >= memory.size) return false;
    const pde = memory.read32(pdeAddr);
    if ((pde & 1) === 0) return false;
    const pteAddr = ((pde & 0xfffff000) >>> 0) + ((linear >>> 12) & 0x3ff) * 4;
    if (pteAddr + 3 >= memory.size) return false;
    const pte = memory.read32(pteAddr);
    // Error code bit 0: a protection fault on a present page; bit 1: a write (SDM Vol.3 4.7).
    if ((errorCode & 1) === 0) return (pte & (1 | PTE_SOFTWARE.NONE)) === 0 && (pte & PTE_SOFTWARE.LAZY) !== 0;
    return (errorCode & 2) !== 0 && (pte & 3) === 1 && (pte & PTE_SOFTWARE.COW) !== 0;
  }

  faultDetails(vector: number, errorCode: number | undefined, eip: number, filters: ExceptionFilterId[]): FaultDetails {
    const bytes = this.guest.read(eip, 2);
    const lockNop = vector === Vector.UD && bytes.length === 2 && bytes[0] === 0xf0 && bytes[1] === 0x90;
    return {
      vector,
      errorCode,
      eip,
      lockNop,
      name: vectorMnemonic(vector),
      description: lockNop ? 'invalid opcode: lock nop (the kernel interface query)' : vectorDescription(vector),
      errorText:
        errorCode !== undefined
          ? describeErrorCode(
              vector,
              errorCode,
              vector === Vector.PF ? (this.claimedCr2 ?? this.cpu.cr2 >>> 0) : undefined,
            )
          : undefined,
      filters,
      fatal: true,
    };
  }

  get currentFault(): FaultDetails | undefined {
    return this.fatalFault;
  }
}
