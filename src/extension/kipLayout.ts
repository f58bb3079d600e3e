// "i386: Show kernel interface (KIP)" without a running kernel: the layout of the Kernel
// Interface Page and the `lock nop` register contract, rendered from src/kernel/abi.ts (the
// file the kernel itself is built from), so the page never disagrees with the kernel.

import { API, KIP, MECHANISM_NAMES } from '../kernel/abi';

export function kipLayoutMarkdown(): string {
  const fields = Object.entries(KIP)
    .filter(([name]) => name !== 'MAGIC_VALUE')
    .sort((a, b) => a[1] - b[1]);
  const hex = (n: number, w: number): string => `0x${n.toString(16).toUpperCase().padStart(w, '0')}`;
  const lines = [
    '# Kernel Interface Page (KIP)',
    '',
    'A program asks for it with `lock nop` (bytes F0 90): the CPU raises #UD, the kernel sees F0 90 at the faulting EIP, answers in registers and resumes after the two bytes.',
    '',
    '| register | after `lock nop` |',
    '|---|---|',
    '| EAX | linear address of the KIP (preset EAX to 0: on `i386-early` LOCK NOP runs as NOP and EAX stays 0) |',
    `| ECX | API version (${hex(API.VERSION, 8)}) |`,
    `| EDX | API flags (${hex(API.FLAGS, 8)}) |`,
    `| ESI | kernel id (${hex(API.KERNEL_ID, 8)}) |`,
    '',
    `Magic: ${hex(KIP.MAGIC_VALUE, 8)}. Mechanism ids: ${MECHANISM_NAMES.map((m, i) => `${i} ${m}`).join(', ')}.`,
    '',
    '| offset | field |',
    '|---|---|',
    ...fields.map(([name, offset]) => `| ${hex(offset, 2)} | ${name} |`),
    '',
    'While an i386 debug session is stopped, this command shows the live KIP instead (`info kip` in the Debug Console).',
  ];
  return lines.join('\n') + '\n';
}
