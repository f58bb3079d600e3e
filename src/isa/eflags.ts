// The EFLAGS bits (SDM Vol.1 3.4.3, Figure 3-8): the architecture's one definition, used by
// the instruction table's flag letters (isa.ts FLAG_BITS), the emulator (cpu/flags.ts) and the
// debugger's EFLAGS view.

export const CF = 0x0001;
export const PF = 0x0004;
export const AF = 0x0010;
export const ZF = 0x0040;
export const SF = 0x0080;
export const TF = 0x0100;
export const IF = 0x0200;
export const DF = 0x0400;
export const OF = 0x0800;
export const IOPL = 0x3000;
export const NT = 0x4000;
export const RF = 0x10000;
export const VM = 0x20000;
export const AC = 0x40000;
export const VIF = 0x80000;
export const VIP = 0x100000;
export const ID = 0x200000;

/** Every EFLAGS field with its lower-case name and meaning, for the debugger and the hover text. */
export const EFLAGS_FIELDS: readonly { name: string; mask: number; meaning: string }[] = [
  { name: 'cf', mask: CF, meaning: 'carry' },
  { name: 'pf', mask: PF, meaning: 'parity (even number of 1 bits in the low byte)' },
  { name: 'af', mask: AF, meaning: 'auxiliary carry (BCD)' },
  { name: 'zf', mask: ZF, meaning: 'zero' },
  { name: 'sf', mask: SF, meaning: 'sign' },
  { name: 'tf', mask: TF, meaning: 'trap (single step)' },
  { name: 'if', mask: IF, meaning: 'interrupt enable' },
  { name: 'df', mask: DF, meaning: 'direction (string ops go down)' },
  { name: 'of', mask: OF, meaning: 'overflow' },
  { name: 'iopl', mask: IOPL, meaning: 'I/O privilege level' },
  { name: 'nt', mask: NT, meaning: 'nested task' },
  { name: 'rf', mask: RF, meaning: 'resume (suppress instruction breakpoint once)' },
  { name: 'vm', mask: VM, meaning: 'virtual-8086 mode' },
  { name: 'ac', mask: AC, meaning: 'alignment check (486+)' },
  { name: 'vif', mask: VIF, meaning: 'virtual interrupt flag' },
  { name: 'vip', mask: VIP, meaning: 'virtual interrupt pending' },
  { name: 'id', mask: ID, meaning: 'CPUID available (toggleable)' },
];
