// Generates test/asm/corpus/gen-*.asm from THE instruction table: one source per encodable
// row, every operand kind with registers, several addressing forms (16- and 32-bit), sizes
// and immediates, in `bits 16` and `bits 32`. NASM is the judge of what is valid: lines
// NASM rejects are moved to test/asm/rejects/NAME.asm (sources we must reject too).
//
// Run: npx tsc -p tsconfig.json && node out/scripts/gen-asm-corpus.js   (needs /usr/bin/nasm)

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INSTRUCTIONS } from '../src/isa/instructions';
import type { InstructionForm, OperandKind } from '../src/isa/isa';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'test', 'asm', 'corpus');
const REJECTS = join(ROOT, 'test', 'asm', 'rejects');

const MEM32 = [
  '[ebx]',
  '[esi+0x10]',
  '[ebp-4]',
  '[esp+8]',
  '[eax+ecx*4+0x12345]',
  '[0x1000]',
  '[edi*8+0x20]',
  '[es:ebx+2]',
  '[ebp+esi*2]',
  '[ecx+edx-0x81]',
];
const MEM16 = ['[bx+si]', '[bp+6]', '[di-0x200]', '[0x0400]', '[ss:bx+di+1]', '[si]'];

const SIZE_WORD: Record<number, string> = { 8: 'byte', 16: 'word', 32: 'dword', 64: 'qword' };

function regsOf(size: number): string[] {
  if (size === 8) return ['al', 'cl', 'bh', 'dl'];
  if (size === 16) return ['ax', 'cx', 'si', 'bp'];
  return ['eax', 'ecx', 'edi', 'esp'];
}

/** Sample operands for one kind at operand size `v`. */
function samples(kind: OperandKind, v: number, mems: string[]): string[] {
  const memSized = (size: number) => mems.map((m) => `${SIZE_WORD[size]} ${m}`);
  switch (kind) {
    case 'Eb':
      return [...regsOf(8), ...memSized(8)];
    case 'Ew':
      return [...regsOf(16), ...memSized(16), ...mems.slice(0, 2), 'ebx', 'edx'];
    case 'Ed':
      return [...regsOf(32), ...memSized(32)];
    case 'Ev':
      return [...regsOf(v), ...memSized(v), ...mems.slice(0, 1)];
    case 'Gb':
      return regsOf(8);
    case 'Gw':
      return regsOf(16);
    case 'Gd':
      return regsOf(32);
    case 'Gv':
      return regsOf(v);
    case 'Rd':
      return ['eax', 'ebx', 'edi'];
    case 'M':
      return mems;
    case 'Mw':
      return [...mems, ...memSized(16)];
    case 'Md':
      return [...mems, ...memSized(32)];
    case 'Mq':
      return [...mems, ...memSized(64)];
    case 'Mp':
      return [...mems, ...mems.map((m) => `far ${m}`), ...mems.map((m) => `far ${SIZE_WORD[v]} ${m}`)];
    case 'Ma':
    case 'Ms':
      return mems;
    case 'Ib':
      return ['0x12', '0', '255', '-1', 'byte 7', "'a'"];
    case 'Iw':
      return ['0x1234', '0', '65535', '-2', 'word 9'];
    case 'Iv':
      return v === 16
        ? ['0x1234', '-300', '0x7f', `word 0x1234`, 'label_a']
        : ['0x12345678', '-300', '0x7f', 'dword 5', 'strict dword 5', 'label_a'];
    case 'IbS':
      return [
        '5',
        '-3',
        '0x7f',
        '-128',
        'byte 1',
        `${SIZE_WORD[v]} 2`,
        v === 16 ? '0xff80' : '0xffffff80',
        'equ_small',
      ];
    case 'Jb':
      return ['label_back', 'label_fwd', 'short label_back', '$', '$+2'];
    case 'Jv':
      return ['label_back', 'label_far', 'near label_back', 'near label_fwd', `${SIZE_WORD[v]} label_far`];
    case 'Ap':
      return ['0x08:0x1234', '0x10:label_a', `${SIZE_WORD[v]} 0x18:0x5678`];
    case 'Ob':
      return [mems.find((m) => /^\[0x/.test(m))!, `byte ${mems.find((m) => /^\[0x/.test(m))}`, '[fs:0x20]'];
    case 'Ov':
      return [mems.find((m) => /^\[0x/.test(m))!, `${SIZE_WORD[v]} [0x40]`, '[cs:0x22]'];
    case 'Sw':
      return ['es', 'ss', 'ds', 'fs', 'gs'];
    case 'Cd':
      return ['cr0', 'cr2', 'cr3', 'cr4'];
    case 'Dd':
      return ['dr0', 'dr3', 'dr6', 'dr7'];
    case 'Td':
      return ['tr6', 'tr7'];
    case 'Zb':
      return ['al', 'cl', 'dh', 'bh'];
    case 'Zv':
      return regsOf(v).concat(v === 16 ? ['di'] : ['ebx']);
    case 'AL':
    case 'CL':
    case 'DX':
    case 'AX':
      return [kind.toLowerCase()];
    case 'eAX':
      return [v === 16 ? 'ax' : 'eax'];
    case 'ONE':
      return ['1'];
    case 'ES':
    case 'CS':
    case 'SS':
    case 'DS':
    case 'FS':
    case 'GS':
      return [kind.toLowerCase()];
    default:
      return [];
  }
}

function usesV(row: InstructionForm): boolean {
  return row.operands.some((k) =>
    ['Ev', 'Gv', 'Iv', 'IbS', 'Jv', 'Ap', 'Ov', 'Zv', 'eAX', 'Mp', 'Xv', 'Yv'].includes(k),
  );
}

/** Up to `limit` operand combinations, rotating through every sample of every position. */
function combos(lists: string[][], limit: number): string[][] {
  if (lists.length === 0) return [[]];
  const longest = Math.max(...lists.map((l) => l.length));
  const out: string[][] = [];
  const seen = new Set<string>();
  for (let i = 0; i < Math.max(longest, limit) && out.length < limit; i++) {
    const pick = lists.map((l, j) => l[(i + j * 3) % l.length]);
    const key = pick.join(',');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(pick);
    }
  }
  return out;
}

function fileName(row: InstructionForm, index: number): string {
  const op = row.opcode.map((b) => b.toString(16).padStart(2, '0')).join('');
  const ext = row.ext !== undefined ? `-${row.ext}` : '';
  const os = row.osize ? `-o${row.osize}` : '';
  return `gen-${row.mnemonic}-${op}${ext}${os}-${index}`;
}

function rowSource(row: InstructionForm): string[] {
  const lines: string[] = [];
  const mnemonics = [row.mnemonic, ...(row.aliases ?? [])];
  for (const bits of [16, 32]) {
    lines.push(`bits ${bits}`);
    const sizes = usesV(row) ? [16, 32] : [row.osize ?? bits];
    for (const v of sizes) {
      const mems =
        v === 16 && bits === 16
          ? MEM16
          : bits === 16
            ? [...MEM16.slice(0, 3), ...MEM32.slice(0, 3)]
            : [...MEM32, ...MEM16.slice(0, 2)];
      const kinds = row.implicit ? [] : row.operands;
      const lists = kinds.map((k) => samples(k, v, mems));
      for (const combo of combos(lists, 14)) {
        for (const m of mnemonics) {
          lines.push(`${m}${combo.length ? ' ' + combo.join(', ') : ''}`);
          if (mnemonics.length > 2) break;
        }
      }
      if (row.lock && !row.implicit) {
        const memIndex = kinds.findIndex((k) => k.startsWith('E') || k.startsWith('M'));
        if (memIndex >= 0) {
          const combo = lists.map((l, j) => (j === memIndex ? (l.find((s) => s.includes('[')) ?? l[0]) : l[0]));
          lines.push(`lock ${row.mnemonic} ${combo.join(', ')}`);
        }
      }
      if (row.rep)
        lines.push(
          `${row.rep === 'rep' ? 'rep' : 'repne'} ${row.mnemonic}`,
          `a16 ${row.mnemonic}`,
          `a32 ${row.mnemonic}`,
          `es ${row.mnemonic}`,
        );
    }
  }
  return lines;
}

function wrap(lines: string[]): string {
  return [
    '; generated by scripts/gen-asm-corpus.ts from src/isa/instructions.ts',
    'equ_small equ 3',
    'label_back:',
    ...lines,
    'label_fwd:',
    'times 300 nop',
    'label_far:',
    'label_a: dd 0',
    '',
  ].join('\n');
}

/**
 * Lines (1-based) NASM reports errors on. Its output goes to a scratch folder, never /dev/null:
 * nasm deletes its output file when the source has errors, and as root that removes /dev/null.
 */
function nasmErrors(path: string): Set<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'gen-asm-corpus-'));
  try {
    execFileSync('nasm', ['-f', 'bin', '-o', join(scratch, 'out.bin'), path], { stdio: 'pipe' });
    return new Set();
  } catch (e) {
    const text = String((e as { stderr?: Buffer }).stderr ?? '');
    const lines = new Set<number>();
    for (const m of text.matchAll(/:(\d+): error:/g)) lines.add(parseInt(m[1], 10));
    return lines;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function main(): void {
  mkdirSync(CORPUS, { recursive: true });
  mkdirSync(REJECTS, { recursive: true });
  for (const f of readdirSync(CORPUS)) if (f.startsWith('gen-')) rmSync(join(CORPUS, f));
  for (const f of readdirSync(REJECTS)) if (f.startsWith('gen-')) rmSync(join(REJECTS, f));
  const counts = new Map<string, number>();
  let rejected = 0;
  for (const row of INSTRUCTIONS) {
    if (row.decodeOnly) continue;
    const base = fileName(row, 0).replace(/-0$/, '');
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    const name = n === 0 ? base : `${base}-${n}`;
    let lines = rowSource(row);
    const path = join(CORPUS, name + '.asm');
    const bad: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      writeFileSync(path, wrap(lines));
      const errors = nasmErrors(path);
      if (errors.size === 0) break;
      // wrap() puts three lines before the generated ones.
      let bits = 'bits 16';
      lines = lines.filter((l, i) => {
        if (/^bits /.test(l)) bits = l;
        if (errors.has(i + 4) && !/^bits /.test(l)) {
          bad.push(bits, l);
          return false;
        }
        return true;
      });
    }
    if (bad.length > 0) {
      const rejectPath = join(REJECTS, name + '.asm');
      writeFileSync(rejectPath, wrap(bad));
      const errors = nasmErrors(rejectPath);
      const kept = bad.filter((l, i) => /^bits /.test(l) || errors.has(i + 4));
      writeFileSync(rejectPath, wrap(kept));
      rejected += kept.filter((l) => !/^bits /.test(l)).length;
    }
  }
  const written = readdirSync(CORPUS).filter((f) => f.startsWith('gen-') && f.endsWith('.asm')).length;
  process.stdout.write(`${written} generated sources, ${rejected} lines NASM rejects kept in test/asm/rejects\n`);
}

main();
