// Data breakpoints as VS Code sets them: dataBreakpointInfo for an address typed in the
// Breakpoints view (asAddress + bytes, DAP 1.66), a watch or console expression (`[esp+4]`,
// `word [counter]`, `buffer, 16`), and a variable whose storage is memory (a register saved
// in a trap frame, a TSS field); setDataBreakpoints then arms the CPU's watchpoints with
// the dataId this module made. Registers live in the CPU, not in memory: they cannot be
// watched, and the answer says what to watch instead.

import type { DebugProtocol } from '@vscode/debugprotocol';
import { evaluateExpression } from '../debugcore/expression';
import { hex32 } from '../debugcore/faults';
import type { MachineSession, WatchAccess } from '../debugcore/session';

/** The largest data breakpoint: one page. */
export const MAX_WATCH_BYTES = 4096;
const SIZE_NAMES: Record<number, string> = { 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword' };
const ACCESS_TYPES: DebugProtocol.DataBreakpointAccessType[] = ['read', 'write', 'readWrite'];

export function sizeName(size: number): string {
  return SIZE_NAMES[size] ?? `${size} bytes`;
}

export interface WatchTarget {
  address: number;
  size: number;
}

function checkSize(size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > MAX_WATCH_BYTES)
    throw new Error(`a data breakpoint covers 1 to ${MAX_WATCH_BYTES} bytes, not ${size}`);
  return size;
}

/**
 * What an expression watches: `[expr]` and a bare expression watch the dword there;
 * `byte|word|dword|qword [expr]` set the size; `expr, N` watches N bytes (up to a page).
 */
export function parseWatchTarget(name: string, s: MachineSession): WatchTarget {
  const counted = /^(.*),\s*(\d+)\s*$/.exec(name);
  if (counted) return { address: parseWatchTarget(counted[1], s).address, size: checkSize(Number(counted[2])) };
  const sized = /^\s*(byte|word|dword|qword)\s*\[(.*)\]\s*$/i.exec(name);
  if (sized)
    return {
      address: evaluateExpression(sized[2], s.scope),
      size: ({ byte: 1, word: 2, dword: 4, qword: 8 } as const)[sized[1].toLowerCase() as 'byte'],
    };
  const bracket = /^\s*\[(.*)\]\s*$/.exec(name);
  return { address: evaluateExpression(bracket ? bracket[1] : name, s.scope), size: 4 };
}

/** The answer for a range the session can watch, or why not. */
function describe(
  s: MachineSession,
  target: WatchTarget,
  what: string,
): DebugProtocol.DataBreakpointInfoResponse['body'] {
  const { address, size } = target;
  if (s.guest.physical(address) === undefined)
    return { dataId: null, description: `${what}: 0x${hex32(address)} is not mapped` };
  return {
    dataId: `0x${hex32(address)}:${size}`,
    description: `${sizeName(size)} [0x${hex32(address)}]${what.startsWith('0x') ? '' : ` (${what})`}`,
    accessTypes: ACCESS_TYPES,
    canPersist: false,
  };
}

/**
 * The dataBreakpointInfo answer. `storageOf` finds where a variable of the Variables view is
 * kept in memory (undefined for registers).
 */
export function dataBreakpointInfo(
  s: MachineSession,
  args: DebugProtocol.DataBreakpointInfoArguments,
  storageOf: (variablesReference: number, name: string) => WatchTarget | undefined,
): DebugProtocol.DataBreakpointInfoResponse['body'] {
  const name = args.name.trim();
  try {
    if (args.asAddress) {
      // "Add Data Breakpoint at Address": the name is an address (or an expression for one).
      const address = evaluateExpression(name, s.scope);
      return describe(s, { address, size: checkSize(args.bytes ?? 4) }, `0x${hex32(address)}`);
    }
    if (args.variablesReference !== undefined && args.variablesReference !== 0) {
      const storage = storageOf(args.variablesReference, name);
      if (!storage)
        return {
          dataId: null,
          description: `${name} is a register, not memory: watch an expression such as [${name}] or dword [label] instead`,
        };
      return describe(
        s,
        { address: storage.address, size: args.bytes !== undefined ? checkSize(args.bytes) : storage.size },
        name,
      );
    }
    const target = parseWatchTarget(name, s);
    return describe(
      s,
      args.bytes !== undefined ? { address: target.address, size: checkSize(args.bytes) } : target,
      name,
    );
  } catch (e) {
    return { dataId: null, description: `cannot watch '${name}': ${e instanceof Error ? e.message : String(e)}` };
  }
}

export interface WatchRequest {
  address: number;
  size: number;
  access: WatchAccess;
  description: string;
}

/** The setDataBreakpoints requests as watchpoints, and one DAP breakpoint per request (verified or why not). */
export function watchRequests(args: DebugProtocol.SetDataBreakpointsArguments): {
  requests: WatchRequest[];
  results: DebugProtocol.Breakpoint[];
} {
  const requests: WatchRequest[] = [];
  const results: DebugProtocol.Breakpoint[] = [];
  for (const b of args.breakpoints) {
    const m = /^(0x[0-9a-f]+):(\d+)$/i.exec(b.dataId ?? '');
    const size = m ? Number(m[2]) : 0;
    if (!m || size < 1 || size > MAX_WATCH_BYTES) {
      results.push({
        verified: false,
        message: `dataId ${JSON.stringify(b.dataId)} does not come from dataBreakpointInfo`,
      });
      continue;
    }
    const access = b.accessType ?? 'write';
    if (access !== 'read' && access !== 'write' && access !== 'readWrite') {
      results.push({
        verified: false,
        message: `access type ${JSON.stringify(b.accessType)} is not one of read, write, readWrite`,
      });
      continue;
    }
    requests.push({ address: Number(m[1]), size, access, description: `${access} ${sizeName(size)} [${m[1]}]` });
    results.push({ verified: true });
  }
  return { requests, results };
}
