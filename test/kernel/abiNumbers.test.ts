// Numbers several kernel files add to (src/kernel/abi*.ts): the host device's operations, its
// answers that are not errors, and the Linux system-call table of linux.asm must not collide.
// A collision assembles and runs, and quietly sends one call to another's code.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOSTIO, LINUX, LINUX_CALLS } from '../../src/kernel/abi';

const ROOT = path.resolve(__dirname, '../../..');

function duplicates(entries: Array<[string, number]>): string[] {
  const seen = new Map<number, string>();
  const found: string[] = [];
  for (const [name, value] of entries) {
    const other = seen.get(value);
    if (other !== undefined) found.push(`${other} and ${name} are both ${value}`);
    else seen.set(value, name);
  }
  return found;
}

describe('kernel ABI numbers', () => {
  it("the host device's operations are distinct", () => {
    const ops = Object.entries(HOSTIO).filter(([name]) => name.startsWith('OP_'));
    assert.ok(ops.length > 50, `${ops.length} operations`);
    assert.deepEqual(duplicates(ops), []);
  });

  it("the device's answers that are not errors differ from each other and from every errno", () => {
    const answers: Array<[string, number]> = [
      ['BLOCK', HOSTIO.BLOCK],
      ['COPY_ON_WRITE', HOSTIO.COPY_ON_WRITE],
      ['FILL_RANDOM', HOSTIO.FILL_RANDOM],
    ];
    assert.deepEqual(duplicates(answers), []);
    const errnos = Object.entries(LINUX).filter(([name]) => /^E[A-Z0-9]+$/.test(name));
    assert.ok(errnos.length > 20);
    for (const [name, value] of answers)
      assert.ok(
        errnos.every(([, e]) => e !== value),
        `${name} (${value}) is an errno`,
      );
  });

  it("linux.asm's system-call table has one row per call number", () => {
    const text = fs.readFileSync(path.join(ROOT, 'src', 'kernel', 'linux.asm'), 'utf8');
    const table = text.slice(text.indexOf('linux_syscall_table:'), text.indexOf('linux_syscall_table_end:'));
    const rows = [...table.matchAll(/^\s*dd LINUX_(SYS_\w+),/gm)].map((m) => m[1]);
    assert.ok(rows.length > 150, `${rows.length} rows`);
    const calls = { ...LINUX, ...LINUX_CALLS } as Record<string, number>;
    for (const name of rows) assert.equal(typeof calls[name], 'number', `${name} is in LINUX or LINUX_CALLS`);
    assert.deepEqual(duplicates(rows.map((name) => [name, calls[name]])), []);
  });
});
