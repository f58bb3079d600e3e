// The layers of docs/ARCHITECTURE.md, checked over the import statements of src/: the isa
// layer imports nothing above it; the emulator imports only itself and isa, and no Node API;
// the layers above reach the emulator only through its public module (src/emulator/index.ts);
// only src/extension imports `vscode`.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SRC = path.join(ROOT, 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier a file imports or re-exports (static imports, `export ... from`, require). */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g)) found.push(m[1]);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+'([^']+)'/g)) found.push(m[1]);
  for (const m of text.matchAll(/\brequire\(\s*'([^']+)'\s*\)/g)) found.push(m[1]);
  return found;
}

/** The src/ top-level directory a relative specifier lands in, with the rest of its path. */
function target(file: string, spec: string): { layer: string; rest: string } | undefined {
  if (!spec.startsWith('.')) return undefined;
  const rel = path.relative(SRC, path.resolve(path.dirname(file), spec)).split(path.sep);
  return { layer: rel[0], rest: rel.slice(1).join('/') };
}

const layerOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0];

describe('layers (docs/ARCHITECTURE.md)', () => {
  const files = sources(SRC);

  it('finds the sources', () => assert.ok(files.length > 100, `${files.length} files under src/`));

  it('isa imports only isa; the emulator only itself and isa, and no Node API', () => {
    const wrong: string[] = [];
    for (const f of files) {
      const layer = layerOf(f);
      if (layer !== 'isa' && layer !== 'emulator') continue;
      for (const spec of specifiers(f)) {
        const t = target(f, spec);
        const allowed = layer === 'isa' ? ['isa'] : ['isa', 'emulator'];
        if (t === undefined) wrong.push(`${path.relative(ROOT, f)}: '${spec}' (a package or Node API)`);
        else if (!allowed.includes(t.layer)) wrong.push(`${path.relative(ROOT, f)}: '${spec}' (layer ${t.layer})`);
      }
    }
    assert.deepStrictEqual(wrong, []);
  });

  it('the layers above use the emulator only through src/emulator/index.ts', () => {
    const wrong: string[] = [];
    for (const f of files) {
      if (['isa', 'emulator'].includes(layerOf(f))) continue;
      for (const spec of specifiers(f)) {
        const t = target(f, spec);
        if (t?.layer === 'emulator' && t.rest !== '' && t.rest !== 'index')
          wrong.push(`${path.relative(ROOT, f)}: '${spec}'`);
      }
    }
    assert.deepStrictEqual(wrong, []);
  });

  it('each layer imports only the layers below it (cli and extension are the top)', () => {
    // Lowest first; a layer may import itself and any layer before it in this list.
    const order = ['isa', 'emulator', 'asm', 'kernel', 'debugcore', 'debugger'];
    const top = ['cli', 'extension'];
    const wrong: string[] = [];
    for (const f of files) {
      const from = layerOf(f);
      for (const spec of specifiers(f)) {
        const to = target(f, spec)?.layer;
        if (to === undefined || to === from || !order.concat(top).includes(to)) continue;
        const upward = top.includes(to) || (order.includes(from) && order.indexOf(to) > order.indexOf(from));
        if (upward) wrong.push(`${path.relative(ROOT, f)} (${from}) imports ${to}: '${spec}'`);
      }
    }
    assert.deepStrictEqual(wrong, []);
  });

  it('no source file is over 800 lines (docs/CONVENTIONS.md)', () => {
    const all = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? all(p) : [p];
      });
    const long = all(SRC)
      .map((f) => ({ f: path.relative(ROOT, f), lines: fs.readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((x) => x.lines > 800)
      .map((x) => `${x.f}: ${x.lines} lines`);
    assert.deepStrictEqual(long, []);
  });

  it('only src/extension imports vscode', () => {
    const wrong = files.filter((f) => layerOf(f) !== 'extension' && specifiers(f).includes('vscode'));
    assert.deepStrictEqual(
      wrong.map((f) => path.relative(ROOT, f)),
      [],
    );
  });
});
