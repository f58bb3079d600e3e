// What the host hands the kernel for a Linux program besides its bytes: the argument block
// (Multiboot module 1) with argv, the environment and the program's absolute path, in the
// layout loader.asm reads; and the checks a shell's exec would make, so a program that cannot
// run gets one clear line before anything boots. Pure: no Node imports.

import { LINUX_CALLS } from './abi';

export interface ProcessImage {
  /** argv exactly as given: argv[0] is the path the user typed. */
  argv: string[];
  /** NAME=VALUE strings. */
  env: string[];
  /** The program's absolute path (readlink("/proc/self/exe")). */
  exePath: string;
}

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * The argument block: LINUX_CALLS.ARGS_MAGIC, argc, envc (little-endian dwords), then the argv
 * strings, the environment strings and the absolute path, each ending in a zero byte.
 * Returns a message instead when a string holds a zero byte or the block is too big.
 */
export function encodeArgumentBlock(image: ProcessImage): Uint8Array | string {
  const strings = [...image.argv, ...image.env, image.exePath];
  const encoded = strings.map(bytesOf);
  for (let i = 0; i < strings.length; i++) {
    if (encoded[i].includes(0))
      return `'${strings[i].replace(/\0/g, '\\0')}' holds a zero byte, which a C string cannot`;
  }
  const size = encoded.reduce((n, b) => n + b.length + 1, 0);
  if (size > LINUX_CALLS.ARGS_MAX)
    return `the arguments and environment take ${size} bytes, more than the ${LINUX_CALLS.ARGS_MAX} the kernel accepts`;
  const block = new Uint8Array(12 + size);
  const view = new DataView(block.buffer);
  view.setUint32(0, LINUX_CALLS.ARGS_MAGIC, true);
  view.setUint32(4, image.argv.length, true);
  view.setUint32(8, image.env.length, true);
  let at = 12;
  for (const b of encoded) {
    block.set(b, at);
    at += b.length + 1;
  }
  return block;
}

const PT_INTERP = 3;

/**
 * Why an ELF file cannot run as a static i386 Linux program here, or undefined when it can
 * (the kernel checks again; this gives the host a line on stderr). Not an ELF file: undefined.
 */
export function elfRefusal(bytes: Uint8Array): string | undefined {
  if (bytes.length < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46)
    return undefined;
  if (bytes.length < 52) return 'truncated ELF file (shorter than its header)';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[4] === 2)
    return `a 64-bit ELF file (machine ${view.getUint16(18, true) === 62 ? 'x86-64' : view.getUint16(18, true)}); only i386 (ELFCLASS32, EM_386) programs run here`;
  if (bytes[4] !== 1 || bytes[5] !== 1) return 'not a 32-bit little-endian ELF file';
  if (view.getUint16(18, true) !== 3)
    return `not an i386 ELF file (e_machine ${view.getUint16(18, true)}, EM_386 is 3)`;
  const type = view.getUint16(16, true);
  if (type === 1)
    return 'a relocatable object (ET_REL): link it into an executable first (ld -m elf_i386, or gcc -m32 -static)';
  if (type !== 2 && type !== 3)
    return `not an executable ELF file (e_type ${type}; ET_EXEC or a static-PIE ET_DYN run here)`;
  const phoff = view.getUint32(28, true);
  const phentsize = view.getUint16(42, true);
  const phnum = view.getUint16(44, true);
  if (phentsize < 32 || phoff + phentsize * phnum > bytes.length)
    return 'truncated ELF file (its program headers lie beyond the end)';
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (view.getUint32(at, true) === PT_INTERP)
      return 'a dynamically linked program (it has PT_INTERP); only static programs run here: link with -static';
    if (view.getUint32(at, true) === 1 && view.getUint32(at + 4, true) + view.getUint32(at + 16, true) > bytes.length) {
      return 'truncated ELF file (a PT_LOAD segment lies beyond the end)';
    }
  }
  return undefined;
}
