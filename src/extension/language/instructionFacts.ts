// What the hover says about a mnemonic, derived from the one instruction table (docs/ARCHITECTURE.md,
// "One instruction table") and the model table: operand forms, flags written and left
// undefined, LOCK legality and which CPU models have the instruction. Nothing here is typed
// twice: a new table row shows up in the hover by itself.

import { INSTRUCTIONS } from '../../isa/instructions';
import type { InstructionForm, OperandKind } from '../../isa/isa';
import { MODELS, type Feature, type ModelId } from '../../isa/models';

/** Operand kinds in the notation of the SDM's instruction summaries (Vol.2 3.1.1.3). */
const OPERAND_TEXT: Record<OperandKind, string> = {
  Eb: 'r/m8',
  Ew: 'r/m16',
  Ed: 'r/m32',
  Ev: 'r/m16/32',
  Gb: 'r8',
  Gw: 'r16',
  Gd: 'r32',
  Gv: 'r16/32',
  Rd: 'r32',
  M: 'm',
  Mw: 'm16',
  Md: 'm32',
  Mq: 'm64',
  Mp: 'm16:16/32',
  Ma: 'm16&16/32&32',
  Ms: 'm16&32',
  Ib: 'imm8',
  Iw: 'imm16',
  Iv: 'imm16/32',
  IbS: 'imm8 (sign-extended)',
  Jb: 'rel8',
  Jv: 'rel16/32',
  Ap: 'ptr16:16/32',
  Ob: 'moffs8',
  Ov: 'moffs16/32',
  Sw: 'Sreg',
  Cd: 'CRn',
  Dd: 'DRn',
  Td: 'TRn',
  Zb: 'r8',
  Zv: 'r16/32',
  Xb: 'm8 at DS:(E)SI',
  Xv: 'm16/32 at DS:(E)SI',
  Yb: 'm8 at ES:(E)DI',
  Yv: 'm16/32 at ES:(E)DI',
  AL: 'al',
  CL: 'cl',
  DX: 'dx',
  AX: 'ax',
  eAX: 'ax/eax',
  ONE: '1',
  ES: 'es',
  CS: 'cs',
  SS: 'ss',
  DS: 'ds',
  FS: 'fs',
  GS: 'gs',
  ST0: 'st0',
  STi: 'st(i)',
  Mt: 'm80',
  Me: 'm14/28byte',
  Mf: 'm94/108byte',
  Mx: 'm512byte',
  Pq: 'mm',
  Qq: 'mm/m64',
  Qd: 'mm/m32',
  Nq: 'mm',
};

const FLAG_ORDER = 'oszapc';

export interface MnemonicFacts {
  /** Distinct operand forms as written in NASM, e.g. "mov r/m16/32, r16/32". */
  forms: string[];
  /** Flags written with a defined value, upper case in SDM order ("OF SF ZF AF PF CF"). */
  flagsWritten: string[];
  flagsUndefined: string[];
  /** Some form's flag effect depends on the (masked) count: shifts and rotates. */
  countDependent: boolean;
  lockable: boolean;
  /** Models on which at least one form exists; all models when no form needs a feature. */
  models: ModelId[];
  /** Forms that only some models have, with the models that have them. */
  restrictedForms: { form: string; feature: Feature; models: ModelId[] }[];
}

function formsOf(mnemonic: string): InstructionForm[] {
  return INSTRUCTIONS.filter((f) => !f.decodeOnly && (f.mnemonic === mnemonic || (f.aliases ?? []).includes(mnemonic)));
}

function formText(mnemonic: string, form: InstructionForm): string {
  if (form.implicit || form.operands.length === 0) return mnemonic;
  return `${mnemonic} ${form.operands.map((k) => OPERAND_TEXT[k]).join(', ')}`;
}

function flagNames(letters: Set<string>): string[] {
  return [...FLAG_ORDER].filter((l) => letters.has(l)).map((l) => `${l.toUpperCase()}F`);
}

export function modelsWith(feature: Feature | undefined): ModelId[] {
  return MODELS.filter((m) => feature === undefined || m.features.has(feature)).map((m) => m.id);
}

/** The table's facts about a mnemonic (or alias), or undefined when no row encodes it. */
export function mnemonicFacts(name: string): MnemonicFacts | undefined {
  const mnemonic = name.toLowerCase();
  const forms = formsOf(mnemonic);
  if (forms.length === 0) return undefined;
  const texts: string[] = [];
  const written = new Set<string>();
  const undef = new Set<string>();
  let countDependent = false;
  let lockable = false;
  const models = new Set<ModelId>();
  const restricted = new Map<string, { form: string; feature: Feature; models: ModelId[] }>();
  for (const form of forms) {
    const text = formText(mnemonic, form);
    if (!texts.includes(text)) texts.push(text);
    for (const l of form.flags?.written ?? '') written.add(l);
    for (const l of form.flags?.undefined ?? '') undef.add(l);
    countDependent ||= form.flags?.countDependent === true;
    lockable ||= form.lock === true;
    const have = modelsWith(form.requires);
    for (const m of have) models.add(m);
    if (form.requires && have.length < MODELS.length && !restricted.has(text))
      restricted.set(text, { form: text, feature: form.requires, models: have });
  }
  const everyFormRestrictedAlike =
    restricted.size === texts.length && new Set([...restricted.values()].map((r) => r.feature)).size === 1;
  return {
    forms: texts,
    flagsWritten: flagNames(written),
    flagsUndefined: flagNames(undef),
    countDependent,
    lockable,
    models: MODELS.map((m) => m.id).filter((id) => models.has(id)),
    // When every form needs the same feature, the model list already says it all.
    restrictedForms: everyFormRestrictedAlike ? [] : [...restricted.values()],
  };
}
