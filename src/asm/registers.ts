// Register names as NASM spells them, with their encodings (SDM Vol.2 2.1.5, Tables 2-1 and
// 2-2 for general registers; Vol.3 2.5 for control and debug registers).

export type RegisterClass = 'r8' | 'r16' | 'r32' | 'seg' | 'cr' | 'dr' | 'tr';

export interface Register {
  name: string;
  cls: RegisterClass;
  /** Encoding in the ModRM reg/rm field or the +r byte. */
  num: number;
}

const REGISTERS = new Map<string, Register>();

function define(cls: RegisterClass, names: string[]): void {
  names.forEach((name, num) => {
    if (name) REGISTERS.set(name, { name, cls, num });
  });
}

define('r8', ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh']);
define('r16', ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di']);
define('r32', ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi']);
define('seg', ['es', 'cs', 'ss', 'ds', 'fs', 'gs']);
define('cr', ['cr0', '', 'cr2', 'cr3', 'cr4']);
define('dr', ['dr0', 'dr1', 'dr2', 'dr3', 'dr4', 'dr5', 'dr6', 'dr7']);
define('tr', ['', '', '', 'tr3', 'tr4', 'tr5', 'tr6', 'tr7']);

/** The register a name denotes (case-insensitive), if any. */
export function lookupRegister(name: string): Register | undefined {
  const r = REGISTERS.get(name);
  if (r !== undefined || name.length > 3) return r;
  return REGISTERS.get(name.toLowerCase());
}

export function registerSize(r: Register): number {
  switch (r.cls) {
    case 'r8':
      return 8;
    case 'r16':
    case 'seg':
      return 16;
    default:
      return 32;
  }
}

/** Segment-override prefix bytes, indexed by segment register number (SDM Vol.2 2.1.1). */
export const SEGMENT_PREFIX = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65];

/** Legacy prefix bytes (SDM Vol.2 2.1.1). */
export const PREFIX = {
  lock: 0xf0,
  repne: 0xf2,
  rep: 0xf3,
  operandSize: 0x66,
  addressSize: 0x67,
} as const;
