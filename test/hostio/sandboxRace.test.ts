// The --fs sandbox against a host process that swaps a directory of the path for a symbolic
// link to the outside between the sandbox's check and its open (time of check to time of use).
// The race is made deterministic by the sandbox's step hook: the swap happens exactly before
// a chosen step of the walk, or between the walk and the final open, stat, unlink or mkdir.
// Whatever the moment, the guest never reads, writes, creates or removes anything outside.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SandboxFiles } from '../../src/debugcore/hostFiles';
import { LINUX, LINUX_FILE } from '../../src/kernel/abi';
import type { HostFile } from '../../src/emulator';

describe('the --fs sandbox under a directory-for-link swap (TOCTOU)', () => {
  let dir = '';
  let root = '';
  let outside = '';

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-race-'));
    root = path.join(dir, 'root');
    outside = path.join(dir, 'outside');
    fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    fs.mkdirSync(path.join(outside, 'b'), { recursive: true });
    fs.writeFileSync(path.join(root, 'a', 'secret.txt'), 'inside\n');
    fs.writeFileSync(path.join(root, 'a', 'b', 'deep.txt'), 'inside deep\n');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside\n');
    fs.writeFileSync(path.join(outside, 'b', 'deep.txt'), 'outside deep\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Puts root/a back as a directory holding secret.txt (after a swap). */
  function reset(): void {
    fs.rmSync(path.join(root, 'a'), { recursive: true, force: true });
    fs.rmSync(path.join(root, 'a-moved'), { recursive: true, force: true });
    fs.mkdirSync(path.join(root, 'a'));
    fs.writeFileSync(path.join(root, 'a', 'secret.txt'), 'inside\n');
  }

  /** Replaces root/a by a link to the outside directory, as a racing host process would. */
  function swap(): void {
    fs.renameSync(path.join(root, 'a'), path.join(root, 'a-moved'));
    fs.symlinkSync(outside, path.join(root, 'a'));
  }

  /** A sandbox whose walk swaps the directory at the `nth` (0-based) step whose host path is `when`. */
  function racing(writable: boolean, when: string, nth = 0): { sandbox: SandboxFiles; swapped: () => boolean } {
    const sandbox = new SandboxFiles(root, writable);
    let seen = 0;
    let done = false;
    sandbox.onStep = (host) => {
      if (done || host !== path.join(root, when) || seen++ !== nth) return;
      swap();
      done = true;
    };
    return { sandbox, swapped: () => done };
  }

  function readAll(file: HostFile | number): string | number {
    if (typeof file === 'number') return file;
    const buffer = new Uint8Array(256);
    const n = file.read(buffer);
    file.close();
    return typeof n === 'number' && n < 0 ? n : Buffer.from(buffer.subarray(0, n)).toString('latin1');
  }

  it('the swap is a real escape for a path-based open (the race the sandbox must win)', () => {
    swap();
    assert.equal(fs.readFileSync(path.join(root, 'a', 'secret.txt'), 'latin1'), 'outside\n');
  });

  // Each moment: the step about to look at `when` (its `nth` look: the walk looks once, the
  // final operation once more, so nth 1 is between the walk and the open).
  const moments: [string, string, number][] = [
    ['before the walk looks at the swapped directory', 'a', 0],
    ['after the directory was entered, before its entry is looked at', 'a/secret.txt', 0],
    ['between the walk and the final open', 'a/secret.txt', 1],
  ];

  for (const [moment, when, nth] of moments) {
    it(`open for reading, swapped ${moment}: the inside file or a refusal, never the outside one`, () => {
      const { sandbox, swapped } = racing(false, when, nth);
      const got = readAll(sandbox.open('/a/secret.txt', LINUX_FILE.O_RDONLY, 0));
      assert.ok(swapped(), 'the hook ran at that moment');
      assert.ok(got === 'inside\n' || got === -LINUX.EACCES || got === -LINUX.ELOOP, `got ${String(got)}`);
    });

    it(`create, stat, mkdir and unlink, swapped ${moment}: nothing outside changes or shows`, () => {
      const before = fs.readdirSync(outside).sort();
      for (const act of [
        (s: SandboxFiles) =>
          readAll(s.open('/a/secret.txt', LINUX_FILE.O_WRONLY | LINUX_FILE.O_CREAT | LINUX_FILE.O_TRUNC, 0o644)),
        (s: SandboxFiles) => s.unlink('/a/secret.txt', false),
        (s: SandboxFiles) => s.mkdir(when === 'a' ? '/a/new-dir' : '/a/secret.txt', 0o755),
      ]) {
        reset();
        const { sandbox, swapped } = racing(true, when, nth);
        act(sandbox);
        assert.ok(swapped(), 'the hook ran at that moment');
        assert.deepEqual(fs.readdirSync(outside).sort(), before, 'no entry added or removed outside');
        assert.equal(fs.readFileSync(path.join(outside, 'secret.txt'), 'latin1'), 'outside\n');
      }
      reset();
      const { sandbox, swapped } = racing(false, when, nth);
      const st = sandbox.stat('/a/secret.txt', true);
      assert.ok(swapped());
      const outsideIno = fs.statSync(path.join(outside, 'secret.txt')).ino;
      assert.ok(typeof st === 'number' || st.ino !== outsideIno, 'stat never describes the outside file');
    });
  }

  it('a deeper path: the swapped directory two levels up is not followed either', () => {
    const { sandbox, swapped } = racing(false, 'a/b/deep.txt', 1);
    const got = readAll(sandbox.open('/a/b/deep.txt', LINUX_FILE.O_RDONLY, 0));
    assert.ok(swapped());
    assert.ok(got === 'inside deep\n' || (typeof got === 'number' && got < 0), `got ${String(got)}`);
  });

  it('without a race the same sandbox reads inside files and refuses the link out once it is there', () => {
    const sandbox = new SandboxFiles(root, false);
    assert.equal(readAll(sandbox.open('/a/secret.txt', LINUX_FILE.O_RDONLY, 0)), 'inside\n');
    swap();
    assert.equal(sandbox.open('/a/secret.txt', LINUX_FILE.O_RDONLY, 0), -LINUX.EACCES);
    assert.equal(readAll(sandbox.open('/a-moved/secret.txt', LINUX_FILE.O_RDONLY, 0)), 'inside\n');
  });
});
