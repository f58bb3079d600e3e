// Standalone debug adapter over stdio (bundled to dist/debugAdapter.js); `i386-lab dap` runs
// the same session.
import { I386DebugSession } from './session';

I386DebugSession.run(I386DebugSession);
