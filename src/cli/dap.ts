// `i386-lab dap`: the debug adapter on stdin/stdout, for any DAP client.
import { I386DebugSession } from '../debugger/session';
import type { Command } from './cli';
import { EXIT } from './options';

export const dapCommand: Command = {
  spec: {
    name: 'dap',
    summary: 'the debug adapter: Debug Adapter Protocol on stdin/stdout (launch attributes as in the README)',
    positionals: [],
    options: [],
  },
  main: () => {
    I386DebugSession.run(I386DebugSession);
    return EXIT.OK;
  },
};
