// Machine control for a debugger (docs/ARCHITECTURE.md, "debugcore"): one Machine plus its loaded
// images, run in slices that yield to the event loop (so a pause request is seen even in an
// endless guest loop), breakpoints, stepping by line and by instruction, exception stops,
// watchpoints and reverse execution. No protocol types: the DAP session translates.
// MachineSession is built in layers, one concern per file (sessionBase.ts lists them); this
// module is the one the rest of the debugger imports.

import { ReverseSession } from './reverse';

export * from './sessionTypes';

export class MachineSession extends ReverseSession {}
