// Declared effects of the x87 and MMX exec names (fpu/, mmx/), for the region compiler
// (effects.ts asks here first). Their operands are x87/MMX state, which the compiler does not
// keep in locals, so what matters is what they do to the rest of the machine:
//
// - Every x87 instruction may fault before it executes: #NM when CR0.EM or CR0.TS is set (SDM
//   Vol.3 2.5 Table 2-2; FWAIT only with CR0.MP and TS, SDM Vol.2 WAIT/FWAIT), and every
//   waiting one (all but the FN- control forms, SDM Vol.1 8.3.12) #MF on a pending unmasked
//   exception with CR0.NE set (SDM Vol.1 8.7, Vol.3 6.15 interrupt 16). The handler makes these
//   checks itself (fpu/access.ts enter), per instruction, so they stay precise in a region.
// - A memory form reads or writes its operand (#GP, #SS, #PF on it, SDM Vol.2 "Protected Mode
//   Exceptions" of each entry), through the address registers (base, index) only.
// - FNSTSW AX writes AX (SDM Vol.2 FSTSW/FNSTSW: EAX's upper half is kept, so EAX is read too).
// - FCOMI/FCOMIP/FUCOMI/FUCOMIP write ZF, PF, CF and clear OF, SF, AF (SDM Vol.2 FCOMI entry,
//   "EFLAGS Flags Affected"); FCMOVcc reads the flags of its condition (SDM Vol.2 FCMOVcc,
//   Table 3-29: B CF, E ZF, BE CF or ZF, U PF).
// - FSTSW/FNSTCW/FNSTENV/FNSAVE/FXSAVE store, FLDCW/FLDENV/FRSTOR/FXRSTOR load, their memory
//   operand of its format's size (SDM Vol.1 8.1.10, Figures 8-9 to 8-12; Vol.2 FXSAVE).
// - MMX instructions (SDM Vol.3 12.1, Table 12-2): #UD with CR0.EM, #NM with CR0.TS, #MF on a
//   pending x87 exception (mmx/access.ts enterMmx); they set TOP = 0 and the tag word (Table
//   12-1), EMMS/FEMMS empty it: x87 state again. MOVD and the AMD extensions PINSRW, PEXTRW,
//   PMOVMSKB move between MMX and general registers; MASKMOVQ stores at DS:(E)DI (SDM Vol.2
//   MASKMOVQ). The prefetches and SFENCE are hints the emulator runs as no-ops: no fault,
//   no access (AMD APM Vol.3 PREFETCH: never faults).
// Nothing else touches a general register or EFLAGS.

import type { FpuExecName, MmxExecName } from '../../isa/execNames';
import { flagMask } from '../../isa/isa';
import type { Effects } from './effects';
import type { Instr } from './instr';
import { CF, PF, ZF } from './flags';

type Access = 'read' | 'write';

/** What an x87 exec name does with a memory operand (register forms: nothing). */
const X87_MEMORY: Record<FpuExecName, Access | null> = {
  fld: 'read',
  fild: 'read',
  fbld: 'read',
  fadd: 'read',
  fsub: 'read',
  fsubr: 'read',
  fmul: 'read',
  fdiv: 'read',
  fdivr: 'read',
  fiadd: 'read',
  fisub: 'read',
  fisubr: 'read',
  fimul: 'read',
  fidiv: 'read',
  fidivr: 'read',
  fcom: 'read',
  fcomp: 'read',
  ficom: 'read',
  ficomp: 'read',
  fldcw: 'read',
  fldenv: 'read',
  frstor: 'read',
  fxrstor: 'read',
  fst: 'write',
  fstp: 'write',
  fist: 'write',
  fistp: 'write',
  fbstp: 'write',
  fnstcw: 'write',
  fnstsw: 'write',
  fnstenv: 'write',
  fnsave: 'write',
  fxsave: 'write',
  // Register-only forms.
  faddp: null,
  fsubp: null,
  fsubrp: null,
  fmulp: null,
  fdivp: null,
  fdivrp: null,
  fcompp: null,
  fucom: null,
  fucomp: null,
  fucompp: null,
  fcomi: null,
  fcomip: null,
  fucomi: null,
  fucomip: null,
  fcmov: null,
  fxch: null,
  ffree: null,
  ffreep: null,
  fchs: null,
  fabs: null,
  ftst: null,
  fxam: null,
  fldConstant: null,
  f2xm1: null,
  fyl2x: null,
  fyl2xp1: null,
  fptan: null,
  fpatan: null,
  fxtract: null,
  fprem: null,
  fprem1: null,
  fdecstp: null,
  fincstp: null,
  fsqrt: null,
  fsincos: null,
  frndint: null,
  fscale: null,
  fsin: null,
  fcos: null,
  fnop: null,
  fnclex: null,
  fninit: null,
  fpuLegacyNop: null,
  // FEMMS is in both unions (it starts with f): it is an MMX instruction, see MMX below.
  femms: null,
};

/** Flags each FCMOVcc condition pair (condition >> 1) reads; other pairs do not occur. */
const FCMOV_FLAGS: Record<number, number> = { 1: CF, 2: ZF, 3: CF | ZF, 5: PF };

/**
 * MMX exec names: 'touch' for those that check CR0/#MF and change x87 state only (their
 * general-register and memory operands follow from the operand kinds), 'hint' for the ones
 * that do nothing, 'maskmovq' for the implicit DS:(E)DI store.
 */
const MMX: Record<MmxExecName, 'touch' | 'hint' | 'maskmovq'> = {
  emms: 'touch',
  femms: 'touch',
  maskmovq: 'maskmovq',
  movd: 'touch',
  movntq: 'touch',
  movq: 'touch',
  packssdw: 'touch',
  packsswb: 'touch',
  packuswb: 'touch',
  paddb: 'touch',
  paddd: 'touch',
  paddsb: 'touch',
  paddsw: 'touch',
  paddusb: 'touch',
  paddusw: 'touch',
  paddw: 'touch',
  pand: 'touch',
  pandn: 'touch',
  pavgb: 'touch',
  pavgusb: 'touch',
  pavgw: 'touch',
  pcmpeqb: 'touch',
  pcmpeqd: 'touch',
  pcmpeqw: 'touch',
  pcmpgtb: 'touch',
  pcmpgtd: 'touch',
  pcmpgtw: 'touch',
  pextrw: 'touch',
  pf2id: 'touch',
  pf2iw: 'touch',
  pfacc: 'touch',
  pfadd: 'touch',
  pfcmpeq: 'touch',
  pfcmpge: 'touch',
  pfcmpgt: 'touch',
  pfmax: 'touch',
  pfmin: 'touch',
  pfmul: 'touch',
  pfnacc: 'touch',
  pfpnacc: 'touch',
  pfrcp: 'touch',
  pfrcpit1: 'touch',
  pfrcpit2: 'touch',
  pfrsqit1: 'touch',
  pfrsqrt: 'touch',
  pfsub: 'touch',
  pfsubr: 'touch',
  pi2fd: 'touch',
  pi2fw: 'touch',
  pinsrw: 'touch',
  pmaddwd: 'touch',
  pmaxsw: 'touch',
  pmaxub: 'touch',
  pminsw: 'touch',
  pminub: 'touch',
  pmovmskb: 'touch',
  pmulhrw: 'touch',
  pmulhuw: 'touch',
  pmulhw: 'touch',
  pmullw: 'touch',
  por: 'touch',
  prefetch: 'hint',
  prefetchnta: 'hint',
  prefetcht0: 'hint',
  prefetcht1: 'hint',
  prefetcht2: 'hint',
  prefetchw: 'hint',
  psadbw: 'touch',
  pshufw: 'touch',
  pslld: 'touch',
  psllq: 'touch',
  psllw: 'touch',
  psrad: 'touch',
  psraw: 'touch',
  psrld: 'touch',
  psrlq: 'touch',
  psrlw: 'touch',
  psubb: 'touch',
  psubd: 'touch',
  psubsb: 'touch',
  psubsw: 'touch',
  psubusb: 'touch',
  psubusw: 'touch',
  psubw: 'touch',
  pswapd: 'touch',
  punpckhbw: 'touch',
  punpckhdq: 'touch',
  punpckhwd: 'touch',
  punpcklbw: 'touch',
  punpckldq: 'touch',
  punpcklwd: 'touch',
  pxor: 'touch',
  sfence: 'hint',
};

const EAX = 1,
  EDI = 1 << 7;

function bit(n: number): number {
  return n >= 0 ? 1 << n : 0;
}

function effects(read: number, written: number, flagsRead: number, flagsWritten: number, memory: Effects['memory']) {
  return { read, written, flagsRead, flagsWritten, memory };
}

/**
 * The effects of an x87 or MMX instruction, or undefined for any other exec name.
 * `endsRegion` is what the dispatch facts say (effects.ts).
 */
export function fpuEffects(ins: Instr, exec: string, endsRegion: boolean): Effects | undefined {
  const address = ins.memory ? bit(ins.base) | bit(ins.index) : 0;
  let e: ReturnType<typeof effects>;
  let mayFault = true;
  if (exec === 'wait') {
    e = effects(0, 0, 0, 0, 'none');
  } else if (Object.prototype.hasOwnProperty.call(MMX, exec)) {
    const kind = MMX[exec as MmxExecName];
    if (kind === 'hint') {
      e = effects(0, 0, 0, 0, 'none');
      mayFault = false;
    } else if (kind === 'maskmovq') {
      e = effects(EDI, 0, 0, 0, 'write');
    } else {
      const kinds = ins.form!.operands;
      let read = address,
        written = 0;
      let memory: Effects['memory'] = 'none';
      kinds.forEach((k, i) => {
        if (k === 'Gd') {
          if (i === 0) written |= bit(ins.reg);
          else read |= bit(ins.reg);
        } else if (k === 'Ed' && !ins.memory) {
          if (i === 0) written |= bit(ins.rm);
          else read |= bit(ins.rm);
        } else if (ins.memory && (k[0] === 'E' || k[0] === 'Q' || k[0] === 'M')) {
          memory = i === 0 ? 'write' : 'read';
        }
      });
      e = effects(read, written, 0, 0, memory);
    }
  } else if (Object.prototype.hasOwnProperty.call(X87_MEMORY, exec)) {
    const access = X87_MEMORY[exec as FpuExecName];
    const memory: Effects['memory'] = ins.memory && access !== null ? access : 'none';
    if (exec === 'fnstsw' && !ins.memory) e = effects(EAX, EAX, 0, 0, 'none');
    else if (exec === 'fcmov') e = effects(0, 0, FCMOV_FLAGS[ins.condition >> 1] ?? CF | ZF | PF, 0, 'none');
    else if (exec === 'fcomi' || exec === 'fcomip' || exec === 'fucomi' || exec === 'fucomip')
      e = effects(0, 0, 0, flagMask(ins.form!.flags?.written), 'none');
    else e = effects(address, 0, 0, 0, memory);
  } else {
    return undefined;
  }
  return {
    regsRead: e.read,
    regsWritten: e.written,
    flagsRead: e.flagsRead,
    flagsWritten: e.flagsWritten,
    flagsUndefined: 0,
    otherFlags: false,
    mayFault,
    memory: e.memory,
    endsRegion,
  };
}

/** Whether `exec` is an x87 or MMX exec name declared here (tests check every one is). */
export function declaresFpu(exec: string): boolean {
  return (
    exec === 'wait' ||
    Object.prototype.hasOwnProperty.call(MMX, exec) ||
    Object.prototype.hasOwnProperty.call(X87_MEMORY, exec)
  );
}
