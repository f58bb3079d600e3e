// The requests the adapter serves, with the argument names the Debug Adapter Protocol gives
// each (its specification's *Arguments interfaces), for sending wrong types to every field.

export const REQUEST_FIELDS: Record<string, string[]> = {
  initialize: ['clientID', 'adapterID', 'linesStartAt1', 'columnsStartAt1', 'pathFormat'],
  launch: ['program', 'mode', 'cpu', 'discovery', 'mechanism', 'stopOnEntry', 'stopOnKernelEntry', 'memoryMB', 'seed', 'trace', 'args', 'loadAddress', 'history'],
  configurationDone: [],
  restart: ['arguments'],
  terminate: ['restart'],
  setBreakpoints: ['source', 'breakpoints', 'lines', 'sourceModified'],
  breakpointLocations: ['source', 'line', 'column', 'endLine', 'endColumn'],
  setFunctionBreakpoints: ['breakpoints'],
  setInstructionBreakpoints: ['breakpoints'],
  setExceptionBreakpoints: ['filters', 'filterOptions', 'exceptionOptions'],
  dataBreakpointInfo: ['variablesReference', 'name', 'frameId'],
  setDataBreakpoints: ['breakpoints'],
  continue: ['threadId', 'singleThread'],
  next: ['threadId', 'granularity'],
  stepIn: ['threadId', 'targetId', 'granularity'],
  stepOut: ['threadId', 'granularity'],
  stepBack: ['threadId', 'granularity'],
  reverseContinue: ['threadId'],
  pause: ['threadId'],
  threads: [],
  stackTrace: ['threadId', 'startFrame', 'levels', 'format'],
  scopes: ['frameId'],
  variables: ['variablesReference', 'filter', 'start', 'count', 'format'],
  setVariable: ['variablesReference', 'name', 'value', 'format'],
  setExpression: ['expression', 'value', 'frameId', 'format'],
  evaluate: ['expression', 'frameId', 'context', 'format'],
  completions: ['text', 'column', 'line', 'frameId'],
  exceptionInfo: ['threadId'],
  readMemory: ['memoryReference', 'offset', 'count'],
  writeMemory: ['memoryReference', 'offset', 'allowPartial', 'data'],
  disassemble: ['memoryReference', 'offset', 'instructionOffset', 'instructionCount', 'resolveSymbols'],
  disconnect: ['restart', 'terminateDebuggee', 'suspendDebuggee'],
};

/** Requests that end the session or the adapter's program: sent last in a sequence. */
export const ENDING = new Set(['disconnect', 'terminate']);

/** Values of every JSON type, including the awkward ones. */
export const WRONG_VALUES: unknown[] = [
  null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 31), 0xffffffff, 1e308, '', 'x', '0x', '0xffffffffffff', '-1', '{}', '\u0000',
  [], [null], [{}], [1, 2, 3], {}, { line: 'a' }, { path: 5 }, { name: null },
];
