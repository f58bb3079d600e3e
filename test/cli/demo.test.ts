// `i386-lab demo` (npm start) through the built command line: exit status 0 whether or not the
// kernel runs on our machine yet; the bare-machine table agrees with the model table (the
// probes execute on the machine, the model table is the specification they must meet); the
// kernel part is either a full row per model with the mechanism the model table implies, or
// one line saying the kernel needs the system layer.
import * as assert from 'node:assert/strict';
import { MECHANISM_NAMES, MECHANISM_PREFERENCE, SELECTOR, VECTOR } from '../../src/kernel/abi';
import { MODEL_IDS, findModel } from '../../src/isa/models';
import { runCli } from './cliProcess';

function preferred(model: string): string {
  const m = findModel(model)!;
  const working = MECHANISM_NAMES.filter(
    (n) =>
      n === 'int' ||
      n === 'callgate' ||
      (n === 'sysenter' && m.features.has('sep')) ||
      (n === 'syscall' && m.features.has('syscall')),
  );
  return MECHANISM_PREFERENCE.map((id) => MECHANISM_NAMES[id]).find((n) => working.includes(n))!;
}

/** The rows of the table that follows `title`, split on runs of two or more spaces. */
function tableAfter(stdout: string, title: RegExp): Map<string, string[]> {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => title.test(l));
  assert.ok(start >= 0, `no section ${title} in\n${stdout}`);
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === '') break;
    const cells = line.split(/ {2,}/);
    rows.set(cells[0], cells);
  }
  return rows;
}

describe('i386-lab demo', function () {
  this.timeout(600000);
  let demo: { stdout: string; stderr: string; status: number | null };

  before(() => {
    demo = runCli(['demo']);
  });

  it('exits with status 0', () => {
    assert.equal(demo.status, 0, demo.stderr);
  });

  it('probes every model bare: lock nop, CPUID signature, SYSENTER and SYSCALL as the model table says', () => {
    const rows = tableAfter(demo.stdout, /^The bare machine/);
    assert.deepEqual([...rows.keys()], [...MODEL_IDS]);
    for (const id of MODEL_IDS) {
      const m = findModel(id)!;
      const [, signature, lockNop, , sysenter, , syscall] = rows.get(id)!;
      assert.equal(
        signature,
        m.cpuid
          ? `${m.cpuid.vendor} ${m.cpuid.family}/${m.cpuid.model}/${m.cpuid.stepping}`
          : m.acFlag
            ? 'no CPUID (486: AC toggles)'
            : 'no CPUID (386: AC fixed)',
        id,
      );
      assert.equal(lockNop, m.lockNopIsNop ? 'NOP (no fault)' : '#UD at F0', id);
      assert.match(sysenter, m.features.has('sep') ? /^yes \(#GP/ : /^no \(#UD/, id);
      assert.match(syscall, m.features.has('syscall') ? /^yes/ : /^no/, id);
    }
  });

  it('shows the kernel on every model, or says in one line that it needs the system layer', () => {
    const rows = tableAfter(demo.stdout, /^The guest kernel running examples\/ask-kernel.asm/);
    assert.deepEqual([...rows.keys()], [...MODEL_IDS]);
    const blocked = demo.stdout
      .split('\n')
      .filter((l) => /it needs the emulator's system layer to be complete/.test(l));
    if (blocked.length > 0) {
      assert.equal(blocked.length, 1);
      return;
    }
    for (const id of MODEL_IDS) {
      const [, , , advertised, instructions, mean, ns] = rows.get(id)!;
      assert.equal(advertised, preferred(id), id);
      assert.match(instructions, /^\d+$/, id);
      assert.ok(Number(mean) >= Number(instructions), id);
      assert.match(ns, /^\d+$/, id);
    }
    const stubs = tableAfter(demo.stdout, /^The stub each KIP advertises/);
    for (const id of MODEL_IDS) {
      const [, mechanism, , code] = stubs.get(id)!;
      const expected: Record<string, RegExp> = {
        int: new RegExp(`^int 0x${VECTOR.SYSCALL_INT.toString(16)}; ret$`),
        callgate: new RegExp(`^call 0x${SELECTOR.CALL_GATE.toString(16)}:0x0; ret$`),
        sysenter: /sysenter/,
        syscall: /syscall/,
      };
      assert.match(code, expected[mechanism], id);
    }
  });

  it('takes no arguments', () => {
    const r = runCli(['demo', '--fast']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "i386-lab demo: unknown option '--fast' (see i386-lab demo --help)\n");
  });
});
