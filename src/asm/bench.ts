// Fixed, deterministic benchmark source for `i386-lab bench --suite asm` (its speed):
// a mix of ALU, memory, branch, data and macro-free lines in a 32-bit flat program.

const BODY = [
  'mov eax, [ebx+ecx*4+0x10]',
  'add eax, 5',
  'sub edx, 0x12345',
  'cmp eax, edx',
  'jnz .skip',
  'lea esi, [esi+edi*2-8]',
  'push dword [ebp+8]',
  'pop ecx',
  '.skip: xor eax, eax',
  'mov byte [edi], al',
  'shl ecx, 3',
  'inc dword [counter]',
  'call helper',
  'dd 0x11223344, $',
  'test al, 1',
  'jmp .next',
  '.next: movzx eax, word [esi]',
];

export function generateBenchSource(lines: number): string {
  const out: string[] = ['bits 32', 'org 0x100000', 'start:'];
  let block = 0;
  while (out.length + BODY.length + 1 <= lines - 2) {
    out.push(`block${block}:`);
    for (const l of BODY) out.push('    ' + l);
    block++;
  }
  while (out.length < lines - 2) out.push('    nop');
  out.push('helper: ret', 'counter: dd 0');
  return out.join('\n') + '\n';
}
