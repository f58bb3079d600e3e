// What a CPU model does, found by running small programs on the bare machine (no kernel):
// whether `lock nop` (F0 90) raises #UD at the F0 byte, what the EFLAGS.AC/ID toggles and
// CPUID say, and whether SYSENTER and SYSCALL exist. Each probe installs its own GDT and IDT,
// so an exception is delivered to a handler that reports the vector and the faulting EIP on
// port 0xEA; a machine that cannot deliver it yet stops with the same facts in its StopInfo.
import { assemble, formatDiagnostic } from '../asm';
import type { ModelId } from '../isa/models';
import { EXCEPTION_INFO } from '../emulator';
import { createFlatMachine, runUntilStop } from './bare';

const LOAD = 0x10000;
const REPORT_PORT = 0xea;
/** Written when the setup is done and the test begins, and before a handler's (vector, EIP). */
const STARTED = 0xc0ffee00;
const FAULTED = 0xfa017000;
const PROBE_LIMIT = 100_000;

/** Shared prologue: flat GDT, 32 IDT gates to stubs that report (vector, EIP) and halt. */
const PROLOGUE = `bits 32
org 0x${LOAD.toString(16)}
    lgdt [gdtr]                 ; the gates' selector 0x08 must name a flat code segment
    mov esp, 0x${LOAD.toString(16)}
    mov edi, idt
    xor ecx, ecx
.gate:
    imul eax, ecx, STUB_SIZE
    add eax, stubs
    mov [edi], ax
    mov word [edi + 2], 0x08
    mov word [edi + 4], 0x8E00
    shr eax, 16
    mov [edi + 6], ax
    add edi, 8
    inc ecx
    cmp ecx, 32
    jb .gate
    lidt [idtr]
    mov dx, ${REPORT_PORT}
    mov eax, ${STARTED}
    out dx, eax
    jmp test

STUB_SIZE equ 7
stubs:
%assign v 0
%rep 32
    push byte v
    jmp near report_fault
%assign v v + 1
%endrep

; Vectors 8, 10-14 and 17 push an error code between the vector and the EIP.
report_fault:
    mov dx, ${REPORT_PORT}
    mov eax, ${FAULTED}
    out dx, eax
    pop eax
    out dx, eax
    mov ebx, 0x27D00
    bt ebx, eax
    jnc .no_error
    pop ecx
.no_error:
    mov eax, [esp]
    out dx, eax
    cli
    hlt

align 8
gdt:
    dd 0, 0
    dd 0x0000FFFF, 0x00CF9A00   ; flat code, DPL 0
    dd 0x0000FFFF, 0x00CF9200   ; flat data, DPL 0
gdtr:
    dw 23
    dd gdt
idtr:
    dw 32 * 8 - 1
    dd idt
align 8
idt:
    times 32 * 8 db 0
`;

const LOCK_NOP_TEST = `test:
lock_nop_at:
    db 0xF0, 0x90
    cli
    hlt
`;

/** CPUID overwrites EDX, which holds the report port: each value goes out through REPORT. */
const CPUID_TEST = `%macro REPORT 1
    push edx
    mov eax, %1
    mov dx, ${REPORT_PORT}
    out dx, eax
    pop edx
%endmacro
test:
    pushfd
    pop ecx
    mov eax, ecx
    xor eax, 0x40000            ; AC (SDM Vol.1 3.4.3.3): a 486 or later when it toggles
    push eax
    popfd
    pushfd
    pop eax
    xor eax, ecx
    shr eax, 18
    and eax, 1
    REPORT eax
    mov eax, ecx
    xor eax, 0x200000           ; ID: CPUID is present when it toggles
    push eax
    popfd
    pushfd
    pop eax
    xor eax, ecx
    shr eax, 21
    and eax, 1
    REPORT eax
    test eax, eax
    jz .done
    xor eax, eax
    cpuid
    REPORT ebx
    REPORT edx
    REPORT ecx
    mov eax, 1
    cpuid
    REPORT eax
    REPORT edx
    mov eax, 0x80000000
    cpuid
    mov esi, eax
    REPORT esi
    cmp esi, 0x80000001
    jb .done
    mov eax, 0x80000001
    cpuid
    REPORT edx
.done:
    cli
    hlt
`;

/** SYSENTER with SYSENTER_CS = 0 raises #GP(0) where it exists (SDM Vol.2B), #UD where not. */
const SYSENTER_TEST = `test:
sysenter_at:
    sysenter
    cli
    hlt
`;

/** SYSCALL needs EFER.SCE (AMD APM Vol.3): set it, aim STAR at \`landed\`, and try. */
const SYSCALL_TEST = `test:
    mov ecx, 0xC0000080
    xor edx, edx
    mov eax, 1
wrmsr_at:
    wrmsr
    mov ecx, 0xC0000081
    mov edx, 0x00000008
    mov eax, landed
    wrmsr
    mov dx, ${REPORT_PORT}
syscall_at:
    syscall
    cli
    hlt
landed:
    mov dx, ${REPORT_PORT}
    mov eax, 0x5C
    out dx, eax
    cli
    hlt
`;

/** An exception the probe saw: delivered to its handler, or stopping the machine. */
interface ProbeException {
  vector: number;
  eip: number;
}

interface ProbeResult {
  values: number[];
  exception?: ProbeException;
  symbols: Map<string, number>;
  /** The machine stopped for a reason of its own (not implemented yet, internal error). */
  machineProblem?: string;
}

function probe(model: ModelId, testSource: string): ProbeResult {
  const r = assemble(PROLOGUE + testSource, { fileName: 'bare-probe.asm', format: 'bin' });
  if (!r.ok || !r.bytes)
    throw new Error(`bare probe does not assemble: ${r.diagnostics.map(formatDiagnostic).join('; ')}`);
  const symbols = new Map(r.symbols.map((s) => [s.name, s.address >>> 0]));
  const machine = createFlatMachine({ bytes: r.bytes, loadAt: LOAD, model }, LOAD);
  const outs: number[] = [];
  machine.io.onOut((port, value) => {
    if (port === REPORT_PORT) outs.push(value >>> 0);
  });
  const stop = runUntilStop(machine, PROBE_LIMIT);
  const result: ProbeResult = { values: [], symbols };
  const started = outs.indexOf(STARTED);
  const faulted = outs.indexOf(FAULTED);
  if (faulted >= 0 && outs.length >= faulted + 3)
    result.exception = { vector: outs[faulted + 1], eip: outs[faulted + 2] };
  if (started >= 0) result.values = outs.slice(started + 1, faulted >= 0 ? faulted : outs.length);
  else if (result.exception)
    result.machineProblem = `the probe's own setup faulted (vector ${result.exception.vector} at 0x${result.exception.eip.toString(16)})`;
  if (stop.reason === 'exception' && stop.vector !== undefined && stop.vector >= 0 && !result.exception) {
    result.exception = { vector: stop.vector, eip: stop.faultEip! >>> 0 };
  } else if (stop.reason === 'exception' && stop.message) result.machineProblem = stop.message;
  else if (stop.reason === 'shutdown') result.machineProblem = 'shutdown (triple fault)';
  else if (stop.reason === 'limit') result.machineProblem = `no end after ${PROBE_LIMIT} instructions`;
  return result;
}

export interface BareFacts {
  /** '#UD at F0' | 'NOP' | ... as seen. */
  lockNop: string;
  acToggles: boolean | undefined;
  cpuidPresent: boolean | undefined;
  vendor?: string;
  family?: number;
  model?: number;
  stepping?: number;
  featuresEdx?: number;
  extFeaturesEdx?: number;
  sysenter: string;
  syscall: string;
  /** Problems of the machine itself while probing, if any. */
  problems: string[];
}

function named(e: ProbeException): string {
  return EXCEPTION_INFO[e.vector]?.mnemonic ?? `vector ${e.vector}`;
}

function ascii(dword: number): string {
  return String.fromCharCode(dword & 0xff, (dword >>> 8) & 0xff, (dword >>> 16) & 0xff, dword >>> 24);
}

export function probeBareFacts(model: ModelId): BareFacts {
  const problems: string[] = [];
  const lock = probe(model, LOCK_NOP_TEST);
  if (lock.machineProblem) problems.push(`lock nop probe: ${lock.machineProblem}`);
  const lockAt = lock.symbols.get('lock_nop_at')!;
  const lockNop = lock.exception
    ? lock.exception.eip === lockAt
      ? `${named(lock.exception)} at F0`
      : `${named(lock.exception)} at +${lock.exception.eip - lockAt}`
    : lock.machineProblem
      ? 'n/a'
      : 'NOP (no fault)';

  const id = probe(model, CPUID_TEST);
  if (id.machineProblem) problems.push(`cpuid probe: ${id.machineProblem}`);
  const v = id.values;
  const facts: BareFacts = {
    lockNop,
    acToggles: v.length > 0 ? v[0] === 1 : undefined,
    cpuidPresent: v.length > 1 ? v[1] === 1 : undefined,
    sysenter: 'n/a',
    syscall: 'n/a',
    problems,
  };
  if (facts.cpuidPresent && v.length >= 7) {
    facts.vendor = ascii(v[2]) + ascii(v[3]) + ascii(v[4]);
    const sig = v[5];
    facts.family = (sig >>> 8) & 0xf;
    facts.model = (sig >>> 4) & 0xf;
    facts.stepping = sig & 0xf;
    facts.featuresEdx = v[6];
    if (v.length >= 9) facts.extFeaturesEdx = v[8];
  }

  const se = probe(model, SYSENTER_TEST);
  if (se.machineProblem) problems.push(`sysenter probe: ${se.machineProblem}`);
  if (se.exception) {
    const at = se.exception.eip === se.symbols.get('sysenter_at') ? '' : ` at 0x${se.exception.eip.toString(16)}`;
    facts.sysenter = se.exception.vector === 6 ? `no (#UD${at})` : `yes (${named(se.exception)}${at}, SYSENTER_CS = 0)`;
  } else if (!se.machineProblem) facts.sysenter = 'ran without a fault';

  const sc = probe(model, SYSCALL_TEST);
  if (sc.machineProblem) problems.push(`syscall probe: ${sc.machineProblem}`);
  if (sc.values.includes(0x5c)) facts.syscall = 'yes (landed at STAR)';
  else if (sc.exception) {
    const where =
      sc.exception.eip === sc.symbols.get('syscall_at')
        ? 'SYSCALL'
        : sc.exception.eip === sc.symbols.get('wrmsr_at')
          ? 'WRMSR EFER'
          : `0x${sc.exception.eip.toString(16)}`;
    facts.syscall = `no (${named(sc.exception)} at ${where})`;
  }
  return facts;
}
