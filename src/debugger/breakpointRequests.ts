// The breakpoint requests (source, function, instruction, exception filters, data): each is
// checked, kept (a restart or a new launch resolves them again) and applied to the session.

import * as path from 'path';
import { Breakpoint } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CodeBreakpoint } from '../debugcore/breakpoints';
import { EXCEPTION_FILTERS, type ExceptionFilterId } from '../debugcore/faults';
import type { MachineSession } from '../debugcore/session';
import { dataBreakpointInfo, watchRequests } from './dataBreakpoints';
import { isObject, parseAddress, RequestError } from './requestError';
import { hexValue, type VariableStore } from './variables';

/** The functions that set breakpoints take `live`, which throws when no program runs (after the checks). */
export class BreakpointRequests {
  // The client's breakpoint requests, kept to resolve again after a restart.
  private readonly sourceRequests = new Map<string, DebugProtocol.SetBreakpointsArguments>();
  private functionRequest: DebugProtocol.SetFunctionBreakpointsArguments | undefined;
  private instructionRequest: DebugProtocol.SetInstructionBreakpointsArguments | undefined;
  private exceptionRequest: DebugProtocol.SetExceptionBreakpointsArguments | undefined;
  private dataRequest: DebugProtocol.SetDataBreakpointsArguments | undefined;

  private toDapBreakpoint(b: CodeBreakpoint, source?: DebugProtocol.Source): DebugProtocol.Breakpoint {
    const bp = new Breakpoint(b.verified) as DebugProtocol.Breakpoint;
    bp.id = b.id;
    if (b.line) {
      bp.line = b.line.line;
      bp.source = source;
    }
    if (b.addresses.length > 0) bp.instructionReference = hexValue(b.addresses[0]);
    if (!b.verified) {
      bp.message = b.problem;
      bp.reason = 'failed';
    }
    return bp;
  }

  /** The kept requests resolved again against a new session (a launch or restart). */
  reapply(s: MachineSession): void {
    for (const args of this.sourceRequests.values()) this.applySource(s, args);
    if (this.functionRequest) this.applyFunctions(s, this.functionRequest);
    if (this.instructionRequest) this.applyInstructions(s, this.instructionRequest);
    this.applyExceptions(s, this.exceptionRequest);
    if (this.dataRequest) this.applyData(s, this.dataRequest);
  }

  private applySource(s: MachineSession, args: DebugProtocol.SetBreakpointsArguments): CodeBreakpoint[] {
    const file = path.resolve(args.source.path ?? '');
    const given: DebugProtocol.SourceBreakpoint[] = args.breakpoints ?? (args.lines ?? []).map((line) => ({ line }));
    const requests = given.map((b) => ({
      line: b.line,
      condition: b.condition,
      hitCondition: b.hitCondition,
      logMessage: b.logMessage,
    }));
    return s.breakpoints.setSourceBreakpoints(file, requests, s.images);
  }

  /** setBreakpoints: kept, and applied when a program is loaded. */
  setSource(s: MachineSession | undefined, args: DebugProtocol.SetBreakpointsArguments): DebugProtocol.Breakpoint[] {
    if (!args || !args.source || typeof args.source.path !== 'string')
      throw new RequestError('setBreakpoints needs source.path');
    if (
      args.breakpoints !== undefined &&
      (!Array.isArray(args.breakpoints) || args.breakpoints.some((b) => typeof b?.line !== 'number'))
    ) {
      throw new RequestError('setBreakpoints: every breakpoint needs a numeric line');
    }
    if (args.lines !== undefined && (!Array.isArray(args.lines) || args.lines.some((l) => typeof l !== 'number')))
      throw new RequestError('setBreakpoints: lines is an array of line numbers');
    this.sourceRequests.set(path.resolve(args.source.path), args);
    const list = s
      ? this.applySource(s, args)
      : (args.breakpoints ?? []).map(
          (b) =>
            ({
              id: 0,
              verified: false,
              line: { file: args.source.path ?? '', line: b.line },
              addresses: [],
              problem: 'the program is not loaded yet',
            }) as unknown as CodeBreakpoint,
        );
    return list.map((b) => this.toDapBreakpoint(b, args.source));
  }

  locations(
    s: MachineSession | undefined,
    args: DebugProtocol.BreakpointLocationsArguments,
  ): DebugProtocol.BreakpointLocation[] {
    if (typeof args?.source?.path !== 'string' || typeof args.line !== 'number')
      throw new RequestError('breakpointLocations needs source.path and line');
    if (args.endLine !== undefined && typeof args.endLine !== 'number')
      throw new RequestError('breakpointLocations: endLine is a line number');
    const file = path.resolve(args.source.path);
    const end = args.endLine ?? args.line;
    const lines = (s?.images ?? []).flatMap((i) => i.linesOf(file)).filter((l) => l >= args.line && l <= end);
    return [...new Set(lines)].map((line) => ({ line }));
  }

  private applyFunctions(s: MachineSession, args: DebugProtocol.SetFunctionBreakpointsArguments): CodeBreakpoint[] {
    return s.breakpoints.setFunctionBreakpoints(
      args.breakpoints.map((b) => ({ name: b.name, condition: b.condition, hitCondition: b.hitCondition })),
      s.images,
    );
  }

  setFunctions(
    live: () => MachineSession,
    args: DebugProtocol.SetFunctionBreakpointsArguments,
  ): DebugProtocol.Breakpoint[] {
    if (!Array.isArray(args?.breakpoints) || args.breakpoints.some((b) => typeof b?.name !== 'string'))
      throw new RequestError('setFunctionBreakpoints needs breakpoints with a name each');
    this.functionRequest = args;
    return this.applyFunctions(live(), args).map((b) => this.toDapBreakpoint(b));
  }

  private applyInstructions(
    s: MachineSession,
    args: DebugProtocol.SetInstructionBreakpointsArguments,
  ): CodeBreakpoint[] {
    return s.breakpoints.setInstructionBreakpoints(
      args.breakpoints.map((b) => ({
        address: (parseAddress(b.instructionReference, 'instructionReference') + (b.offset ?? 0)) >>> 0,
        condition: b.condition,
        hitCondition: b.hitCondition,
      })),
    );
  }

  setInstructions(
    live: () => MachineSession,
    args: DebugProtocol.SetInstructionBreakpointsArguments,
  ): DebugProtocol.Breakpoint[] {
    if (!Array.isArray(args?.breakpoints) || !args.breakpoints.every(isObject))
      throw new RequestError('setInstructionBreakpoints needs a breakpoints array of objects');
    const list = this.applyInstructions(live(), args);
    this.instructionRequest = args;
    return list.map((b) => this.toDapBreakpoint(b));
  }

  private applyExceptions(
    s: MachineSession,
    args: DebugProtocol.SetExceptionBreakpointsArguments | undefined,
  ): (string | undefined)[] {
    const known = new Set(EXCEPTION_FILTERS.map((f) => f.id as string));
    const chosen = args
      ? [
          ...(args.filters ?? []).map((id) => ({ id, condition: undefined as string | undefined })),
          ...(args.filterOptions ?? []).map((o) => ({ id: o.filterId, condition: o.condition })),
        ]
      : EXCEPTION_FILTERS.filter((f) => f.default).map((f) => ({
          id: f.id as string,
          condition: undefined as string | undefined,
        }));
    const bad = chosen.find((c) => !known.has(c.id));
    if (bad) throw new RequestError(`unknown exception filter '${bad.id}'; allowed: ${[...known].join(', ')}`);
    return s.setExceptionFilters(chosen as { id: ExceptionFilterId; condition?: string }[]);
  }

  setExceptions(
    live: () => MachineSession,
    args: DebugProtocol.SetExceptionBreakpointsArguments,
  ): DebugProtocol.Breakpoint[] {
    if (!args || (!Array.isArray(args.filters) && !Array.isArray(args.filterOptions)))
      throw new RequestError('setExceptionBreakpoints needs filters');
    const badOptions =
      args.filterOptions !== undefined && (!Array.isArray(args.filterOptions) || !args.filterOptions.every(isObject));
    if (badOptions || (args.filters !== undefined && !Array.isArray(args.filters))) {
      throw new RequestError(
        'setExceptionBreakpoints: filters is an array of filter ids, filterOptions an array of objects',
      );
    }
    const problems = this.applyExceptions(live(), args);
    this.exceptionRequest = args;
    const n = (args.filters ?? []).length + (args.filterOptions ?? []).length;
    return problems.slice(0, n).map((p) => ({ verified: p === undefined, message: p }));
  }

  dataInfo(
    s: MachineSession,
    args: DebugProtocol.DataBreakpointInfoArguments,
    variables: VariableStore,
  ): DebugProtocol.DataBreakpointInfoResponse['body'] {
    if (typeof args?.name !== 'string') throw new RequestError('dataBreakpointInfo needs a name');
    if (args.bytes !== undefined && typeof args.bytes !== 'number')
      throw new RequestError('dataBreakpointInfo: bytes must be a number');
    return dataBreakpointInfo(s, args, (ref, name) => variables.storageOf(ref, name, s));
  }

  private applyData(s: MachineSession, args: DebugProtocol.SetDataBreakpointsArguments): DebugProtocol.Breakpoint[] {
    const { requests, results } = watchRequests(args);
    const set = s.setWatchpoints(requests);
    let k = 0;
    for (const r of results) if (r.verified) r.id = set[k++].id;
    return results;
  }

  setData(live: () => MachineSession, args: DebugProtocol.SetDataBreakpointsArguments): DebugProtocol.Breakpoint[] {
    if (!Array.isArray(args?.breakpoints) || !args.breakpoints.every(isObject))
      throw new RequestError('setDataBreakpoints needs a breakpoints array of objects');
    const s = live();
    this.dataRequest = args;
    return this.applyData(s, args);
  }
}
