// Hover texts (Markdown) for the words of an i386 Lab program: mnemonics, prefixes, registers
// and labels. Plain inputs, plain strings out; the vscode-facing provider only finds the word
// and, while debugging, the register's value.

import { MNEMONIC_INFO } from '../../isa/mnemonicInfo';
import { PREFIX_INFO, REGISTER_INFO } from '../../isa/mnemonics';
import { MODELS } from '../../isa/models';
import { mnemonicFacts } from './instructionFacts';

function modelList(ids: readonly string[]): string {
  return ids.length === MODELS.length ? 'every model' : ids.map((id) => `\`${id}\``).join(', ');
}

export function mnemonicHover(word: string): string | undefined {
  const name = word.toLowerCase();
  const info = MNEMONIC_INFO[name];
  const facts = mnemonicFacts(name);
  if (!info && !facts) return undefined;
  const out: string[] = [];
  out.push(`**${name}**${info ? ` (${info.group})` : ''}: ${info?.summary ?? ''}`.trimEnd());
  if (facts) {
    out.push('```\n' + facts.forms.join('\n') + '\n```');
    const flags = facts.flagsWritten.length > 0 ? facts.flagsWritten.join(' ') : 'none';
    let flagLine = `Flags written: ${flags}`;
    if (facts.flagsUndefined.length > 0) flagLine += `; undefined: ${facts.flagsUndefined.join(' ')}`;
    if (facts.countDependent) flagLine += '; a count of 0 changes no flags, OF is defined only for a count of 1';
    out.push(flagLine);
    out.push(`Models: ${modelList(facts.models)}`);
    for (const r of facts.restrictedForms) out.push(`\`${r.form}\` needs ${r.feature}: ${modelList(r.models)}`);
    if (facts.lockable) out.push('LOCK allowed with a memory destination.');
  }
  if (info?.lab) out.push(`*In i386 Lab:* ${info.lab}`);
  return out.join('\n\n');
}

export function prefixHover(word: string): string | undefined {
  const name = word.toLowerCase();
  const info = PREFIX_INFO[name];
  if (!info) return undefined;
  const out = [`**${name}** (prefix ${info.byte.toString(16).toUpperCase()}h): ${info.summary}`];
  if (info.lab) out.push(`*In i386 Lab:* ${info.lab}`);
  return out.join('\n\n');
}

/** `value` is the register's current value while a debug session is stopped. */
export function registerHover(word: string, value?: string): string | undefined {
  const name = word.toLowerCase();
  const info = REGISTER_INFO[name];
  if (!info) return undefined;
  const out = [`**${name}** (${info.class} register, ${info.bits} bits): ${info.summary}`];
  if (value !== undefined) out.push(`Value now: \`${value}\``);
  return out.join('\n\n');
}

export interface LabelFacts {
  name: string;
  /** Absolute address after `org`, when the program assembles. */
  address?: number;
  kind: string;
  file: string;
  line: number;
  /** The defining line's text. */
  text?: string;
}

export function labelHover(label: LabelFacts, displayFile: string): string {
  const what =
    label.kind === 'equ'
      ? 'constant'
      : label.kind === 'macro'
        ? 'macro'
        : label.kind === 'define'
          ? 'definition'
          : 'label';
  const out: string[] = [];
  let head = `**${label.name}** (${what})`;
  if (label.address !== undefined) {
    const hex = `0x${(label.address >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
    head += label.kind === 'equ' ? ` = ${hex} (${label.address})` : ` at ${hex}`;
  }
  out.push(head);
  out.push(`Defined at ${displayFile}:${label.line}`);
  if (label.text) out.push('```i386-asm\n' + label.text.trim() + '\n```');
  return out.join('\n\n');
}
