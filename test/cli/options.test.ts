// The command line's option tables (src/cli/options.ts), in process: what one table row
// gives a command (forms, validation, help), and the mistakes it refuses.
import * as assert from 'node:assert/strict';
import { UsageError, parseArgs, parseNumberText, renderHelp, type CommandSpec } from '../../src/cli/options';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bareOptions } from '../../src/cli/runBare';
import { kernelRunOptions } from '../../src/cli/runKernel';
import { DEFAULT_MAX_INSTRUCTIONS, RUN_SPEC, runMode } from '../../src/cli/runOptions';

const SPEC: CommandSpec = {
  name: 'demo-cmd',
  summary: 'a command for the parser tests',
  positionals: ['FILE', 'OUT?'],
  rest: 'ARGS',
  options: [
    { name: '--count', value: 'N', parse: (t) => parseNumberText(t, 100), help: 'a number up to 100' },
    { name: '--colour', value: 'C', choices: ['red', 'green'], help: 'a colour' },
    { name: '--include', short: '-I', value: 'DIR', repeatable: true, help: 'directories' },
    { name: '--quiet', short: '-q', help: 'a flag' },
    { name: '--fs', value: 'DIR', excludes: ['--fs-rw'], help: 'read-only' },
    { name: '--fs-rw', value: 'DIR', help: 'writable' },
    { name: '--only-b', mode: 'b', help: 'for mode b' },
  ],
};

function refuses(argv: string[], message: RegExp, mode?: string): void {
  assert.throws(
    () => parseArgs(SPEC, argv, mode),
    (e: unknown) => e instanceof UsageError && message.test(e.message),
    argv.join(' '),
  );
}

describe('command-line option tables', () => {
  it('takes every value form, flags, repeatable options, positionals and -- ARGS', () => {
    const a = parseArgs(SPEC, [
      '--count',
      '0x10',
      'in.asm',
      '--colour=red',
      '-Ia',
      '-I',
      'b',
      '--include=c',
      '-q',
      'out.bin',
      '--',
      '--count',
      'x',
    ]);
    assert.equal(a.value('--count'), 16);
    assert.equal(a.value('--colour'), 'red');
    assert.deepEqual(a.values('--include'), ['a', 'b', 'c']);
    assert.equal(a.flag('--quiet'), true);
    assert.equal(a.flag('--fs'), false);
    assert.deepEqual(a.positionals, ['in.asm', 'out.bin']);
    assert.deepEqual(a.rest, ['--count', 'x']);
  });

  it('refuses what the table does not allow, naming the option', () => {
    refuses(['f', '--count'], /^--count needs a value N$/);
    refuses(['f', '--count', '--quiet'], /^--count needs a value N$/);
    refuses(['f', '--count', '101'], /^--count: '101' is not a number from 0 to 100/);
    refuses(['f', '--colour', 'blue'], /^--colour: 'blue' is not one of red, green$/);
    refuses(['f', '--quiet=yes'], /^--quiet takes no value/);
    refuses(['f', '--count', '1', '--count', '2'], /^--count is given twice$/);
    refuses(['f', '--fs', 'a', '--fs-rw', 'b'], /^--fs and --fs-rw cannot be given together$/);
    refuses(['f', '--only-b'], /^--only-b is for b mode, not a mode$/, 'a');
    refuses(['f', '--nope'], /^unknown option '--nope'$/);
    refuses([], /^missing FILE$/);
    refuses(['a', 'b', 'c'], /^unexpected argument 'c' \(demo-cmd takes one FILE and one OUT; args go after --\)$/);
    refuses(['f', '--colour', ''], /needs a value C \(got an empty one\)/);
    assert.equal(parseArgs(SPEC, ['f', '--only-b'], 'b').flag('--only-b'), true);
  });

  it('suggests the option meant for a misspelt one', () => {
    assert.throws(
      () => parseArgs(SPEC, ['f', '--colou', 'red']),
      (e: unknown) => e instanceof UsageError && e.hint === 'did you mean --colour? see i386-lab demo-cmd --help',
    );
  });

  it('renders --help from the table: every option, its value, its mode and the common options', () => {
    const help = renderHelp(SPEC);
    assert.match(help, /^usage: i386-lab demo-cmd FILE \[OUT\] \[options\] \[-- ARGS\.\.\.\]\n/);
    for (const o of SPEC.options) assert.ok(help.includes(o.name), o.name);
    assert.match(help, /\n {2}-I, --include DIR +directories \(repeatable\)\n/);
    assert.match(help, /\n {2}--only-b +for mode b \(b mode\)\n/);
    assert.match(help, /\n {2}--version +the version of i386-lab\n/);
    const run = renderHelp(RUN_SPEC);
    for (const o of RUN_SPEC.options) assert.ok(run.includes(o.name), o.name);
  });

  it('run picks its mode from --bare before --', () => {
    assert.equal(runMode(['p.asm', '--bare']), 'bare');
    assert.equal(runMode(['p.asm', '--', '--bare']), 'kernel');
  });

  it('run --bare has the same default instruction limit as kernel mode', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-options-'));
    try {
      const asm = path.join(dir, 'p.asm');
      fs.writeFileSync(asm, 'bits 32\norg 0x100000\nhlt\n');
      const bare = bareOptions(parseArgs(RUN_SPEC, ['--bare', asm], 'bare'));
      const kernel = kernelRunOptions(parseArgs(RUN_SPEC, [asm], 'kernel'));
      assert.equal(bare.maxInstructions, DEFAULT_MAX_INSTRUCTIONS);
      assert.equal(kernel.maxInstructions, DEFAULT_MAX_INSTRUCTIONS);
      assert.ok(Number.isFinite(DEFAULT_MAX_INSTRUCTIONS));
      assert.deepEqual(bare.image.loadAt, 0x100000);
      assert.deepEqual([...bare.image.bytes], [0xf4]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
