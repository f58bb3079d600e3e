// The DAP session (docs/ARCHITECTURE.md, "debugger"): translates Debug Adapter Protocol requests into
// debugcore calls and debugcore events into DAP events. No emulator logic lives here.

import * as fs from 'fs';
import * as path from 'path';
import {
  ExitedEvent,
  InitializedEvent,
  InvalidatedEvent,
  MemoryEvent,
  OutputEvent,
  Response,
  Source,
  StackFrame,
  StoppedEvent,
  TerminatedEvent,
  Thread,
  ThreadEvent,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { isCommand, runCommand, COMMANDS } from '../debugcore/commands';
import { evaluateExpression } from '../debugcore/expression';
import { EXCEPTION_FILTERS, hex32 } from '../debugcore/faults';
import { REGISTER_NAMES, writeRegister } from '../debugcore/registers';
import type { MachineSession, StopEvent } from '../debugcore/session';
import { savedThreadFrames, stackFrames, type Frame } from '../debugcore/stack';
import { CPU_THREAD, debugThreads, type DebugThread } from '../debugcore/threads';
import type { KernelThread } from '../debugcore/kernelView';
import { BreakpointRequests } from './breakpointRequests';
import { loadSession } from './programLoad';
import { disassembleBody, readMemory, writeMemory } from './memoryRequests';
import { RequestError } from './requestError';
import { exceptionInfoBody } from './exceptionText';
import { validateLaunch, withProgramHeader, type LaunchConfig } from './launchConfig';
import { escapeFormat, INTERNAL_ERROR_PREFIX, RobustDebugSession } from './robustSession';
import { hexValue, VariableStore, SCOPE_NAMES, SAVED_REGISTERS } from './variables';
import {
  DEFAULT_OUTPUT_BYTES_PER_SECOND,
  DEFAULT_OUTPUT_EVENTS_PER_SECOND,
  OutputBatcher,
  outputFileName,
} from './outputBatch';

/** What a DAP frame id stands for until the program runs again. */
interface FrameHandle {
  threadId: number;
  frame: Frame;
  /** Set for the frames of a thread that is not running (its registers are in its saved frame). */
  saved?: KernelThread;
}

export class I386DebugSession extends RobustDebugSession {
  private session: MachineSession | undefined;
  /** The run's output events, batched and capped per second (outputBatch.ts). */
  private output: OutputBatcher | undefined;
  private config: LaunchConfig | undefined;
  private readonly variables = new VariableStore();
  /**
   * Frame ids of this stop and the one before: VS Code may still ask for the scopes of a frame
   * of the previous stop after the next one arrived (a quick step); those answer (the scopes
   * read the machine as it is now) instead of failing. Ids never repeat within a session.
   */
  private readonly frames = new Map<number, FrameHandle>();
  private nextFrameId = 1;
  private previousStopFrames = 1;
  private configurationDone = false;
  private readonly breakpointRequests = new BreakpointRequests();

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  // --- Plumbing: every request either answers or fails with a message ------------------------

  protected override dispatchRequest(request: DebugProtocol.Request): void {
    try {
      super.dispatchRequest(request);
    } catch (e) {
      this.fail(new Response(request), e);
    }
  }

  private fail(response: DebugProtocol.Response, e: unknown, userAction = false): void {
    const message = e instanceof Error ? e.message : String(e);
    const showUser = userAction || (e instanceof RequestError && e.showUser);
    // A TypeError or RangeError is the adapter's defect, whatever the request: said so.
    const internal = e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError;
    this.sendErrorResponse(response, {
      id: 1001,
      format: escapeFormat(internal ? `${INTERNAL_ERROR_PREFIX}: ${message}` : message),
      showUser,
    });
  }

  /** Runs a request; `userAction`: a failure is shown to the user (an edit, a step the user asked for). */
  private guard(response: DebugProtocol.Response, body: () => void, userAction = false): void {
    try {
      body();
    } catch (e) {
      this.fail(response, e, userAction);
    }
  }

  private live(): MachineSession {
    if (!this.session) throw new RequestError('no program is loaded: send a launch request first');
    if (this.session.exited) throw new RequestError('the program has ended');
    return this.session;
  }

  private stopped(): MachineSession {
    const s = this.live();
    if (s.running) throw new RequestError('the program is running: pause it first');
    return s;
  }

  // --- Initialize and launch --------------------------------------------------------------

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      ...response.body,
      supportsConfigurationDoneRequest: true,
      supportsFunctionBreakpoints: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsEvaluateForHovers: true,
      supportsStepBack: true,
      supportsSetVariable: true,
      supportsSetExpression: true,
      supportsRestartRequest: true,
      supportsCompletionsRequest: true,
      completionTriggerCharacters: ['[', ' '],
      supportsExceptionInfoRequest: true,
      supportsExceptionFilterOptions: true,
      supportsReadMemoryRequest: true,
      supportsWriteMemoryRequest: true,
      supportsDisassembleRequest: true,
      supportsSteppingGranularity: true,
      supportsInstructionBreakpoints: true,
      supportsDataBreakpoints: true,
      supportsDataBreakpointBytes: true,
      supportsTerminateRequest: true,
      supportsBreakpointLocationsRequest: true,
      exceptionBreakpointFilters: EXCEPTION_FILTERS.map((f) => ({
        filter: f.id,
        label: f.label,
        description: f.bare ? f.description : `${f.description} (kernel mode only)`,
        default: f.default,
        supportsCondition: true,
        conditionDescription:
          f.id === 'syscall'
            ? 'e.g. eax == 1 (the syscall number)'
            : 'an expression over registers and memory, e.g. [esp] == 0x30',
      })),
    };
    this.sendResponse(response);
  }

  protected override launchRequest(
    response: DebugProtocol.LaunchResponse,
    args: DebugProtocol.LaunchRequestArguments,
  ): void {
    this.guard(
      response,
      () => {
        const header = withProgramHeader(
          args as Record<string, unknown>,
          programSource((args as Record<string, unknown>).program),
        );
        if ('error' in header) throw new RequestError(header.error);
        const v = validateLaunch(header.raw);
        if (!v.ok) throw new RequestError(v.message);
        if (header.applied)
          this.sendEvent(
            new OutputEvent(
              `${header.applied} (from the i386-lab: comment on line ${header.line} of ${v.config.program})\n`,
              'console',
            ),
          );
        const result = this.load(v.config);
        if (!result.ok) throw new RequestError(result.message);
        this.config = v.config;
        this.sendResponse(response);
        this.sendEvent(new InitializedEvent());
        if (this.configurationDone) this.startSession();
      },
      true,
    );
  }

  /** Builds the machine and the session for a config (programLoad.ts); reports diagnostics on failure. */
  private load(config: LaunchConfig): { ok: true } | { ok: false; message: string } {
    this.output?.close();
    const output = new OutputBatcher((text, category) => this.sendEvent(new OutputEvent(text, category)), {
      bytesPerSecond: DEFAULT_OUTPUT_BYTES_PER_SECOND,
      eventsPerSecond: DEFAULT_OUTPUT_EVENTS_PER_SECOND,
      delayMs: 50,
      file: outputFileName(),
    });
    this.output = output;
    const listener = {
      stopped: (e: StopEvent): void => this.onStopped(e),
      output: (text: string, category: 'stdout' | 'console' | 'stderr'): void => output.add(text, category),
      exited: (code: number, reason: string): void => this.onExited(code, reason),
      invalidated: (): void => this.variables.reset(),
    };
    const loaded = loadSession(config, listener, (text, category) => this.sendEvent(new OutputEvent(text, category)));
    if (!loaded.ok) return loaded;
    this.programEntry = loaded.programEntry;
    this.userModeFrom = loaded.userModeFrom;
    this.session = loaded.session;
    this.breakpointRequests.reapply(loaded.session);
    return { ok: true };
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configurationDone = true;
    this.sendResponse(response);
    if (this.session && this.config) this.startSession();
  }

  private started = false;
  /** Under the kernel, the program's entry (stopOnEntry runs to it). */
  private programEntry: number | undefined;
  /** Under the kernel, where the boot can run to at full speed before the program starts. */
  private userModeFrom: number | undefined;

  private startSession(): void {
    if (this.started || !this.session || !this.config) return;
    this.started = true;
    const c = this.config;
    if (c.mode === 'kernel' && !c.stopOnKernelEntry && c.stopOnEntry && this.programEntry !== undefined)
      this.session.startAt(this.programEntry, this.userModeFrom);
    else this.session.start(c.mode === 'kernel' ? c.stopOnKernelEntry : c.stopOnEntry);
  }

  private onStopped(e: StopEvent): void {
    this.output?.flush();
    this.variables.reset();
    for (const id of this.frames.keys()) if (id < this.previousStopFrames) this.frames.delete(id);
    this.previousStopFrames = this.nextFrameId;
    const threads = this.session ? debugThreads(this.session) : [];
    this.announceThreads(threads);
    const onCpu = threads.find((t) => t.onCpu)?.id ?? CPU_THREAD;
    // A step that ends in code without source (the KIP stub): VS Code focuses the first frame
    // with source after a step, unless the stop is an instruction-level one; reported as
    // such, it shows the Disassembly view at EIP. The description still says it was a step.
    const noSource =
      e.reason === 'step' &&
      this.session !== undefined &&
      this.session.lineAt(this.session.cpu.eip >>> 0) === undefined;
    const ev = new StoppedEvent(
      noSource ? 'instruction breakpoint' : e.reason,
      onCpu,
      e.description,
    ) as DebugProtocol.StoppedEvent;
    ev.body.description = e.description;
    if (e.breakpointIds) ev.body.hitBreakpointIds = e.breakpointIds;
    ev.body.allThreadsStopped = true;
    this.sendEvent(ev);
  }

  /** Thread ids seen at the last stop; the difference is announced as started/exited events. */
  private knownThreads = new Set<number>([CPU_THREAD]);

  private announceThreads(threads: DebugThread[]): void {
    const now = new Set(threads.map((t) => t.id));
    for (const id of this.knownThreads) if (!now.has(id)) this.sendEvent(new ThreadEvent('exited', id));
    for (const id of now) if (!this.knownThreads.has(id)) this.sendEvent(new ThreadEvent('started', id));
    this.knownThreads = now;
  }

  private onExited(code: number, reason: string): void {
    this.output?.close();
    this.sendEvent(new OutputEvent(`${reason}\n`, 'console'));
    this.sendEvent(new ExitedEvent(code));
    this.sendEvent(new TerminatedEvent());
  }

  protected override restartRequest(
    response: DebugProtocol.RestartResponse,
    args: DebugProtocol.RestartArguments,
  ): void {
    this.guard(
      response,
      () => {
        const raw =
          (args?.arguments as Record<string, unknown> | undefined) ??
          (this.config as unknown as Record<string, unknown> | undefined);
        if (!raw) throw new RequestError('nothing to restart: send a launch request first');
        const header = withProgramHeader(raw, programSource(raw.program));
        if ('error' in header) throw new RequestError(header.error);
        const v = validateLaunch(header.raw);
        if (!v.ok) throw new RequestError(v.message);
        this.session?.terminate();
        this.session = undefined;
        const result = this.load(v.config);
        if (!result.ok) throw new RequestError(result.message);
        this.config = v.config;
        this.started = false;
        this.sendResponse(response);
        this.startSession();
      },
      true,
    );
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    const hadSession = this.session !== undefined && !this.session.exited;
    this.session?.terminate();
    this.sendResponse(response);
    if (hadSession) this.sendEvent(new TerminatedEvent());
  }

  protected override disconnectRequest(
    response: DebugProtocol.DisconnectResponse,
    args: DebugProtocol.DisconnectArguments,
    request?: DebugProtocol.Request,
  ): void {
    this.session?.terminate();
    super.disconnectRequest(response, args, request);
  }

  // --- Breakpoints (breakpointRequests.ts) --------------------------------------------------

  protected override setBreakPointsRequest(
    response: DebugProtocol.SetBreakpointsResponse,
    args: DebugProtocol.SetBreakpointsArguments,
  ): void {
    this.guard(response, () => {
      response.body = { breakpoints: this.breakpointRequests.setSource(this.session, args) };
      this.sendResponse(response);
    });
  }

  protected override breakpointLocationsRequest(
    response: DebugProtocol.BreakpointLocationsResponse,
    args: DebugProtocol.BreakpointLocationsArguments,
  ): void {
    this.guard(response, () => {
      response.body = { breakpoints: this.breakpointRequests.locations(this.session, args) };
      this.sendResponse(response);
    });
  }

  protected override setFunctionBreakPointsRequest(
    response: DebugProtocol.SetFunctionBreakpointsResponse,
    args: DebugProtocol.SetFunctionBreakpointsArguments,
  ): void {
    this.guard(response, () => {
      response.body = { breakpoints: this.breakpointRequests.setFunctions(() => this.live(), args) };
      this.sendResponse(response);
    });
  }

  protected override setInstructionBreakpointsRequest(
    response: DebugProtocol.SetInstructionBreakpointsResponse,
    args: DebugProtocol.SetInstructionBreakpointsArguments,
  ): void {
    this.guard(response, () => {
      response.body = { breakpoints: this.breakpointRequests.setInstructions(() => this.live(), args) };
      this.sendResponse(response);
    });
  }

  protected override setExceptionBreakPointsRequest(
    response: DebugProtocol.SetExceptionBreakpointsResponse,
    args: DebugProtocol.SetExceptionBreakpointsArguments,
  ): void {
    this.guard(response, () => {
      response.body = { breakpoints: this.breakpointRequests.setExceptions(() => this.live(), args) };
      this.sendResponse(response);
    });
  }

  protected override dataBreakpointInfoRequest(
    response: DebugProtocol.DataBreakpointInfoResponse,
    args: DebugProtocol.DataBreakpointInfoArguments,
  ): void {
    this.guard(response, () => {
      response.body = this.breakpointRequests.dataInfo(this.stopped(), args, this.variables);
      this.sendResponse(response);
    });
  }

  protected override setDataBreakpointsRequest(
    response: DebugProtocol.SetDataBreakpointsResponse,
    args: DebugProtocol.SetDataBreakpointsArguments,
  ): void {
    this.guard(response, () => {
      response.body = { breakpoints: this.breakpointRequests.setData(() => this.live(), args) };
      this.sendResponse(response);
    });
  }

  // --- Run control --------------------------------------------------------------------------

  private granularity(args: { granularity?: DebugProtocol.SteppingGranularity } | undefined): 'line' | 'instruction' {
    return args?.granularity === 'instruction' ? 'instruction' : 'line';
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    this.guard(
      response,
      () => {
        const s = this.stopped();
        response.body = { allThreadsContinued: true };
        this.sendResponse(response);
        s.continue();
      },
      true,
    );
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.guard(
      response,
      () => {
        const s = this.stopped();
        this.sendResponse(response);
        s.stepOver(this.granularity(args));
      },
      true,
    );
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    this.guard(
      response,
      () => {
        const s = this.stopped();
        this.sendResponse(response);
        s.stepIn(this.granularity(args));
      },
      true,
    );
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse): void {
    this.guard(
      response,
      () => {
        const s = this.stopped();
        // The outermost frame has no caller to return to: stepping out would run to the end.
        const frames = stackFrames(s, 2);
        if (frames.length < 2)
          throw new RequestError(
            `Step Out: ${frames[0]?.name ?? 'this'} is the outermost frame, there is no caller to return to (use Continue or Step Over)`,
          );
        this.sendResponse(response);
        s.stepOut();
      },
      true,
    );
  }

  protected override stepBackRequest(
    response: DebugProtocol.StepBackResponse,
    args: DebugProtocol.StepBackArguments,
  ): void {
    this.guard(
      response,
      () => {
        const s = this.stopped();
        if (!s.canReverse) throw new RequestError('reverse execution is off: launch with "history" above 0');
        this.sendResponse(response);
        s.stepBack(this.granularity(args));
      },
      true,
    );
  }

  protected override reverseContinueRequest(response: DebugProtocol.ReverseContinueResponse): void {
    this.guard(
      response,
      () => {
        const s = this.stopped();
        if (!s.canReverse) throw new RequestError('reverse execution is off: launch with "history" above 0');
        this.sendResponse(response);
        s.reverseContinue();
      },
      true,
    );
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.guard(
      response,
      () => {
        const s = this.live();
        this.sendResponse(response);
        s.pause();
      },
      true,
    );
  }

  // --- State --------------------------------------------------------------------------------

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    // Under the kernel: one thread per live slot of its thread table (debugcore/threads.ts).
    const s = this.session;
    const threads = s && !s.exited ? debugThreads(s) : [{ id: CPU_THREAD, name: 'CPU' }];
    response.body = { threads: threads.map((t) => new Thread(t.id, t.name)) };
    this.sendResponse(response);
  }

  private thread(s: MachineSession, threadId: unknown): DebugThread {
    const threads = debugThreads(s);
    const t = threads.find((x) => x.id === threadId);
    if (!t)
      throw new RequestError(
        `unknown thread ${JSON.stringify(threadId)}: the threads are ${threads.map((x) => x.id).join(', ')}`,
      );
    return t;
  }

  protected override stackTraceRequest(
    response: DebugProtocol.StackTraceResponse,
    args: DebugProtocol.StackTraceArguments,
  ): void {
    this.guard(response, () => {
      const s = this.stopped();
      const thread = this.thread(s, args?.threadId);
      const saved = !thread.onCpu && thread.kernel && s.kernel ? thread.kernel : undefined;
      const frames = saved ? savedThreadFrames(s, s.kernel!, saved, 64) : stackFrames(s, 64);
      const start = args.startFrame ?? 0;
      const count = args.levels && args.levels > 0 ? args.levels : frames.length;
      response.body = {
        stackFrames: frames.slice(start, start + count).map((f) => {
          const source = f.line
            ? new Source(path.basename(f.line.file), this.convertDebuggerPathToClient(f.line.file))
            : undefined;
          const id = this.nextFrameId++;
          this.frames.set(id, { threadId: thread.id, frame: f, saved });
          const frame = new StackFrame(
            id,
            f.name,
            source,
            f.line ? this.convertDebuggerLineToClient(f.line.line) : 0,
            1,
          ) as DebugProtocol.StackFrame;
          // A frame without source (the KIP stub) keeps no hint and no source: VS Code then
          // shows it in the Disassembly view at instructionPointerReference.
          frame.instructionPointerReference = hexValue(f.address);
          if (f.boundary) frame.presentationHint = 'label';
          return frame;
        }),
        totalFrames: frames.length,
      };
      this.sendResponse(response);
    });
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    this.guard(response, () => {
      this.stopped();
      if (typeof args?.frameId !== 'number') throw new RequestError('scopes needs a frameId');
      const handle = this.frames.get(args.frameId);
      if (!handle)
        throw new RequestError(
          `frameId ${args.frameId} is not valid (frames expire when the program runs; ask stackTrace again)`,
        );
      response.body = {
        scopes: handle.saved
          ? this.variables.savedScopes(handle.saved)
          : this.variables.scopes(this.config?.mode === 'kernel'),
      };
      this.sendResponse(response);
    });
  }

  protected override variablesRequest(
    response: DebugProtocol.VariablesResponse,
    args: DebugProtocol.VariablesArguments,
  ): void {
    this.guard(response, () => {
      const s = this.stopped();
      const vars = this.variables.variables(args?.variablesReference, s);
      if (!vars)
        throw new RequestError(
          `variablesReference ${args?.variablesReference} is not valid (it expires when the program runs)`,
        );
      response.body = { variables: vars };
      this.sendResponse(response);
    });
  }

  private assign(s: MachineSession, target: string, valueText: string): string {
    const value = evaluateExpression(valueText, s.scope);
    const t = target.trim();
    const mem = /^(?:(byte|word|dword)\s+(?:ptr\s+)?)?\[(.+)\]$/i.exec(t);
    if (mem) {
      const size = ({ byte: 1, word: 2, dword: 4 } as const)[
        (mem[1] ?? 'dword').toLowerCase() as 'byte' | 'word' | 'dword'
      ];
      const address = evaluateExpression(mem[2], s.scope);
      if (!s.guest.writeValue(address, size, value)) throw new RequestError(`0x${hex32(address)} is not mapped`);
      s.edited();
      this.sendEvent(new MemoryEvent(hexValue(address), 0, size));
      return hexValue(s.guest.readValue(address, size) ?? value);
    }
    const problem = writeRegister(s.cpu, t.toLowerCase(), value);
    if (problem) throw new RequestError(problem);
    s.edited();
    return hexValue(evaluateExpression(t, s.scope));
  }

  /** A register of a thread that is not running: its slot in the saved trap frame. */
  private assignSaved(s: MachineSession, thread: KernelThread, name: string, valueText: string): string {
    const field = SAVED_REGISTERS.find(([, n]) => n === name.trim().toLowerCase())?.[0];
    if (!field || !s.kernel)
      throw new RequestError(
        `'${name}' is not a saved register; allowed: ${SAVED_REGISTERS.map(([, n]) => n).join(', ')}`,
      );
    const value = evaluateExpression(valueText, s.scope);
    const at = (thread.savedFrame + s.kernel.offset(field)) >>> 0;
    if (!s.guest.writeValue(at, 4, value)) throw new RequestError(`the saved frame at 0x${hex32(at)} is not mapped`);
    s.edited();
    this.sendEvent(new MemoryEvent(hexValue(at), 0, 4));
    return hexValue(s.guest.readValue(at, 4) ?? value);
  }

  protected override setVariableRequest(
    response: DebugProtocol.SetVariableResponse,
    args: DebugProtocol.SetVariableArguments,
  ): void {
    this.guard(
      response,
      () => {
        const s = this.stopped();
        const c = this.variables.container(args?.variablesReference);
        if (!c) throw new RequestError(`variablesReference ${args?.variablesReference} is not valid`);
        if (c.kind === 'saved') {
          if (typeof args.name !== 'string' || typeof args.value !== 'string')
            throw new RequestError('setVariable needs a name and a value');
          response.body = { value: this.assignSaved(s, c.thread, args.name, args.value) };
          this.sendResponse(response);
          this.sendEvent(new InvalidatedEvent(['variables']));
          return;
        }
        if (c.kind !== 'general' && c.kind !== 'eflags')
          throw new RequestError(
            `variables of this scope are read-only; registers in '${SCOPE_NAMES.general}' and '${SCOPE_NAMES.eflags}' are editable`,
          );
        if (typeof args.name !== 'string' || typeof args.value !== 'string')
          throw new RequestError('setVariable needs a name and a value');
        const value = this.assign(s, args.name, args.value);
        response.body = { value: c.kind === 'eflags' && args.name !== 'eflags' ? String(Number(value)) : value };
        this.sendResponse(response);
        this.sendEvent(new InvalidatedEvent(['variables']));
      },
      true,
    );
  }

  protected override setExpressionRequest(
    response: DebugProtocol.SetExpressionResponse,
    args: DebugProtocol.SetExpressionArguments,
  ): void {
    this.guard(
      response,
      () => {
        const s = this.stopped();
        if (typeof args?.expression !== 'string' || typeof args.value !== 'string')
          throw new RequestError('setExpression needs an expression and a value');
        response.body = { value: this.assign(s, args.expression, args.value) };
        this.sendResponse(response);
        this.sendEvent(new InvalidatedEvent(['variables']));
      },
      true,
    );
  }

  protected override evaluateRequest(
    response: DebugProtocol.EvaluateResponse,
    args: DebugProtocol.EvaluateArguments,
  ): void {
    this.guard(response, () => {
      const s = this.stopped();
      if (typeof args?.expression !== 'string') throw new RequestError('evaluate needs an expression');
      if (isCommand(args.expression, args.context)) {
        const r = runCommand(s, args.expression);
        if (!r.ok) throw new RequestError(r.message);
        response.body = { result: r.text, variablesReference: 0 };
        this.sendResponse(response);
        return;
      }
      const value = evaluateExpression(args.expression, s.scope);
      const readable = s.guest.physical(value) !== undefined;
      const signed = value | 0;
      response.body = {
        result: `0x${hex32(value)} (${value}${signed < 0 ? ` / ${signed}` : ''})`,
        variablesReference: 0,
        memoryReference: readable ? hexValue(value) : undefined,
      };
      this.sendResponse(response);
    });
  }

  protected override completionsRequest(
    response: DebugProtocol.CompletionsResponse,
    args: DebugProtocol.CompletionsArguments,
  ): void {
    this.guard(response, () => {
      if (typeof args?.text !== 'string') throw new RequestError('completions needs text');
      const column = (args.column ?? args.text.length + 1) - 1;
      const before = args.text.slice(0, column);
      const word = /[A-Za-z_.@?$][A-Za-z0-9_.@?$]*$/.exec(before)?.[0] ?? '';
      const labels = (this.session?.images ?? []).flatMap((i) =>
        i.symbols.filter((sym) => sym.kind !== 'equ').map((sym) => sym.name),
      );
      const candidates: DebugProtocol.CompletionItem[] = [
        ...REGISTER_NAMES.map((label) => ({ label, type: 'property' as const })),
        ...labels.map((label) => ({ label, type: 'function' as const })),
        ...(before.trim() === word ? COMMANDS.map((label) => ({ label, type: 'keyword' as const })) : []),
      ];
      const lower = word.toLowerCase();
      response.body = {
        targets: candidates
          .filter((c) => c.label.toLowerCase().startsWith(lower) && c.label !== word)
          .map((c) => ({ ...c, start: column - word.length, length: word.length })),
      };
      this.sendResponse(response);
    });
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    this.guard(response, () => {
      const s = this.stopped();
      const f = s.currentFault;
      if (!f || s.lastStop?.reason !== 'exception')
        throw new RequestError('the program is not stopped on an exception');
      response.body = exceptionInfoBody(s, f);
      this.sendResponse(response);
    });
  }

  protected override readMemoryRequest(
    response: DebugProtocol.ReadMemoryResponse,
    args: DebugProtocol.ReadMemoryArguments,
  ): void {
    this.guard(response, () => {
      response.body = readMemory(this.stopped(), args);
      this.sendResponse(response);
    });
  }

  protected override writeMemoryRequest(
    response: DebugProtocol.WriteMemoryResponse,
    args: DebugProtocol.WriteMemoryArguments,
  ): void {
    this.guard(
      response,
      () => {
        const { address, written } = writeMemory(this.stopped(), args);
        response.body = { offset: 0, bytesWritten: written };
        this.sendResponse(response);
        this.sendEvent(new MemoryEvent(hexValue(address), 0, written));
        this.sendEvent(new InvalidatedEvent(['variables']));
      },
      true,
    );
  }

  protected override disassembleRequest(
    response: DebugProtocol.DisassembleResponse,
    args: DebugProtocol.DisassembleArguments,
  ): void {
    this.guard(response, () => {
      response.body = disassembleBody(this.stopped(), args);
      this.sendResponse(response);
    });
  }
}

/**
 * The text of an .asm program, for its header comment; undefined for other programs or when unreadable (load
 * reports that).
 */
function programSource(program: unknown): string | undefined {
  if (typeof program !== 'string' || !/\.(asm|nasm|s)$/i.test(program)) return undefined;
  try {
    return fs.readFileSync(path.resolve(program), 'utf8');
  } catch {
    return undefined;
  }
}
