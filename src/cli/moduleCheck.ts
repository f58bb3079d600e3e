// Whether the guest kernel will accept a file as its program module, checked on the host
// before booting so that `run` can say why instead of the kernel's bare "no usable program
// module". The ELF structure is the debugger's check (debugcore/program.ts, the same the
// debug adapter reports); the address limits are those of the kernel's loader
// (src/kernel/loader.asm load_program), from the ABI's addresses.
import { ADDRESS } from '../kernel/abi';
import { elfLoadProblem, isElf } from '../debugcore/program';

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** A reason the kernel would refuse `bytes`, with a hint, or undefined when it loads them. */
export function moduleProblem(file: string, bytes: Uint8Array): { message: string; hint?: string } | undefined {
  if (bytes.length === 0) return { message: `${file} is empty` };
  // The loader takes anything shorter than an ELF header as a flat binary.
  if (!isElf(bytes) || bytes.length < 52) {
    if (isElf(bytes))
      return {
        message: `${file}: not a loadable ELF32 i386 executable: file shorter than the ELF header`,
        hint: 'a truncated file?',
      };
    const room = ADDRESS.MAP_BASE - ADDRESS.FLAT_LOAD;
    if (bytes.length > room)
      return {
        message: `${file} is ${bytes.length} bytes; a flat program has at most ${room} (${hex(ADDRESS.FLAT_LOAD)}..${hex(ADDRESS.MAP_BASE)})`,
      };
    return undefined;
  }
  const refused = elfLoadProblem(file, bytes);
  if (refused) return { message: refused, hint: elfHint(bytes) };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const phoff = dv.getUint32(28, true);
  const phentsize = dv.getUint16(42, true);
  for (let i = 0; i < dv.getUint16(44, true); i++) {
    const o = phoff + i * phentsize;
    if (dv.getUint32(o, true) !== 1) continue; // PT_LOAD
    const vaddr = dv.getUint32(o + 8, true);
    const filesz = dv.getUint32(o + 16, true);
    const memsz = dv.getUint32(o + 20, true);
    if (filesz > memsz) return { message: `${file}: segment ${i} has p_filesz ${hex(filesz)} > p_memsz ${hex(memsz)}` };
    if (vaddr < ADDRESS.USER_START || vaddr + memsz > ADDRESS.MAP_BASE) {
      return {
        message: `${file}: segment ${i} at ${hex(vaddr)}..${hex(vaddr + memsz)} is outside the kernel's program range ${hex(ADDRESS.USER_START)}..${hex(ADDRESS.MAP_BASE)}`,
        hint: `link with ld -m elf_i386 -Ttext-segment=${hex(ADDRESS.USER_START)} or higher`,
      };
    }
  }
  return undefined;
}

function elfHint(bytes: Uint8Array): string | undefined {
  if (bytes[4] === 2)
    return 'a 64-bit program: build it for i386 with gcc -m32 -static, or nasm -f elf32 and ld -m elf_i386';
  const type = bytes.length >= 18 ? bytes[16] | (bytes[17] << 8) : 0;
  if (type === 1) return 'a relocatable object: link it first with ld -m elf_i386 FILE.o -o FILE';
  if (type === 3) return 'a shared object or PIE: link a static executable (gcc -m32 -static -no-pie)';
  return undefined;
}
