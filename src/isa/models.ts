// The CPU model table: everything that differs between the nine emulated processors is
// decided here and nowhere else (docs/ARCHITECTURE.md, "CPU models").
//
// Feature bits only advertise what the emulator really implements: the x87 FPU (CPUID.1:EDX
// bit 0) and FXSAVE/FXRSTOR are emulated (src/emulator/cpu/fpu), MMX (bit 23) on the Pentium II,
// K6-2 and Athlon, 3DNow! on the K6-2 and Athlon and AMD's extensions of 3DNow! and MMX on the
// Athlon (src/emulator/cpu/mmx); there is no PAE, APIC or MTRR emulation, so those CPUID bits
// stay clear on every model even where the real part had them; FXSR is reported on the Athlon
// only: FXSAVE/FXRSTOR came with the 0.25 um Pentium II (Deschutes, model 5), and the modelled
// Klamath (model 3) reports CPUID.1:EDX bit 24 clear. The 80386 models come with an 80387
// beside them; the CPUID-less 486 is a 486SX (no FPU). The family/model/stepping signatures
// are real ones, chosen so that the SEP rule (signature >= 0x633) falls on the right side for each part.

/** Capabilities an instruction form may require (column `requires` of the instruction table). */
export type Feature =
  | 'i486' // BSWAP, XADD, CMPXCHG, INVD, WBINVD, INVLPG, CR0.WP/AM, EFLAGS.AC
  | 'cpuid'
  | 'tsc' // RDTSC
  | 'msr' // RDMSR, WRMSR
  | 'cx8' // CMPXCHG8B
  | 'cmov' // CMOVcc
  | 'pse' // CR4.PSE 4 MiB pages
  | 'sep' // SYSENTER/SYSEXIT actually execute (not merely reported by CPUID)
  | 'syscall' // SYSCALL/SYSRET (AMD), gated by EFER.SCE at run time
  | 'hintNop' // 0F 18-0F 1F /r hint NOPs (NOPL 0F 1F /0): CPUID family 6 or 15 only (SDM Vol.2B NOP)
  | 'testRegisters' // MOV to/from TR3-TR7 (0F 24, 0F 26): 386 and 486 only, #UD from the Pentium on
  | 'fxsr' // FXSAVE/FXRSTOR (0F AE /0 /1)
  | 'mmx' // MMX (SDM Vol.1 chapter 9)
  | '3dnow' // AMD 3DNow!, FEMMS, PREFETCH/PREFETCHW (AMD 3DNow! Technology Manual)
  | '3dnowext' // PF2IW PFNACC PFPNACC PI2FW PSWAPD (AMD Extensions to the 3DNow! and MMX Instruction Sets)
  | 'mmxext'; // AMD's MMX extensions, PREFETCHh and SFENCE (the same AMD manual)

export type ModelId =
  'i386-early' | 'i386' | 'i486-nocpuid' | 'i486' | 'pentium' | 'pentium-pro' | 'pentium-ii' | 'k6-2' | 'athlon';

/** CPUID.1:EDX bits (SDM Vol.2A, CPUID, Table 3-11). */
export const CPUID_EDX = {
  FPU: 1 << 0,
  PSE: 1 << 3,
  TSC: 1 << 4,
  MSR: 1 << 5,
  CX8: 1 << 8,
  SEP: 1 << 11,
  CMOV: 1 << 15,
  MMX: 1 << 23,
  FXSR: 1 << 24,
} as const;

/** CPUID.80000001h:EDX bits on AMD parts (AMD APM Vol.3, E.4.2). */
export const CPUID_EXT_EDX = {
  /** SYSCALL/SYSRET on K6-2 and later; K6 model 7 used bit 10 instead. */
  SYSCALL: 1 << 11,
  /** AMD's MMX extensions (AMD Extensions to the 3DNow! and MMX Instruction Sets, CPUID). */
  MMXEXT: 1 << 22,
  /** Extended 3DNow! (the same manual). */
  EXT3DNOW: 1 << 30,
  /** 3DNow! (AMD 3DNow! Technology Manual, "Feature Detection"). */
  AMD3DNOW: 1 << 31,
} as const;

export interface CpuidFacts {
  vendor: string; // 12 characters, EBX EDX ECX of leaf 0
  maxLeaf: number;
  family: number;
  model: number;
  stepping: number;
  /** CPUID.1:EDX */
  features: number;
  /** Highest extended leaf (0 when extended leaves do not exist). */
  maxExtendedLeaf: number;
  /** CPUID.80000001h:EDX */
  extendedFeatures: number;
  /** Processor name string from leaves 80000002h..80000004h, or '' when absent. */
  brand: string;
}

export interface CpuModel {
  id: ModelId;
  name: string;
  /** Generation in the sense of the instruction set it implements. */
  generation: 386 | 486 | 586 | 686;
  features: ReadonlySet<Feature>;
  /** EFLAGS.AC (bit 18) can be toggled: false on the 80386. */
  acFlag: boolean;
  /** EFLAGS.ID (bit 21) can be toggled: true exactly when CPUID exists. */
  idFlag: boolean;
  cpuid: CpuidFacts | null;
  /**
   * An x87 FPU is present (on-chip, or the 387 beside the 386). Without one, ESC opcodes with
   * CR0.EM = 0 reach no coprocessor and change nothing (the FNINIT/FNSTSW probe reads back
   * its own memory); with EM = 1 they raise #NM for an emulator (SDM Vol.3 Table 2-2).
   */
  fpu: boolean;
  /** Quirk: the LOCK prefix is not checked on NOP, so F0 90 executes as a NOP (no #UD). */
  lockNopIsNop: boolean;
  /**
   * PUSH of a segment register with a 32-bit operand size writes only the low word of the
   * slot, leaving the upper word as it was (SDM Vol.2B PUSH allows this or zero extension;
   * the 80386 and 80486 do the 16-bit write, checked on real hardware by test386.asm,
   * tests/stack_m.asm); false: the selector is zero-extended to 32 bits.
   */
  pushSegmentWord: boolean;
  /**
   * 80386 quirk: POPAD on a 16-bit stack (SS.B = 0) loads the upper word of ESP from the
   * upper word of the ESP slot it skips (test386.asm, tests/stack_m.asm, CPU family 3: ESP
   * becomes 0xDEAD0000 after popping a 0xDEADBEEF slot with SP wrapping to 0).
   */
  popadLoadsEspHigh: boolean;
  /**
   * Whose rules the architecturally undefined arithmetic flags follow: 'i386' = the 80386's
   * (DAA DAS AAA AAS AAD take SF ZF PF OF from the internal add or subtract of the
   * correction, AAD's CF AF OF too; from test386.asm's POST E0 cases, validated on a 386SX;
   * byte shifts past 8, BT's OF and SHLD/SHRD past the width from the hardware-captured 386EX
   * tests of SingleStepTests/80386; DIV/IDIV keep the later parts' flags: no public data);
   * 'later' = those the golden vectors record on the host CPU.
   */
  undefinedFlags: 'i386' | 'later';
  /**
   * 80386: a SIB byte with no index (index = 100b) and a non-zero scale scales the base
   * register (the SDM leaves the form undefined; test386.asm's 32-bit LEA test with undefined
   * behaviour enabled for CPU family 3).
   */
  sibScaleOnBase: boolean;
  /** One line for the models table. */
  notes: string;
}

function features(...list: Feature[]): ReadonlySet<Feature> {
  return new Set(list);
}

const E = CPUID_EDX;
const X = CPUID_EXT_EDX;

export const MODELS: readonly CpuModel[] = [
  {
    id: 'i386-early',
    name: 'Intel 80386 (early stepping)',
    generation: 386,
    features: features('testRegisters'),
    acFlag: false,
    idFlag: false,
    cpuid: null,
    fpu: true,
    lockNopIsNop: true,
    pushSegmentWord: true,
    popadLoadsEspHigh: true,
    undefinedFlags: 'i386',
    sibScaleOnBase: true,
    notes: 'LOCK NOP executes as NOP: no #UD, so lock-nop discovery silently does nothing',
  },
  {
    id: 'i386',
    name: 'Intel 80386',
    generation: 386,
    features: features('testRegisters'),
    acFlag: false,
    idFlag: false,
    cpuid: null,
    fpu: true,
    lockNopIsNop: false,
    pushSegmentWord: true,
    popadLoadsEspHigh: true,
    undefinedFlags: 'i386',
    sibScaleOnBase: true,
    notes: 'EFLAGS.AC cannot be set; no CPUID; with an 80387 coprocessor',
  },
  {
    id: 'i486-nocpuid',
    name: 'Intel 486 (no CPUID)',
    generation: 486,
    features: features('i486', 'testRegisters'),
    acFlag: true,
    idFlag: false,
    cpuid: null,
    fpu: false,
    lockNopIsNop: false,
    pushSegmentWord: true,
    popadLoadsEspHigh: false,
    undefinedFlags: 'later',
    sibScaleOnBase: false,
    notes: 'EFLAGS.AC settable, EFLAGS.ID not; no CPUID; a 486SX: no FPU',
  },
  {
    id: 'i486',
    name: 'Intel 486 with CPUID',
    generation: 486,
    features: features('i486', 'cpuid', 'testRegisters'),
    acFlag: true,
    idFlag: true,
    cpuid: {
      vendor: 'GenuineIntel',
      maxLeaf: 1,
      family: 4,
      model: 8,
      stepping: 0,
      features: E.FPU,
      maxExtendedLeaf: 0,
      extendedFeatures: 0,
      brand: '',
    },
    fpu: true,
    lockNopIsNop: false,
    pushSegmentWord: true,
    popadLoadsEspHigh: false,
    undefinedFlags: 'later',
    sibScaleOnBase: false,
    notes: 'CPUID family 4 (486DX4-class signature)',
  },
  {
    id: 'pentium',
    name: 'Intel Pentium (P54C)',
    generation: 586,
    features: features('i486', 'cpuid', 'tsc', 'msr', 'cx8', 'pse'),
    acFlag: true,
    idFlag: true,
    cpuid: {
      vendor: 'GenuineIntel',
      maxLeaf: 1,
      family: 5,
      model: 2,
      stepping: 12,
      features: E.FPU | E.PSE | E.TSC | E.MSR | E.CX8,
      maxExtendedLeaf: 0,
      extendedFeatures: 0,
      brand: '',
    },
    fpu: true,
    lockNopIsNop: false,
    pushSegmentWord: false,
    popadLoadsEspHigh: false,
    undefinedFlags: 'later',
    sibScaleOnBase: false,
    notes: 'CPUID, RDTSC, RDMSR/WRMSR, CMPXCHG8B, 4 MiB pages',
  },
  {
    id: 'pentium-pro',
    name: 'Intel Pentium Pro',
    generation: 686,
    features: features('i486', 'cpuid', 'tsc', 'msr', 'cx8', 'pse', 'cmov', 'hintNop'),
    acFlag: true,
    idFlag: true,
    cpuid: {
      vendor: 'GenuineIntel',
      maxLeaf: 1,
      family: 6,
      model: 1,
      stepping: 2,
      features: E.FPU | E.PSE | E.TSC | E.MSR | E.CX8 | E.SEP | E.CMOV,
      maxExtendedLeaf: 0,
      extendedFeatures: 0,
      brand: '',
    },
    fpu: true,
    lockNopIsNop: false,
    pushSegmentWord: false,
    popadLoadsEspHigh: false,
    undefinedFlags: 'later',
    sibScaleOnBase: false,
    notes: 'CPUID reports SEP but SYSENTER raises #UD (signature 0x612 < 0x633)',
  },
  {
    id: 'pentium-ii',
    name: 'Intel Pentium II (Klamath)',
    generation: 686,
    features: features('i486', 'cpuid', 'tsc', 'msr', 'cx8', 'pse', 'cmov', 'sep', 'hintNop', 'mmx'),
    acFlag: true,
    idFlag: true,
    cpuid: {
      vendor: 'GenuineIntel',
      maxLeaf: 1,
      family: 6,
      model: 3,
      stepping: 3,
      features: E.FPU | E.PSE | E.TSC | E.MSR | E.CX8 | E.SEP | E.CMOV | E.MMX,
      maxExtendedLeaf: 0,
      extendedFeatures: 0,
      brand: '',
    },
    fpu: true,
    lockNopIsNop: false,
    pushSegmentWord: false,
    popadLoadsEspHigh: false,
    undefinedFlags: 'later',
    sibScaleOnBase: false,
    notes: 'SYSENTER/SYSEXIT work (signature 0x633, the first trusted one)',
  },
  {
    id: 'k6-2',
    name: 'AMD K6-2',
    generation: 586,
    features: features('i486', 'cpuid', 'tsc', 'msr', 'cx8', 'pse', 'syscall', 'mmx', '3dnow'),
    acFlag: true,
    idFlag: true,
    cpuid: {
      vendor: 'AuthenticAMD',
      maxLeaf: 1,
      family: 5,
      model: 8,
      stepping: 12,
      features: E.FPU | E.PSE | E.TSC | E.MSR | E.CX8 | E.MMX,
      maxExtendedLeaf: 0x80000004,
      extendedFeatures: E.FPU | E.PSE | E.TSC | E.MSR | E.CX8 | E.MMX | X.SYSCALL | X.AMD3DNOW,
      brand: 'AMD-K6(tm) 3D processor',
    },
    fpu: true,
    lockNopIsNop: false,
    pushSegmentWord: false,
    popadLoadsEspHigh: false,
    undefinedFlags: 'later',
    sibScaleOnBase: false,
    notes: 'SYSCALL/SYSRET (CPUID 80000001h EDX bit 11), no SEP, no CMOV',
  },
  {
    id: 'athlon',
    name: 'AMD Athlon (Thunderbird)',
    generation: 686,
    features: features(
      'i486',
      'cpuid',
      'tsc',
      'msr',
      'cx8',
      'pse',
      'cmov',
      'sep',
      'syscall',
      'fxsr',
      'hintNop',
      'mmx',
      '3dnow',
      '3dnowext',
      'mmxext',
    ),
    acFlag: true,
    idFlag: true,
    cpuid: {
      vendor: 'AuthenticAMD',
      maxLeaf: 1,
      family: 6,
      model: 4,
      stepping: 2,
      features: E.FPU | E.PSE | E.TSC | E.MSR | E.CX8 | E.SEP | E.CMOV | E.MMX | E.FXSR,
      maxExtendedLeaf: 0x80000004,
      extendedFeatures:
        E.FPU |
        E.PSE |
        E.TSC |
        E.MSR |
        E.CX8 |
        E.CMOV |
        E.MMX |
        E.FXSR |
        X.SYSCALL |
        X.MMXEXT |
        X.EXT3DNOW |
        X.AMD3DNOW,
      brand: 'AMD Athlon(tm) Processor',
    },
    fpu: true,
    lockNopIsNop: false,
    pushSegmentWord: false,
    popadLoadsEspHigh: false,
    undefinedFlags: 'later',
    sibScaleOnBase: false,
    notes: 'both SYSCALL and SYSENTER',
  },
];

export const DEFAULT_MODEL: ModelId = 'pentium-ii';

export const MODEL_IDS: readonly ModelId[] = MODELS.map((m) => m.id);

export function findModel(id: string): CpuModel | undefined {
  return MODELS.find((m) => m.id === id);
}

/** The packed CPUID signature (family<<8 | model<<4 | stepping) the SEP rule compares. */
export function cpuidSignature(facts: CpuidFacts): number {
  return (facts.family << 8) | (facts.model << 4) | facts.stepping;
}
