// `npm run fuzz -- --replay FILE`: runs one finding again (the file a harness wrote, named
// <harness>-<seed>-<n>.<ext>) and says whether it still fails: the first step of turning it
// into a regression test. CPU findings carry their registers in the .why.txt beside them and
// are replayed by hand.

import * as fs from 'fs';
import * as path from 'path';
import { assemble } from '../../src/asm/index';
import { MODEL_IDS, type ModelId } from '../../src/isa/models';
import { frame, RawDapClient } from './dapClient';
import { checkElf } from './elfHarness';
import { runHostile } from './syscallHarness';

/** Replays a finding; returns the lines to print and whether it still fails. */
export async function replay(file: string): Promise<{ lines: string[]; fails: boolean }> {
  const name = path.basename(file);
  const harness = name.split('-')[0];
  const lines: string[] = [];
  if (harness === 'asm') {
    const text = fs.readFileSync(file, 'utf8');
    let fails = false;
    for (const format of ['bin', 'elf32'] as const) {
      const started = Date.now();
      const r = assemble(text, { fileName: name, format });
      const internal = r.diagnostics.find((d) => /internal/i.test(d.message));
      fails ||= internal !== undefined;
      lines.push(
        `${format}: ${r.ok ? 'assembled' : `${r.diagnostics.filter((d) => d.severity === 'error').length} errors`} in ${Date.now() - started} ms${internal ? `; ${internal.message}` : ''}`,
      );
    }
    return { lines, fails };
  }
  if (harness === 'elf') {
    const bytes = fs.readFileSync(file);
    let fails = false;
    for (const model of MODEL_IDS) {
      const v = checkElf(bytes, model, 'auto', 1);
      fails ||= v.problem !== undefined;
      lines.push(
        `${model}: host ${v.host}; kernel ${v.kernel}${v.problem ? `; PROBLEM ${v.problem.split('\n')[0]}` : ''}`,
      );
    }
    return { lines, fails };
  }
  if (harness === 'syscalls') {
    const text = fs.readFileSync(file, 'utf8');
    const [model, mechanism, discovery] = /^; (\S+) (\S+) (\S+)/.exec(text)?.slice(1) ?? [
      'pentium-ii',
      'auto',
      'lock-nop',
    ];
    const v = runHostile(text, model as ModelId, mechanism, discovery as 'lock-nop', 1);
    lines.push(
      `${model} ${mechanism} ${discovery}: ${v.end}${v.survived ? ' (all calls made)' : ''}${v.problem ? `; PROBLEM ${v.problem.split('\n')[0]}` : ''}`,
    );
    return { lines, fails: v.problem !== undefined };
  }
  if (harness === 'dap') {
    const sent = JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
    const dc = new RawDapClient();
    let fails = false;
    try {
      for (const item of sent) {
        if (item.startsWith('raw:')) {
          dc.send(Buffer.from(item.slice(4), 'base64'));
          lines.push('raw frame sent');
          continue;
        }
        const message = JSON.parse(item) as { seq: number; command: string };
        dc.send(frame(item));
        const started = Date.now();
        const r = await dc.response(message.seq, 15000);
        const bad = !r || /internal error|\n\s+at /.test(r.message ?? '');
        fails ||= bad;
        lines.push(
          `${message.command}: ${r ? (r.success ? 'ok' : `error: ${r.message}`) : 'NO ANSWER'} (${Date.now() - started} ms)`,
        );
        if (!r) break;
      }
    } finally {
      const exit = await dc.close();
      lines.push(`adapter exit ${JSON.stringify(exit)}`);
    }
    return { lines, fails };
  }
  throw new Error(`${name}: not a finding of a replayable harness (asm, elf, syscalls, dap)`);
}
