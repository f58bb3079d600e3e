// The x87 handlers by exec name, for the executor's dispatch table (dispatch.ts).

import type { Handler } from '../instr';
import { FPU_DATA_EXECS } from './exec';
import { FPU_CONTROL_EXECS, fwait } from './control';

export const FPU_EXECS: Readonly<Record<string, Handler>> = { ...FPU_DATA_EXECS, ...FPU_CONTROL_EXECS };
export { fwait };
