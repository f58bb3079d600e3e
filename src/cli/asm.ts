// `i386-lab asm FILE.asm [-o OUT] [--listing] [-f bin|elf32] [-I DIR] [-D NAME=VALUE]`
import { readFileSync, writeFileSync } from 'node:fs';
import { assemble, formatDiagnostic } from '../asm/index';

const USAGE = 'usage: i386-lab asm FILE.asm [-o OUT] [--listing] [-f bin|elf32] [-I DIR] [-D NAME[=VALUE]]\n';

export function asmCommand(args: string[]): number {
  let input: string | undefined;
  let output: string | undefined;
  let listing = false;
  let format: 'bin' | 'elf32' = 'bin';
  const includePaths: string[] = [];
  const defines: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o') output = args[++i];
    else if (a === '--listing' || a === '-l') listing = true;
    else if (a === '-f') {
      const f = args[++i];
      if (f !== 'bin' && f !== 'elf32') {
        process.stderr.write(`i386-lab asm: unknown output format '${f}' (bin or elf32)\n`);
        return 2;
      }
      format = f;
    } else if (a === '-I') includePaths.push(args[++i]);
    else if (a === '-D') {
      const [name, value] = (args[++i] ?? '').split('=');
      defines[name] = value ?? '';
    } else if (a.startsWith('-')) {
      process.stderr.write(`i386-lab asm: unknown option '${a}'\n${USAGE}`);
      return 2;
    } else input = a;
  }
  if (!input) {
    process.stderr.write(USAGE);
    return 2;
  }
  let source: string;
  try {
    source = readFileSync(input).toString('latin1');
  } catch {
    process.stderr.write(`i386-lab asm: cannot read '${input}'\n`);
    return 1;
  }
  const readFile = (path: string): Uint8Array | undefined => {
    try {
      return readFileSync(path);
    } catch {
      return undefined;
    }
  };
  const result = assemble(source, { fileName: input, readFile, format, includePaths, defines, listing });
  for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
  if (!result.ok || !result.bytes) return 1;
  const out = output ?? input.replace(/\.(asm|nasm|s)$/i, '') + (format === 'elf32' ? '.o' : '.bin');
  writeFileSync(out, result.bytes);
  if (listing && result.listing !== undefined) writeFileSync(out.replace(/\.[^./]*$/, '') + '.lst', result.listing);
  return 0;
}
