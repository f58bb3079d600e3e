// package.json's contributions against the code that serves them, and the plain decisions
// behind F5, "i386: Run program" and "i386: Show kernel interface (KIP)".

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MODEL_IDS } from '../../src/isa/models';
import { KIP } from '../../src/kernel/abi';
import { COMMAND_IDS } from '../../src/extension/commandIds';
import { kipLayoutMarkdown } from '../../src/extension/kipLayout';
import { checkProgram } from '../../src/extension/language/programCheck';
import {
  checkProgramConfig,
  initialConfigurations,
  modeFor,
  resolveDebugConfig,
  runPlan,
} from '../../src/extension/launchPlan';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

describe('extension: package.json contributions', () => {
  it('contributes exactly the commands the extension registers', () => {
    assert.deepStrictEqual(
      contributes.commands.map((c: { command: string }) => c.command).sort(),
      Object.values(COMMAND_IDS).sort(),
    );
  });
  it('the i386Lab.cpu setting offers exactly the model table', () => {
    assert.deepStrictEqual(contributes.configuration.properties['i386Lab.cpu'].enum, MODEL_IDS);
  });
  it('every walkthrough step has its media file, and the files ship in the .vsix', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!media\/\*\*$/m);
    for (const step of contributes.walkthroughs[0].steps)
      assert.ok(fs.existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
    assert.strictEqual(contributes.walkthroughs[0].steps.length, 3);
  });
  it('command links in the walkthrough name contributed or built-in commands', () => {
    const ours = new Set(Object.values(COMMAND_IDS));
    for (const step of contributes.walkthroughs[0].steps) {
      for (const m of step.description.matchAll(/command:([\w.-]+)/g))
        assert.ok(ours.has(m[1]) || m[1].startsWith('workbench.'), m[1]);
    }
  });
});

describe('extension: README sections', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  it('the launch attributes table has a row for every attribute in package.json', () => {
    for (const name of Object.keys(contributes.debuggers[0].configurationAttributes.launch.properties))
      assert.match(readme, new RegExp(`^\\| \`${name}\` \\|`, 'm'), name);
  });
  it('the CPU model table has a row for every model, and the settings table every setting', () => {
    for (const id of MODEL_IDS) assert.match(readme, new RegExp(`^\\| \`${id}\` \\|`, 'm'), id);
    for (const key of Object.keys(contributes.configuration.properties))
      assert.ok(readme.includes(`| \`${key}\` |`), key);
  });
  it('the screenshot it shows is in the repository', () => {
    for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(fs.existsSync(path.join(ROOT, m[1])), m[1]);
  });
});

describe('extension: F5 without launch.json', () => {
  const bare = { path: '/w/hello.asm', languageId: 'i386-asm', text: 'bits 32\norg 0x100000\nhlt\n' };
  const kernel = {
    path: '/w/ask.asm',
    languageId: 'i386-asm',
    text: 'bits 32\n%include "abi.inc"\norg ADDR_FLAT_LOAD\n',
  };
  it('debugs the active file, bare when it does not include abi.inc, with the selected model', () => {
    const r = resolveDebugConfig({}, bare, 'k6-2');
    assert.ok(r.ok);
    assert.deepStrictEqual(r.config, {
      type: 'i386',
      request: 'launch',
      name: 'Debug hello.asm',
      program: '${file}',
      mode: 'bare',
      stopOnEntry: true,
      cpu: 'k6-2',
    });
  });
  it('a program including abi.inc is debugged under the kernel', () => {
    const r = resolveDebugConfig({}, kernel, 'pentium-ii');
    assert.ok(r.ok && r.config.mode === 'kernel');
  });
  it('a launch.json entry keeps its own cpu; one without program is refused with a message', () => {
    const r = resolveDebugConfig(
      { type: 'i386', request: 'launch', name: 'x', program: 'a.asm', cpu: 'athlon' },
      undefined,
      'i386',
    );
    assert.ok(r.ok && r.config.cpu === 'athlon');
    const bad = resolveDebugConfig({ type: 'i386', request: 'launch', name: 'x' }, undefined, 'i386');
    assert.ok(!bad.ok && /program/.test(bad.message));
  });
  it('without an assembly editor F5 explains what to open', () => {
    const r = resolveDebugConfig({}, { path: '/w/a.txt', languageId: 'plaintext', text: '' }, 'i386');
    assert.ok(!r.ok && /\.asm/.test(r.message));
  });
});

describe('extension: create a launch.json file, and F5 from it', () => {
  const ask = fs.readFileSync(path.join(ROOT, 'examples', 'ask-kernel.asm'), 'utf8');
  const linux = fs.readFileSync(path.join(ROOT, 'examples', 'linux-hello.asm'), 'utf8');
  it('no bare-only static initial configuration: the provider picks by the program', () => {
    assert.strictEqual(
      contributes.debuggers[0].initialConfigurations,
      undefined,
      'VS Code would add it to every generated launch.json',
    );
    const snippets = contributes.debuggers[0].configurationSnippets.map((s: { body: { mode: string } }) => s.body.mode);
    assert.deepStrictEqual(snippets, ['kernel', 'kernel', 'bare']);
  });
  it('a kernel example open: one configuration naming it, under the kernel (abi.inc served)', () => {
    assert.deepStrictEqual(
      initialConfigurations({ relativePath: 'ask-kernel.asm', languageId: 'i386-asm', text: ask }),
      [
        {
          type: 'i386',
          request: 'launch',
          name: 'Debug ask-kernel.asm under the kernel',
          program: '${workspaceFolder}/ask-kernel.asm',
          mode: 'kernel',
          stopOnEntry: true,
        },
      ],
    );
  });
  it('a bare program open: a bare configuration; a Linux program: under the kernel', () => {
    assert.strictEqual(
      initialConfigurations({
        relativePath: 'src/hello.asm',
        languageId: 'i386-asm',
        text: 'bits 32\norg 0x100000\nhlt\n',
      })[0].mode,
      'bare',
    );
    assert.strictEqual(
      initialConfigurations({ relativePath: 'src/hello.asm', languageId: 'i386-asm', text: 'bits 32\n' })[0].program,
      '${workspaceFolder}/src/hello.asm',
    );
    assert.strictEqual(modeFor(linux), 'kernel');
    assert.strictEqual(
      initialConfigurations({ relativePath: 'linux-hello.asm', languageId: 'i386-asm', text: linux })[0].mode,
      'kernel',
    );
  });
  it('no program open (launch.json itself active): a kernel and a bare configuration for the active file', () => {
    const list = initialConfigurations({ relativePath: '.vscode/launch.json', languageId: 'jsonc', text: '{}' });
    assert.deepStrictEqual(
      list.map((c) => [c.mode, c.program]),
      [
        ['kernel', '${file}'],
        ['bare', '${file}'],
      ],
    );
  });
  it('F5 with launch.json active: ${file} is launch.json, refused with a message that says what to do', () => {
    const r = checkProgramConfig(
      { type: 'i386', request: 'launch', name: 'x', program: '/w/.vscode/launch.json' },
      () => '{}',
    );
    assert.ok(!r.ok);
    assert.match(r.message, /^Cannot debug launch\.json: it is a JSON file\. Open the \.asm program/);
    const inc = checkProgramConfig({ type: 'i386', request: 'launch', name: 'x', program: '/w/user.inc' }, () => '');
    assert.ok(!inc.ok && /an include file/.test(inc.message));
  });
  it('a configuration without mode gets the mode its program asks for; one with mode keeps it', () => {
    const r = checkProgramConfig(
      { type: 'i386', request: 'launch', name: 'x', program: '/w/ask-kernel.asm' },
      () => ask,
    );
    assert.ok(r.ok && r.config.mode === 'kernel');
    const b = checkProgramConfig(
      { type: 'i386', request: 'launch', name: 'x', program: '/w/h.asm' },
      () => 'bits 32\nhlt\n',
    );
    assert.ok(b.ok && b.config.mode === 'bare');
    const kept = checkProgramConfig(
      { type: 'i386', request: 'launch', name: 'x', program: '/w/h.asm', mode: 'kernel' },
      () => 'bits 32\nhlt\n',
    );
    assert.ok(kept.ok && kept.config.mode === 'kernel');
    const elf = checkProgramConfig(
      { type: 'i386', request: 'launch', name: 'x', program: '/w/a.out' },
      () => undefined,
    );
    assert.ok(elf.ok, 'an ELF executable has no extension to judge');
  });
});

describe('extension: i386: Run program', () => {
  it('a bare program is assembled and run with --bare at its org, entered at _start', () => {
    const text = 'bits 32\norg 0x200000\ndata: dd 0\n_start:\n  hlt\n';
    const check = checkProgram(text, '/w/p.asm', () => undefined);
    const plan = runPlan({ path: '/w/p.asm', text }, check, 'i486', 5000, '/tmp/p.bin');
    assert.ok(!('error' in plan));
    assert.deepStrictEqual(plan.args, [
      'run',
      '--bare',
      '/tmp/p.bin',
      '--load-at',
      '0x200000',
      '--entry',
      '0x200004',
      '--cpu',
      'i486',
      '--max-instructions',
      '5000',
    ]);
    assert.deepStrictEqual([...plan.image!.bytes], [0, 0, 0, 0, 0xf4]);
  });
  it('the planned command line runs on the real CLI: the bare program prints through port 0xE9 and halts', () => {
    const text =
      'bits 32\norg 0x100000\nmsg: db "hi"\n_start:\n  mov esi, msg\n  mov ecx, 2\n  mov dx, 0xE9\n  rep outsb\n  cli\n  hlt\n';
    const image = path.join(os.tmpdir(), `i386-lab-runplan-${process.pid}.bin`);
    const plan = runPlan(
      { path: '/w/hi.asm', text },
      checkProgram(text, '/w/hi.asm', () => undefined),
      'i386',
      10_000,
      image,
    );
    assert.ok(!('error' in plan));
    fs.writeFileSync(image, plan.image!.bytes);
    try {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...plan.args], { encoding: 'utf8' });
      assert.strictEqual(r.stdout, 'hi', r.stderr);
      assert.strictEqual(r.status, 0, r.stderr);
    } finally {
      fs.rmSync(image, { force: true });
    }
  });
  it('a kernel program is passed to `i386-lab run` as it is', () => {
    const text = '%include "abi.inc"\n';
    const plan = runPlan(
      { path: '/w/k.asm', text },
      { ok: true, origin: 0, symbols: [] },
      'nonsense',
      10,
      '/tmp/k.bin',
    );
    assert.deepStrictEqual(plan, { args: ['run', '/w/k.asm', '--cpu', 'pentium-ii', '--max-instructions', '10'] });
  });
  it('a bare program that does not assemble is not run', () => {
    const text = 'bits 32\n  mov eax, nowhere\n';
    const plan = runPlan(
      { path: '/w/b.asm', text },
      checkProgram(text, '/w/b.asm', () => undefined),
      'i386',
      10,
      '/tmp/b.bin',
    );
    assert.ok('error' in plan);
  });
});

describe('extension: i386: Show kernel interface (KIP)', () => {
  it('lists every KIP field at its offset from the ABI file', () => {
    const md = kipLayoutMarkdown();
    for (const [name, offset] of Object.entries(KIP)) {
      if (name === 'MAGIC_VALUE') continue;
      assert.match(md, new RegExp(`\\| 0x${offset.toString(16).toUpperCase().padStart(2, '0')} \\| ${name} \\|`));
    }
    assert.match(md, /EAX \| linear address of the KIP/);
  });
});
