// The assembler against mutated sources: the test corpus (test/asm/corpus, sources NASM
// accepts) with characters flipped, lines dropped, duplicated and swapped, tokens spliced in
// from a directive and operator vocabulary, and random (sometimes deeply nested) expressions
// in data, `times`, `%if`, `equ` and operand positions. Every input must come back as bytes
// or as diagnostics; an "internal assembler error" (a host exception caught at the top) or an
// input that takes more than a few seconds is a finding.

import * as fs from 'fs';
import * as path from 'path';
import { assemble } from '../../src/asm/index';
import type { FuzzContext, Harness, Rng } from './harness';
import { ROOT } from './dapClient';

const CORPUS = path.join(ROOT, 'test', 'asm', 'corpus');
/** An input this slow counts as a hang (the output limit of 16 MiB is reached in seconds). */
const SLOW_MS = 30000;

const TOKENS = [
  '%macro m 1',
  '%endmacro',
  '%rep 3',
  '%endrep',
  '%if 1',
  '%else',
  '%endif',
  '%define X 1',
  '%assign i i+1',
  '%undef X',
  '%include "x.inc"',
  'section .text',
  'section .data',
  'section .bss',
  'align 16',
  'times 3 db 0',
  'resb 4',
  'db 1',
  'dw',
  'dd',
  'dq 1.5',
  'incbin "nope"',
  'org 0x100',
  'bits 16',
  'bits 32',
  'equ',
  '$',
  '$$',
  '[',
  ']',
  ',',
  ':',
  '(',
  ')',
  '"',
  "'",
  '`',
  ';',
  '\\',
  '%%',
  '%1',
  '%0',
  '{',
  '}',
  'struc s',
  'endstruc',
  'istruc s',
  'iend',
  'at',
  'global g',
  'extern e',
  'lock',
  'rep',
  'byte',
  'word',
  'dword',
  'far',
  'short',
  'near',
  'eax',
  'ax',
  'al',
  'cs',
  'cr0',
  'dr7',
  'st0',
  'mm0',
  'xmm0',
  'mov',
  'jmp',
  'call',
  'lea',
  'push',
  'int',
  'db 0x',
  '0b',
  '0q7',
  '1e99',
];
const OPERATORS = [
  '+',
  '-',
  '*',
  '/',
  '//',
  '%',
  '%%',
  '<<',
  '>>',
  '|',
  '&',
  '^',
  '==',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  '&&',
  '||',
  '^^',
];

/** A random NASM expression, depth-limited (sometimes deep, to find recursion limits). */
export function randomExpression(rng: Rng, depth: number): string {
  if (depth <= 0 || rng.chance(0.3)) {
    switch (rng.below(7)) {
      case 0:
        return String(rng.interesting());
      case 1:
        return `0x${rng.interesting().toString(16)}`;
      case 2:
        return rng.pick(['$', '$$', 'label', 'undefined_name', 'x', '0', '-1', "'ab'", '0b101', '777q', '1_000']);
      case 3:
        return String(-rng.interesting());
      default:
        return String(rng.below(100));
    }
  }
  switch (rng.below(5)) {
    case 0:
      return `(${randomExpression(rng, depth - 1)})`;
    case 1:
      return `${rng.pick(['-', '~', '!', '+'])}${randomExpression(rng, depth - 1)}`;
    case 2:
      return `${randomExpression(rng, depth - 1)} ? ${randomExpression(rng, depth - 1)} : ${randomExpression(rng, depth - 1)}`;
    default:
      return `${randomExpression(rng, depth - 1)} ${rng.pick(OPERATORS)} ${randomExpression(rng, depth - 1)}`;
  }
}

function expressionLine(rng: Rng): string {
  const e = rng.chance(0.05) ? '('.repeat(2000) + '1' + ')'.repeat(2000) : randomExpression(rng, rng.below(8));
  return rng.pick([
    `dd ${e}`,
    `dw ${e}`,
    `db ${e}`,
    `times (${e}) & 0xff db 0`,
    `%if ${e}\nnop\n%endif`,
    `k equ ${e}`,
    `mov eax, ${e}`,
    `mov eax, [${e}]`,
    `add byte [eax + ${e}], 1`,
    `align 1 << ((${e}) & 7)`,
    `resb (${e}) & 0xfff`,
    `jmp ${e}`,
    `%assign v ${e}`,
    `org ${e}`,
  ]);
}

export function mutateSource(rng: Rng, text: string): string {
  let lines = text.split('\n');
  const rounds = 1 + rng.below(4);
  for (let r = 0; r < rounds; r++) {
    const i = rng.below(lines.length + 1);
    switch (rng.below(8)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        if (lines[i] !== undefined) lines.splice(i, 0, lines[i]);
        break;
      case 2: {
        const j = rng.below(lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        break;
      }
      case 3:
        lines.splice(i, 0, expressionLine(rng));
        break;
      case 4:
        lines.splice(i, 0, rng.pick(TOKENS));
        break;
      case 5: {
        const line = lines[i] ?? '';
        const at = rng.below(line.length + 1);
        lines[i] =
          line.slice(0, at) +
          rng.pick([...TOKENS, ...OPERATORS, String.fromCharCode(rng.below(256))]) +
          line.slice(at + (rng.chance(0.5) ? 1 : 0));
        break;
      }
      case 6: {
        const line = lines[i] ?? '';
        lines[i] = line.replace(/\b(0x[0-9a-f]+|\d+)\b/i, () =>
          String(rng.chance(0.5) ? rng.interesting() : -rng.interesting()),
        );
        break;
      }
      default:
        lines = lines.slice(0, Math.max(1, i));
        break;
    }
  }
  return lines.join('\n');
}

export const asmHarness: Harness = {
  name: 'asm',
  description:
    'the assembler on mutated corpus sources and random expressions (bin and elf32): diagnostics, never an internal error',
  async run(ctx: FuzzContext): Promise<void> {
    const files = fs
      .readdirSync(CORPUS)
      .filter((f) => f.endsWith('.asm'))
      .sort();
    const sources = new Map<string, string>();
    const source = (f: string): string => {
      let s = sources.get(f);
      if (s === undefined) sources.set(f, (s = fs.readFileSync(path.join(CORPUS, f), 'utf8')));
      return s;
    };
    while (ctx.timeLeft()) {
      const name = ctx.rng.pick(files);
      const text = ctx.rng.chance(0.1)
        ? Array.from({ length: 1 + ctx.rng.below(6) }, () => expressionLine(ctx.rng)).join('\n')
        : mutateSource(ctx.rng, source(name));
      const format = ctx.rng.chance(0.3) ? 'elf32' : 'bin';
      const started = Date.now();
      const r = assemble(text, {
        fileName: name,
        format,
        readFile: (p) => (sources.has(path.basename(p)) ? source(path.basename(p)) : undefined),
      });
      const ms = Date.now() - started;
      ctx.tried();
      const internal = r.diagnostics.find((d) => /internal/i.test(d.message));
      if (internal) ctx.fail({ why: `${name} mutated (${format}): ${internal.message}`, input: text, ext: 'asm' });
      else if (ms > SLOW_MS) ctx.fail({ why: `${name} mutated (${format}): took ${ms} ms`, input: text, ext: 'asm' });
      else if (!r.ok && !r.diagnostics.some((d) => d.severity === 'error'))
        ctx.fail({ why: `${name} mutated (${format}): failed without an error diagnostic`, input: text, ext: 'asm' });
      else if (r.ok && !r.bytes)
        ctx.fail({ why: `${name} mutated (${format}): ok without bytes`, input: text, ext: 'asm' });
    }
  },
};
