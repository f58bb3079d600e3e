// The memory requests (readMemory, writeMemory, disassemble): arguments checked, answered from
// the stopped session.

import * as path from 'path';
import { Source } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { disassemble } from '../debugcore/disassembly';
import { hex32 } from '../debugcore/faults';
import type { MachineSession } from '../debugcore/session';
import { parseAddress, RequestError } from './requestError';
import { hexValue } from './variables';

export function readMemory(
  s: MachineSession,
  args: DebugProtocol.ReadMemoryArguments,
): DebugProtocol.ReadMemoryResponse['body'] {
  const base = parseAddress(args?.memoryReference, 'memoryReference');
  if (typeof args.count !== 'number' || !Number.isInteger(args.count) || args.count < 0 || args.count > 1 << 24)
    throw new RequestError('readMemory count must be a whole number of bytes between 0 and 16 MiB');
  if (args.offset !== undefined && typeof args.offset !== 'number')
    throw new RequestError('readMemory offset must be a number');
  const address = (base + (args.offset ?? 0)) >>> 0;
  const data = s.guest.read(address, args.count);
  return {
    address: hexValue(address),
    data: Buffer.from(data).toString('base64'),
    unreadableBytes: args.count - data.length,
  };
}

/** Writes the bytes (an edit: the recorded future is dropped); the address and count written. */
export function writeMemory(
  s: MachineSession,
  args: DebugProtocol.WriteMemoryArguments,
): { address: number; written: number } {
  const base = parseAddress(args?.memoryReference, 'memoryReference');
  if (typeof args.data !== 'string') throw new RequestError('writeMemory needs base64 data');
  if (args.offset !== undefined && typeof args.offset !== 'number')
    throw new RequestError('writeMemory offset must be a number');
  const address = (base + (args.offset ?? 0)) >>> 0;
  const bytes = Buffer.from(args.data, 'base64');
  const written = s.guest.write(address, bytes);
  if (written < bytes.length && !args.allowPartial)
    throw new RequestError(`only ${written} of ${bytes.length} bytes are mapped at 0x${hex32(address)}`);
  s.edited();
  return { address, written };
}

export function disassembleBody(
  s: MachineSession,
  args: DebugProtocol.DisassembleArguments,
): DebugProtocol.DisassembleResponse['body'] {
  const base = parseAddress(args?.memoryReference, 'memoryReference');
  if (typeof args.instructionCount !== 'number' || args.instructionCount < 0 || args.instructionCount > 10000)
    throw new RequestError('disassemble instructionCount must be between 0 and 10000');
  if (
    args.instructionOffset !== undefined &&
    (typeof args.instructionOffset !== 'number' || Math.abs(args.instructionOffset) > 10000)
  )
    throw new RequestError('disassemble instructionOffset must be a number between -10000 and 10000');
  if (args.offset !== undefined && typeof args.offset !== 'number')
    throw new RequestError('disassemble offset must be a number');
  const list = disassemble(s, (base + (args.offset ?? 0)) >>> 0, args.instructionOffset ?? 0, args.instructionCount);
  let lastFile: string | undefined;
  return {
    instructions: list.map((ins) => {
      const out: DebugProtocol.DisassembledInstruction = {
        address: hexValue(ins.address),
        instructionBytes: ins.readable
          ? [...ins.bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')
          : undefined,
        instruction: ins.text,
        symbol: ins.symbol,
        presentationHint: ins.readable ? 'normal' : 'invalid',
      };
      if (ins.line) {
        out.line = ins.line.line;
        if (ins.line.file !== lastFile) out.location = new Source(path.basename(ins.line.file), ins.line.file);
        lastFile = ins.line.file;
      }
      return out;
    }),
  };
}
