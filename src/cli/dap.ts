// `i386-lab dap`: the debug adapter on stdin/stdout, for any DAP client.
import { I386DebugSession } from '../debugger/session';
import type { Command } from './cli';
import { DAP_SPEC } from './commandSpecs';
import { EXIT } from './options';

export const dapCommand: Command = {
  spec: DAP_SPEC,
  main: () => {
    I386DebugSession.run(I386DebugSession);
    return EXIT.OK;
  },
};
