// Launch settings a program carries in its source: a comment line
//   ; i386-lab: --discovery shared-page --cpu athlon
// in the comment block at the top of an .asm file (before its first line of code). `run`, F5
// and "i386: Run program" read the same settings; an explicit command-line flag or launch
// attribute wins over the header, and the header wins over defaults and the selected model.

import { DISCOVERY, MECHANISM_NAMES } from '../kernel/abi';
import { MODEL_IDS, type ModelId } from '../isa/models';

/** Discovery modes by name, from the ABI's DISCOVERY table (LOCK_NOP -> 'lock-nop'). */
export const DISCOVERY_NAMES = Object.keys(DISCOVERY).map((k) => k.toLowerCase().replace(/_/g, '-')) as (
  'lock-nop' | 'shared-page'
)[];
/** What `mechanism` may be: the ABI's mechanisms, or auto (the kernel's preference). */
export const MECHANISM_CHOICES = ['auto', ...MECHANISM_NAMES] as const;

export interface ProgramSettings {
  cpu?: ModelId;
  discovery?: (typeof DISCOVERY_NAMES)[number];
  mechanism?: (typeof MECHANISM_CHOICES)[number];
  seed?: number;
}

/** The header's vocabulary: each flag and the launch attribute it sets. */
export const HEADER_FLAGS: readonly {
  flag: string;
  key: keyof ProgramSettings;
  values?: readonly string[];
  help: string;
}[] = [
  { flag: '--cpu', key: 'cpu', values: MODEL_IDS, help: 'the CPU model' },
  {
    flag: '--discovery',
    key: 'discovery',
    values: DISCOVERY_NAMES,
    help: 'how the program finds the system-call mechanism',
  },
  { flag: '--mechanism', key: 'mechanism', values: MECHANISM_CHOICES, help: 'the mechanism the kernel advertises' },
  { flag: '--seed', key: 'seed', help: 'the boot seed, 0..0xffffffff' },
];

export interface HeaderSettings {
  settings: ProgramSettings;
  /** The header's line (1-based), or undefined without one. */
  line?: number;
  /** The header's flags as written (for reports). */
  text?: string;
  /** What is wrong with the header, one message per problem (`LINE: what`). */
  problems: string[];
}

const HEADER = /^\s*;+\s*i386-lab:(.*)$/i;

/** The settings of the header comment in `source` (an .asm text); none when it has no header. */
export function readProgramSettings(source: string): HeaderSettings {
  const lines = source.split(/\r?\n/);
  const result: HeaderSettings = { settings: {}, problems: [] };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (!line.trimStart().startsWith(';')) break; // the first line of code ends the header block
    const m = HEADER.exec(line);
    if (!m) continue;
    const at = i + 1;
    if (result.line !== undefined) {
      result.problems.push(`${at}: a second i386-lab: line (the first is line ${result.line})`);
      continue;
    }
    result.line = at;
    result.text = m[1].trim();
    parseWords(m[1].trim().split(/\s+/).filter(Boolean), at, result);
  }
  return result;
}

function parseWords(words: string[], line: number, result: HeaderSettings): void {
  for (let i = 0; i < words.length; i++) {
    let [flag, value] = words[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const known = HEADER_FLAGS.find((f) => f.flag === flag);
    if (!known) {
      result.problems.push(
        `${line}: unknown setting '${flag}' (the header takes ${HEADER_FLAGS.map((f) => f.flag).join(', ')})`,
      );
      continue;
    }
    if (value === undefined) value = words[++i];
    if (value === undefined) {
      result.problems.push(`${line}: ${flag} needs a value`);
      continue;
    }
    if (known.values && !known.values.includes(value)) {
      result.problems.push(`${line}: ${flag}: '${value}' is not one of ${known.values.join(', ')}`);
      continue;
    }
    if (known.key === 'seed') {
      const n = /^(0x[0-9a-f]+|\d+)$/i.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
        result.problems.push(`${line}: --seed: '${value}' is not a number from 0 to 0xffffffff`);
        continue;
      }
      result.settings.seed = n;
    } else {
      (result.settings as Record<string, unknown>)[known.key] = value;
    }
  }
}

/** The header's settings as flags, e.g. `--discovery shared-page --cpu athlon`. */
export function settingsText(settings: ProgramSettings): string {
  return HEADER_FLAGS.filter((f) => settings[f.key] !== undefined)
    .map((f) => `${f.flag} ${f.key === 'seed' ? `0x${(settings.seed! >>> 0).toString(16)}` : String(settings[f.key])}`)
    .join(' ');
}
