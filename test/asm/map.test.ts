// [map] files against NASM: each test/asm/map/NAME.asm names its map file (or standard
// output) and the committed file next to it is what nasm -f bin wrote (NAME.stdout for a map
// on standard output). Ours must give the same text; with nasm installed the committed files
// and the images are re-checked live, and `i386-lab asm` must write the map where NASM does.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assemble } from '../../src/asm/index';
import { hasNasm } from '../cli/cliProcess';

const DIR = join(__dirname, '..', '..', '..', 'test', 'asm', 'map');
const CLI = resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const sources = readdirSync(DIR)
  .filter((f) => f.endsWith('.asm'))
  .map((f) => f.slice(0, -4));

function ours(name: string) {
  const r = assemble(readFileSync(join(DIR, `${name}.asm`), 'latin1'), {
    fileName: `${name}.asm`,
    outputFile: `${name}.bin`,
    readFile: () => undefined,
  });
  assert.ok(r.ok && r.bytes && r.map, `${name}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  const to = r.map.to;
  const file = to === 'stdout' ? `${name}.stdout` : to === 'stderr' ? `${name}.stderr` : to.path;
  return { bytes: Buffer.from(r.bytes), text: r.map.text, file };
}

describe('assembler [map] files against NASM', () => {
  it('has sources, each with its committed map', () => {
    assert.ok(sources.length >= 5);
    for (const name of sources) assert.ok(existsSync(join(DIR, ours(name).file)), `${name}: no ${ours(name).file}`);
  });

  for (const name of sources) {
    it(`${name}.asm: the map NASM wrote`, () => {
      const o = ours(name);
      assert.equal(o.text, readFileSync(join(DIR, o.file), 'latin1'));
    });
  }

  describe('live: nasm and i386-lab asm in a scratch directory', () => {
    if (!hasNasm()) {
      it('nasm is not installed: the live comparison is skipped', () => undefined);
      return;
    }
    let dir = '';
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'asm-map-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    for (const name of sources) {
      it(`${name}.asm: nasm writes the committed map and the same image; i386-lab asm writes it too`, () => {
        const o = ours(name);
        copyFileSync(join(DIR, `${name}.asm`), join(dir, `${name}.asm`));
        const run = spawnSync('nasm', ['-f', 'bin', '-o', `${name}.bin`, `${name}.asm`], {
          cwd: dir,
          encoding: 'latin1',
        });
        assert.equal(run.status, 0, run.stderr);
        const fromNasm = o.file.endsWith('.stdout') ? run.stdout : readFileSync(join(dir, o.file), 'latin1');
        assert.equal(fromNasm, readFileSync(join(DIR, o.file), 'latin1'));
        assert.ok(readFileSync(join(dir, `${name}.bin`)).equals(o.bytes), `${name}: images differ`);
        rmSync(join(dir, o.file), { force: true });
        const cli = spawnSync(process.execPath, [CLI, 'asm', `${name}.asm`, '-o', `${name}.bin`], {
          cwd: dir,
          encoding: 'latin1',
        });
        assert.equal(cli.status, 0, cli.stderr);
        const fromCli = o.file.endsWith('.stdout') ? cli.stdout : readFileSync(join(dir, o.file), 'latin1');
        assert.equal(fromCli, fromNasm);
      });
    }
  });

  it('is rejected in ELF output as NASM rejects it', () => {
    const r = assemble('[map all x.map]\nnop\n', { fileName: 'x.asm', format: 'elf32', readFile: () => undefined });
    assert.equal(r.ok, false);
    assert.match(r.diagnostics[0].message, /unrecognized directive \[map\]/);
  });
});
