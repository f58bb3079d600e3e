// Bundles the entry points with esbuild: the extension (loaded by VS Code), the standalone
// debug adapter, and the command line. An entry whose source does not exist yet is skipped.
// Then assembles the guest kernel once into dist/kernel-image.json (keyed by its sources), so
// that the command line starts without assembling it.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

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
  // The command line: dist/cli.js starts the bundle dist/cli-main.js with V8's code cache
  // (src/cli/launch.ts). The dap bench's test client is a development dependency, loaded at
  // run time when present.
  { entryPoints: ['src/cli/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    entryPoints: ['src/cli/cli.ts'],
    outfile: 'dist/cli-main.js',
    external: ['@vscode/debugadapter-testsupport'],
  },
];

await Promise.all(entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })));

// The kernel image: src/cli/kernelPrebuild.ts bundled to a temporary file and run.
const prebuild = 'dist/kernel-prebuild.cjs';
await build({
  ...common,
  sourcemap: false,
  minify: false,
  entryPoints: ['src/cli/kernelPrebuild.ts'],
  outfile: prebuild,
});
try {
  const problem = createRequire(import.meta.url)(path.resolve(prebuild)).writePrebuiltImage(path.resolve('dist'));
  if (problem) console.warn(`build: no prebuilt kernel image (${problem}); i386-lab run assembles it at start`);
} finally {
  rmSync(prebuild, { force: true });
}
