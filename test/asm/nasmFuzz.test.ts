// Random programs against nasm: seeded generators for expressions (64-bit constants, every
// operator, floats in data), %define names under chains of unary operators (in data, %assign
// and %if) and operand forms (registers, memory with every base/index/scale
// and displacement size, immediates, segment registers, size and address prefixes) in bits
// 16 and 32. Each batch is assembled by nasm -f bin and by ours: both must reject it or
// produce the same bytes; a differing batch is narrowed to its first differing line.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index';

const NASM = '/usr/bin/nasm';
const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
const LINES_PER_BATCH = 400;

class Rng {
  constructor(private s: number) {}
  next(n: number): number {
    this.s = (Math.imul(this.s ^ (this.s >>> 15), 0x2c1b3c6d) + 0x6b43a9b5) >>> 0;
    this.s ^= this.s >>> 12;
    return (this.s >>> 0) % n;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.next(xs.length)];
  }
}

const BIN_OPS = [
  '+',
  '-',
  '*',
  '/',
  '%',
  '//',
  '%%',
  '<<',
  '>>',
  '>>>',
  '&',
  '|',
  '^',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '<=>',
  '&&',
  '||',
  '^^',
];

function constant(r: Rng): string {
  switch (r.next(6)) {
    case 0:
      return String(r.next(1000));
    case 1:
      return '0x' + r.next(0x7fffffff).toString(16);
    case 2:
      return '0x' + (BigInt(r.next(0x7fffffff)) << BigInt(r.next(40))).toString(16);
    case 3:
      return (
        '0x' +
        r.next(0xffff).toString(16).padStart(4, '0') +
        r.next(0x7fffffff).toString(16).padStart(8, '0') +
        r.next(0xffff).toString(16).padStart(4, '0')
      );
    case 4:
      return r.next(2) ? `${r.next(0xffff).toString(16)}h` : `0b${r.next(255).toString(2)}`;
    default:
      return `'${String.fromCharCode(0x61 + r.next(26), 0x61 + r.next(26))}'`;
  }
}

function expression(r: Rng, depth: number): string {
  if (depth <= 0 || r.next(3) === 0) return constant(r);
  const k = r.next(10);
  if (k === 0) return `-(${expression(r, depth - 1)})`;
  if (k === 1) return `~(${expression(r, depth - 1)})`;
  if (k === 2) return `!(${expression(r, depth - 1)})`;
  const op = r.pick(BIN_OPS);
  const right = op === '<<' || op === '>>' || op === '>>>' ? String(r.next(70)) : expression(r, depth - 1);
  return `(${expression(r, depth - 1)} ${op} ${right})`;
}

function floatLiteral(r: Rng): string {
  switch (r.next(4)) {
    case 0:
      return `${r.next(100000)}.${r.next(100000)}`;
    case 1:
      return `${r.next(10)}.${r.next(1000)}e${r.pick(['', '-', '+'])}${r.next(40)}`;
    case 2:
      return `0x${(1 + r.next(0xfff)).toString(16)}.${r.next(0xff).toString(16)}p${r.next(60) - 30}`;
    default:
      return `${r.pick(['-', ''])}${r.next(1 << 24)}.0`;
  }
}

const R32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'];
const R16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
const R8 = ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh'];
const SREG = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'];
const ALU = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp', 'mov', 'test'];
const MEM16 = ['bx', 'bp', 'si', 'di', 'bx+si', 'bx+di', 'bp+si', 'bp+di'];

function disp(r: Rng): string {
  switch (r.next(4)) {
    case 0:
      return '';
    case 1:
      return ` + ${r.next(128)}`;
    case 2:
      return ` - ${r.next(129)}`;
    default:
      return ` + 0x${r.next(0xffff).toString(16)}`;
  }
}

function memory(r: Rng, bits: number): string {
  const seg = r.next(5) === 0 ? `${r.pick(SREG)}:` : '';
  if (r.next(4) === 0) return `[${seg}0x${r.next(0xffff).toString(16)}]`;
  if ((bits === 16) !== (r.next(5) === 0)) return `[${seg}${r.pick(MEM16)}${disp(r)}]`;
  const base = r.next(4) === 0 ? '' : r.pick(R32);
  const index = r.next(2) === 0 ? '' : r.pick(R32.filter((x) => x !== 'esp'));
  const scale = index ? r.pick(['', '*1', '*2', '*4', '*8']) : '';
  const parts = [base, index + scale].filter((p) => p.length > 0);
  if (parts.length === 0) return `[${seg}0x${r.next(0x7fffffff).toString(16)}]`;
  return `[${seg}${parts.join(' + ')}${disp(r)}]`;
}

function instruction(r: Rng, bits: number): string {
  const size = r.pick([8, 16, 32]);
  const regs = size === 8 ? R8 : size === 16 ? R16 : R32;
  const sizeWord = size === 8 ? 'byte' : size === 16 ? 'word' : 'dword';
  const imm = (): string => String(r.next(2) ? r.next(256) - 128 : r.next(size === 8 ? 256 : 65536));
  switch (r.next(12)) {
    case 0:
      return `${r.pick(ALU)} ${r.pick(regs)}, ${r.pick(regs)}`;
    case 1:
      return `${r.pick(ALU)} ${r.pick(regs)}, ${memory(r, bits)}`;
    case 2:
      return `${r.pick(ALU)} ${sizeWord} ${memory(r, bits)}, ${imm()}`;
    case 3:
      return `${r.pick(ALU)} ${r.pick(regs)}, ${imm()}`;
    case 4:
      return `${r.pick(['push', 'pop'])} ${r.pick(size === 8 ? R16 : regs)}`;
    case 5:
      return `${r.pick(['push', 'pop'])} ${r.pick(SREG.filter((s) => s !== 'cs'))}`;
    case 6:
      return `mov ${r.pick(SREG)}, ${r.pick([...R16, ...R32])}`;
    case 7:
      return `mov ${r.pick(R16)}, ${r.pick(SREG)}`;
    case 8:
      return `${r.pick(['', 'o16 ', 'o32 ', 'a16 ', 'a32 ', 'rep ', 'o16 rep '])}${r.pick(['movs', 'stos', 'lods', 'cmps', 'scas', 'ins', 'outs'])}${r.pick(['b', 'w', 'd'])}`;
    case 9:
      return `${r.pick(['shl', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr'])} ${sizeWord} ${memory(r, bits)}, ${r.pick(['1', 'cl', String(r.next(32))])}`;
    case 10:
      return `${r.pick(['lea', 'mov'])} ${r.pick(size === 8 ? R16 : regs)}, ${memory(r, bits)}`;
    default:
      return `${r.pick(['inc', 'dec', 'neg', 'not', 'mul', 'imul', 'div', 'idiv'])} ${sizeWord} ${memory(r, bits)}`;
  }
}

/** `%define` names under chains of unary operators (`~-D1`, `!~D2`), joined by operators that cannot fail. */
function definedExpression(r: Rng, depth: number): string {
  const term = () => {
    let chain = '';
    for (let k = r.next(4); k > 0; k--) chain += r.pick(['~', '-', '!', '+']);
    const name = `D${r.next(6)}`;
    return chain + r.pick([name, name, `(${name})`, `F(${name})`]);
  };
  if (depth <= 0 || r.next(2) === 0) return term();
  return `${term()} ${r.pick(['+', '-', '*', '&', '|', '^', '<<', '>>'])} ${definedExpression(r, depth - 1)}`;
}

/** Lines of the define batch: (re)definitions, data, %assign and %if on unary chains. */
function defineLines(r: Rng, i: number): string[] {
  if (i === 0) return ['%define F(x) (x*3)', ...Array.from({ length: 6 }, (_, k) => `%define D${k} ${constant(r)}`)];
  switch (r.next(6)) {
    case 0:
      return [`%define D${r.next(6)} ${r.pick(['', '-', '~', '!'])}${constant(r)}`];
    case 1:
      return [`%assign A ${definedExpression(r, 2)}`, 'dq A'];
    case 2:
      return [`%if ${definedExpression(r, 2)} > 0`, 'db 1', '%else', 'db 2', '%endif'];
    default:
      return [`dq ${definedExpression(r, 3)}`];
  }
}

function batch(seed: number, kind: 'expr' | 'float' | 'operand' | 'define'): string {
  const r = new Rng(seed * 7919 + (kind === 'expr' ? 1 : kind === 'float' ? 2 : kind === 'operand' ? 3 : 4));
  const lines: string[] = [];
  for (let i = 0; i < LINES_PER_BATCH; i++) {
    if (kind === 'expr') lines.push(`dq ${expression(r, 4)}`);
    else if (kind === 'define') lines.push(...defineLines(r, i));
    else if (kind === 'float')
      lines.push(`${r.pick(['db', 'dw', 'dd', 'dq', 'dt'])} ${r.pick(['', '-'])}${floatLiteral(r)}`);
    else {
      if (i % 50 === 0) lines.push(`bits ${r.pick([16, 32])}`);
      lines.push(instruction(r, lines.filter((l) => l.startsWith('bits')).slice(-1)[0] === 'bits 16' ? 16 : 32));
    }
  }
  return lines.join('\n') + '\n';
}

function ours(source: string): Buffer | undefined {
  const r = assemble(source, { fileName: 'fuzz.asm', readFile: () => undefined });
  return r.ok && r.bytes ? Buffer.from(r.bytes) : undefined;
}

function runNasm(dir: string, source: string): { bytes: Buffer | undefined; errorLines: number[] } {
  const src = join(dir, 'fuzz.asm');
  const out = join(dir, 'fuzz.bin');
  writeFileSync(src, source);
  rmSync(out, { force: true });
  const run = spawnSync(NASM, ['-f', 'bin', '-o', out, src], { encoding: 'utf8' });
  const errorLines = [...run.stderr.matchAll(/fuzz\.asm:(\d+): error/g)].map((m) => Number(m[1]));
  return { bytes: run.status === 0 ? readFileSync(out) : undefined, errorLines };
}

function nasm(dir: string, source: string): Buffer | undefined {
  return runNasm(dir, source).bytes;
}

/**
 * Splits a batch into the lines nasm accepts (returned as one source, `bits` lines kept) and
 * the lines it rejects.
 */
function acceptedByNasm(dir: string, source: string): { accepted: string; rejected: string[] } {
  let lines = source.split('\n');
  const rejected: string[] = [];
  for (let round = 0; round < 8; round++) {
    const { errorLines } = runNasm(dir, lines.join('\n'));
    if (errorLines.length === 0) break;
    const drop = new Set(errorLines.map((n) => n - 1));
    let bits = 'bits 32';
    lines = lines.filter((l, i) => {
      if (l.startsWith('bits')) bits = l;
      if (drop.has(i) && !l.startsWith('bits')) rejected.push(`${bits}\n${l}\n`);
      return !drop.has(i) || l.startsWith('bits');
    });
  }
  return { accepted: lines.join('\n'), rejected };
}

/** The first line that differs on its own (with the `bits` line in force), or the whole batch. */
function narrow(dir: string, source: string): string {
  let bits = 'bits 32';
  for (const line of source.split('\n')) {
    if (line.startsWith('bits')) {
      bits = line;
      continue;
    }
    if (!line) continue;
    const one = `${bits}\n${line}\n`;
    const a = ours(one),
      b = nasm(dir, one);
    if ((a === undefined) !== (b === undefined) || (a && b && !a.equals(b))) {
      return `${line}: ours ${a ? a.toString('hex') : 'rejects'}, nasm ${b ? b.toString('hex') : 'rejects'}`;
    }
  }
  // Lines that depend on earlier ones (%define): the shortest differing prefix, cut outside %if blocks.
  const lines = source.split('\n');
  let depth = 0;
  for (let n = 1; n <= lines.length; n++) {
    if (lines[n - 1].startsWith('%if')) depth++;
    if (lines[n - 1].startsWith('%endif')) depth--;
    if (depth !== 0) continue;
    const prefix = lines.slice(0, n).join('\n') + '\n';
    const a = ours(prefix),
      b = nasm(dir, prefix);
    if ((a === undefined) !== (b === undefined) || (a && b && !a.equals(b)))
      return `after line ${n} (${lines[n - 1]}): ours ${a ? a.toString('hex').slice(-32) : 'rejects'}, nasm ${b ? b.toString('hex').slice(-32) : 'rejects'}`;
  }
  return 'the batch differs but no single line does';
}

describe('assembler fuzz against nasm (seeded random programs)', () => {
  if (!existsSync(NASM)) {
    it('nasm is not installed: the fuzz comparison is skipped', () => undefined);
    return;
  }
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'asm-fuzz-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const kind of ['expr', 'float', 'operand', 'define'] as const) {
    for (const seed of SEEDS) {
      it(`${kind} batch, seed ${seed}: ${LINES_PER_BATCH} lines give nasm's bytes`, () => {
        const { accepted, rejected } = acceptedByNasm(dir, batch(seed, kind));
        const expected = nasm(dir, accepted);
        assert.ok(expected, 'nasm accepts the filtered batch');
        assert.ok(
          accepted.split('\n').length > LINES_PER_BATCH / 2,
          `most lines are valid (${rejected.length} rejected)`,
        );
        const actual = ours(accepted);
        if (actual === undefined || !expected.equals(actual)) assert.fail(narrow(dir, accepted));
        // What nasm rejects, we reject too.
        for (const line of rejected)
          assert.strictEqual(ours(line), undefined, `nasm rejects, we accept: ${line.trim()}`);
      });
    }
  }
});
