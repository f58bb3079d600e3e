// A Linux i386 program written in assembly (`global _start`, system calls with int 0x80)
// for the kernel's Linux personality: assembled to an ELF object and linked into an ELF
// executable by the project's assembler (src/asm/link.ts), the image keeping the source's
// line map and symbols at the linked addresses.

import { assembleExecutable } from '../asm/executable';
import { declaresLinuxStart } from '../asm/executable';
import { formatDiagnostic, type Diagnostic } from '../asm/index';
import { usesKernelAbi } from '../kernel/build';
import { LoadedImage } from './image';

/** The source is a Linux program: it declares `_start` and does not use the kernel's own ABI. */
export function isLinuxExecutableSource(text: string): boolean {
  return declaresLinuxStart(text) && !usesKernelAbi(text);
}

export type LinuxExecutable =
  | { ok: true; bytes: Uint8Array; image: LoadedImage; warnings: string[] }
  | { ok: false; message: string; diagnostics: Diagnostic[] };

export function linuxExecutable(
  text: string,
  path: string,
  readFile: (path: string) => string | Uint8Array | undefined,
): LinuxExecutable {
  const r = assembleExecutable(text, { fileName: path, readFile });
  if (!r.ok) {
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    return {
      ok: false,
      message: `${path} does not build into an ELF executable (${errors.length} error${errors.length === 1 ? '' : 's'}); first: ${errors[0] ? formatDiagnostic(errors[0]) : r.message}`,
      diagnostics: r.diagnostics,
    };
  }
  // The image spans what the executable loads: the lowest to the highest line-mapped byte
  // range is not enough (data has no lines), so the ELF's own segments are read.
  const dv = new DataView(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength);
  let low = 0xffffffff;
  let high = 0;
  const segments: { addr: number; offset: number; filesz: number; memsz: number }[] = [];
  for (let i = 0; i < dv.getUint16(44, true); i++) {
    const p = dv.getUint32(28, true) + 32 * i;
    if (dv.getUint32(p, true) !== 1) continue;
    const seg = {
      offset: dv.getUint32(p + 4, true),
      addr: dv.getUint32(p + 8, true),
      filesz: dv.getUint32(p + 16, true),
      memsz: dv.getUint32(p + 20, true),
    };
    segments.push(seg);
    low = Math.min(low, seg.addr);
    high = Math.max(high, seg.addr + seg.memsz);
  }
  const flat = new Uint8Array(high - low);
  for (const s of segments) flat.set(r.bytes.subarray(s.offset, s.offset + s.filesz), s.addr - low);
  const image = new LoadedImage(
    'program',
    low,
    flat,
    r.entry,
    r.lines,
    r.symbols.map((s) => ({ name: s.name, address: s.address >>> 0, file: s.file, line: s.line, kind: s.kind })),
    path,
  );
  return {
    ok: true,
    bytes: r.bytes,
    image,
    warnings: r.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic),
  };
}
