// The CPU model table: everything that differs between the nine emulated processors is
// decided here and nowhere else (DESIGN.md, "CPU models").
//
// Feature bits only advertise what the emulator really implements: there is no x87, MMX,
// PAE, APIC or MTRR emulation, so those CPUID bits stay clear on every model even where the
// real part had them. The family/model/stepping signatures are real ones, chosen so that the
// SEP rule (signature >= 0x633) falls on the right side for each part.

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
  | 'testRegisters'; // MOV to/from TR3-TR7 (0F 24, 0F 26): 386 and 486 only, #UD from the Pentium on

export type ModelId =
  | 'i386-early'
  | 'i386'
  | 'i486-nocpuid'
  | 'i486'
  | 'pentium'
  | 'pentium-pro'
  | 'pentium-ii'
  | 'k6-2'
  | 'athlon';

/** CPUID.1:EDX bits (SDM Vol.2A, CPUID, Table 3-11). */
export const CPUID_EDX = {
  PSE: 1 << 3,
  TSC: 1 << 4,
  MSR: 1 << 5,
  CX8: 1 << 8,
  SEP: 1 << 11,
  CMOV: 1 << 15,
} as const;

/** CPUID.80000001h:EDX bits on AMD parts (AMD APM Vol.3, E.4.2). */
export const CPUID_EXT_EDX = {
  /** SYSCALL/SYSRET on K6-2 and later; K6 model 7 used bit 10 instead. */
  SYSCALL: 1 << 11,
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
  /** Quirk: the LOCK prefix is not checked on NOP, so F0 90 executes as a NOP (no #UD). */
  lockNopIsNop: boolean;
  /** One line for the models table. */
  notes: string;
}

function features(...list: Feature[]): ReadonlySet<Feature> {
  return new Set(list);
}

const E = CPUID_EDX;

export const MODELS: readonly CpuModel[] = [
  {
    id: 'i386-early',
    name: 'Intel 80386 (early stepping)',
    generation: 386,
    features: features('testRegisters'),
    acFlag: false,
    idFlag: false,
    cpuid: null,
    lockNopIsNop: true,
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
    lockNopIsNop: false,
    notes: 'EFLAGS.AC cannot be set; no CPUID',
  },
  {
    id: 'i486-nocpuid',
    name: 'Intel 486 (no CPUID)',
    generation: 486,
    features: features('i486', 'testRegisters'),
    acFlag: true,
    idFlag: false,
    cpuid: null,
    lockNopIsNop: false,
    notes: 'EFLAGS.AC settable, EFLAGS.ID not; no CPUID',
  },
  {
    id: 'i486',
    name: 'Intel 486 with CPUID',
    generation: 486,
    features: features('i486', 'cpuid', 'testRegisters'),
    acFlag: true,
    idFlag: true,
    cpuid: {
      vendor: 'GenuineIntel', maxLeaf: 1, family: 4, model: 8, stepping: 0,
      features: 0, maxExtendedLeaf: 0, extendedFeatures: 0, brand: '',
    },
    lockNopIsNop: false,
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
      vendor: 'GenuineIntel', maxLeaf: 1, family: 5, model: 2, stepping: 12,
      features: E.PSE | E.TSC | E.MSR | E.CX8, maxExtendedLeaf: 0, extendedFeatures: 0, brand: '',
    },
    lockNopIsNop: false,
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
      vendor: 'GenuineIntel', maxLeaf: 1, family: 6, model: 1, stepping: 2,
      features: E.PSE | E.TSC | E.MSR | E.CX8 | E.SEP | E.CMOV,
      maxExtendedLeaf: 0, extendedFeatures: 0, brand: '',
    },
    lockNopIsNop: false,
    notes: 'CPUID reports SEP but SYSENTER raises #UD (signature 0x612 < 0x633)',
  },
  {
    id: 'pentium-ii',
    name: 'Intel Pentium II (Klamath)',
    generation: 686,
    features: features('i486', 'cpuid', 'tsc', 'msr', 'cx8', 'pse', 'cmov', 'sep', 'hintNop'),
    acFlag: true,
    idFlag: true,
    cpuid: {
      vendor: 'GenuineIntel', maxLeaf: 1, family: 6, model: 3, stepping: 3,
      features: E.PSE | E.TSC | E.MSR | E.CX8 | E.SEP | E.CMOV,
      maxExtendedLeaf: 0, extendedFeatures: 0, brand: '',
    },
    lockNopIsNop: false,
    notes: 'SYSENTER/SYSEXIT work (signature 0x633, the first trusted one)',
  },
  {
    id: 'k6-2',
    name: 'AMD K6-2',
    generation: 586,
    features: features('i486', 'cpuid', 'tsc', 'msr', 'cx8', 'pse', 'syscall'),
    acFlag: true,
    idFlag: true,
    cpuid: {
      vendor: 'AuthenticAMD', maxLeaf: 1, family: 5, model: 8, stepping: 12,
      features: E.PSE | E.TSC | E.MSR | E.CX8,
      maxExtendedLeaf: 0x80000004, extendedFeatures: E.PSE | E.TSC | E.MSR | E.CX8 | CPUID_EXT_EDX.SYSCALL,
      brand: 'AMD-K6(tm) 3D processor',
    },
    lockNopIsNop: false,
    notes: 'SYSCALL/SYSRET (CPUID 80000001h EDX bit 11), no SEP, no CMOV',
  },
  {
    id: 'athlon',
    name: 'AMD Athlon (Thunderbird)',
    generation: 686,
    features: features('i486', 'cpuid', 'tsc', 'msr', 'cx8', 'pse', 'cmov', 'sep', 'syscall', 'hintNop'),
    acFlag: true,
    idFlag: true,
    cpuid: {
      vendor: 'AuthenticAMD', maxLeaf: 1, family: 6, model: 4, stepping: 2,
      features: E.PSE | E.TSC | E.MSR | E.CX8 | E.SEP | E.CMOV,
      maxExtendedLeaf: 0x80000004,
      extendedFeatures: E.PSE | E.TSC | E.MSR | E.CX8 | E.CMOV | CPUID_EXT_EDX.SYSCALL,
      brand: 'AMD Athlon(tm) Processor',
    },
    lockNopIsNop: false,
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
