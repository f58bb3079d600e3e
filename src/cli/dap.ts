// `i386-lab dap`: the debug adapter on stdin/stdout, for any DAP client.
import { I386DebugSession } from '../debugger/session';

export function dapCommand(): number {
  I386DebugSession.run(I386DebugSession);
  return 0;
}
