// Bundles the entry points with esbuild: the extension (loaded by VS Code), the standalone
// debug adapter, and the command line. An entry whose source does not exist yet is skipped.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['src/debugger/debugAdapter.ts'], outfile: 'dist/debugAdapter.js' },
  // The dap bench's test client is a development dependency, loaded at run time when present.
  {
    entryPoints: ['src/cli/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    external: ['@vscode/debugadapter-testsupport'],
  },
];

await Promise.all(entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })));
