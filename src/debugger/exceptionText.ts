// What the exception widget shows for a stop on an exception: a human title ("Divide error
// (#DE)"), the explanation, and where it happened once (as the widget's stack trace line).

import { disassemble } from '../debugcore/disassembly';
import { hex32, vectorDescription } from '../debugcore/faults';
import type { FaultDetails, MachineSession } from '../debugcore/session';
import type { DebugProtocol } from '@vscode/debugprotocol';

/** "Divide error (#DE)", "Invalid opcode (#UD): lock nop", "System call entry": never a filter id. */
export function exceptionTitle(f: FaultDetails): string {
  if (f.vector < 0) return f.syscall ? 'System call entry' : f.name.charAt(0).toUpperCase() + f.name.slice(1);
  const text = vectorDescription(f.vector);
  const title = `${text.charAt(0).toUpperCase()}${text.slice(1)} (${f.name})`;
  return f.lockNop ? `${title}: lock nop` : title;
}

/** What the kernel is about to answer to the lock nop the session stopped on. */
function lockNopAnswerText(s: MachineSession): string {
  const answer = s.kernel?.lockNopAnswer();
  if (!answer) return '';
  if (!answer.answered) return answer.why;
  const h = (v: number): string => `0x${hex32(v)}`;
  return `the kernel will answer: EAX = ${h(answer.eax)} (KIP), ECX = ${h(answer.ecx)} (API version), EDX = ${h(answer.edx)} (API flags), ESI = ${h(answer.esi)} (kernel id), EIP + 2`;
}

/** The exceptionInfo body: the location appears once, in details.stackTrace (the widget's last line). */
export function exceptionInfoBody(s: MachineSession, f: FaultDetails): DebugProtocol.ExceptionInfoResponse['body'] {
  const instruction = disassemble(s, f.eip, 0, 1)[0];
  const lines = [
    f.vector >= 0 ? `${f.description} (vector ${f.vector})` : f.description,
    f.errorText ? `error code: ${f.errorText}` : '',
    f.lockNop
      ? `lock nop asks the kernel how to make a system call (EAX = KIP address, ECX = API version, EDX = API flags, ESI = kernel id); ${s.unhandledReason()}`
      : '',
    f.lockNop ? lockNopAnswerText(s) : '',
  ].filter(Boolean);
  const title = exceptionTitle(f);
  return {
    exceptionId: title,
    description: lines.join('\n'),
    breakMode: 'always',
    details: {
      message: lines.join('\n'),
      typeName: title,
      stackTrace: `at ${s.describeAddress(f.eip)}: ${instruction.text}`,
    },
  };
}
