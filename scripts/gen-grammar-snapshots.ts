// Writes test/grammar/snapshots/<path>.snap for every corpus file (examples, kernel sources,
// test/grammar/corpus) from the committed grammar, and removes snapshots whose source is gone.
// Run after a deliberate grammar change or when sources are added: npm run gen-grammar-snapshots.
// Review the diff before committing: it is the visible effect of the change.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  corpusFiles,
  grammarRegistry,
  projectRoot,
  readProjectFile,
  renderSnapshot,
  snapshotFiles,
  snapshotPath,
} from './grammar-corpus';

async function main(): Promise<void> {
  const root = projectRoot();
  const registry = grammarRegistry(root);
  const sources = corpusFiles(root);
  const wanted = new Set(sources.map(snapshotPath));
  for (const source of sources) {
    const target = join(root, snapshotPath(source));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await renderSnapshot(registry, readProjectFile(root, source)));
  }
  let removed = 0;
  for (const snap of snapshotFiles(root)) {
    if (!wanted.has(snap)) {
      rmSync(join(root, snap));
      removed++;
    }
  }
  console.log(`wrote ${sources.length} snapshots, removed ${removed} stale ones`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
