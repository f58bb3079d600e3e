// The MMX, 3DNow! and MMX-extension handlers by exec name, for the executor's dispatch table.

import type { Handler } from '../instr';
import { MMX_EXECS } from './packed';
import { AMD_EXECS } from './amd';

export const MMX_ALL_EXECS: Readonly<Record<string, Handler>> = { ...MMX_EXECS, ...AMD_EXECS };
