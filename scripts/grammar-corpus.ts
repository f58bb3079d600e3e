// The grammar's snapshot corpus: the hand-written samples under test/grammar/corpus, every
// example program and every kernel source. Each file's tokens are rendered in
// vscode-tmgrammar-test's snapshot format to test/grammar/snapshots/<path>.snap, so a grammar
// change shows up as a readable diff. Shared by the test and `npm run gen-grammar-snapshots`.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createRegistry } from 'vscode-tmgrammar-test/dist/common/index';
import { getVSCodeTokens, renderSnap } from 'vscode-tmgrammar-test/dist/snapshot/index';
import { GRAMMAR_FILE, SCOPE_NAME } from './gen-grammar';

export type Registry = ReturnType<typeof createRegistry>;

/** The directory holding package.json, found upwards from this file (src or out/). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export const SNAPSHOT_DIR = 'test/grammar/snapshots';

/** Roots of the corpus and whether to descend into subfolders. */
const CORPUS_ROOTS: readonly { dir: string; recursive: boolean }[] = [
  { dir: 'test/grammar/corpus', recursive: false },
  { dir: 'examples', recursive: false },
  { dir: 'src/kernel', recursive: true },
];

const ASSEMBLY_FILE = /\.(asm|inc|nasm)$/i;

/** Corpus files as project-relative paths with forward slashes, sorted. */
export function corpusFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, recursive: boolean): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (recursive) walk(path, true);
      } else if (ASSEMBLY_FILE.test(entry)) {
        files.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  for (const r of CORPUS_ROOTS) walk(join(root, r.dir), r.recursive);
  return files.sort();
}

export function snapshotPath(relativeSource: string): string {
  return `${SNAPSHOT_DIR}/${relativeSource}.snap`;
}

/** Every committed snapshot, as project-relative paths. */
export function snapshotFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.snap')) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(join(root, SNAPSHOT_DIR));
  return found.sort();
}

export function grammarRegistry(root: string): Registry {
  return createRegistry([{ path: join(root, GRAMMAR_FILE), scopeName: SCOPE_NAME }]);
}

export async function renderSnapshot(registry: Registry, source: string): Promise<string> {
  return renderSnap(await getVSCodeTokens(registry, SCOPE_NAME, source)) + '\n';
}

export function readProjectFile(root: string, relativePath: string): string {
  return readFileSync(join(root, relativePath), 'utf8');
}
