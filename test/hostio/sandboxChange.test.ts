// The --fs sandbox's calls that change names, modes, owners and times (rename, link, symlink,
// chmod, chown, utimes, truncate, mknod) and statfs: each path is walked from DIR's descriptor,
// so a link leading out of DIR in either path of a rename or link is refused (EACCES) and nothing
// outside changes; under read-only --fs every change is EROFS once the path is found (ENOENT
// first for a missing file, as a read-only Linux mount answers). A directory of the path swapped
// for a link between the walk and the change (the step hook) does not redirect it either.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SandboxFiles } from '../../src/debugcore/hostFiles';
import { LINUX, LINUX_FS } from '../../src/kernel/abi';

describe('the --fs sandbox: calls that change files', () => {
  let dir = '';
  let root = '';
  let outside = '';
  /** The outside directory's state: every name with its mode, size and mtime. */
  const snapshot = (): string =>
    fs
      .readdirSync(outside)
      .sort()
      .map((n) => {
        const st = fs.lstatSync(path.join(outside, n));
        return `${n} ${st.mode.toString(8)} ${st.size} ${st.mtimeMs} ${st.nlink}`;
      })
      .join('\n');
  let before = '';

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-change-'));
    root = path.join(dir, 'root');
    outside = path.join(dir, 'outside');
    fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(root, 'file.txt'), 'inside\n');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside\n');
    fs.chmodSync(path.join(outside, 'secret.txt'), 0o644);
    fs.symlinkSync(outside, path.join(root, 'out')); // a directory link leading out
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'secret-link')); // a file link out
    fs.symlinkSync('../..', path.join(root, 'sub', 'up')); // climbs above DIR
    before = snapshot();
  });
  afterEach(() => {
    assert.equal(snapshot(), before, 'the outside directory changed');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const T = { seconds: 1234567890, nanoseconds: 0 };

  it('refuses every way out in either path of rename and link, and every followed link out', () => {
    const box = new SandboxFiles(root, true);
    const ways = ['out/secret.txt', 'sub/up/outside/secret.txt', 'secret-link/x', '../x', 'sub/../../x'];
    for (const way of ways) {
      assert.equal(box.rename(way, 'taken', 0), -LINUX.EACCES, `rename from ${way}`);
      assert.equal(box.rename('file.txt', way, 0), -LINUX.EACCES, `rename to ${way}`);
      assert.equal(box.link(way, 'taken', false), -LINUX.EACCES, `link from ${way}`);
      assert.equal(box.link('file.txt', way, false), -LINUX.EACCES, `link to ${way}`);
      assert.equal(box.symlink(new TextEncoder().encode('file.txt'), way), -LINUX.EACCES, `symlink at ${way}`);
      assert.equal(box.chmod(way, 0o600, true), -LINUX.EACCES, `chmod ${way}`);
      assert.equal(box.chown(way, -1, -1, true), -LINUX.EACCES, `chown ${way}`);
      assert.equal(box.utimes(way, T, T, true), -LINUX.EACCES, `utimes ${way}`);
      assert.equal(box.truncate(way, 0), -LINUX.EACCES, `truncate ${way}`);
      assert.equal(box.mknod(way, 0o644), -LINUX.EACCES, `mknod ${way}`);
      assert.equal(typeof box.statfs(way), 'number', `statfs ${way}`);
    }
    // A link out as the last name: followed, refused; not followed (rename, link, lchown), the link itself.
    assert.equal(box.chmod('secret-link', 0o600, true), -LINUX.EACCES);
    assert.equal(box.utimes('secret-link', T, T, true), -LINUX.EACCES);
    assert.equal(box.truncate('secret-link', 0), -LINUX.EACCES);
    assert.equal(box.link('secret-link', 'followed', true), -LINUX.EACCES);
    assert.equal(box.link('secret-link', 'hard-link-to-link', false), 0);
    assert.ok(fs.lstatSync(path.join(root, 'hard-link-to-link')).isSymbolicLink());
    assert.equal(box.utimes('secret-link', T, T, false), 0);
    assert.equal(fs.lstatSync(path.join(root, 'secret-link')).mtimeMs, T.seconds * 1000);
    assert.equal(box.rename('secret-link', 'sub/moved-link', 0), 0);
    assert.equal(fs.readlinkSync(path.join(root, 'sub', 'moved-link')), path.join(outside, 'secret.txt'));
    // Storing any text as a link is allowed; following it out is what is refused.
    assert.equal(box.symlink(new TextEncoder().encode('/etc/passwd'), 'abs'), 0);
    // DIR/etc/passwd is not there: a followed link to nothing is EACCES in the sandbox.
    assert.equal(box.chmod('abs', 0o600, true), -LINUX.EACCES);
  });

  it('changes names, modes, owners, times and sizes inside DIR as the host does', () => {
    const box = new SandboxFiles(root, true);
    const at = (n: string): string => path.join(root, n);
    assert.equal(box.rename('file.txt', 'sub/renamed.txt', 0), 0);
    assert.equal(fs.readFileSync(at('sub/renamed.txt'), 'utf8'), 'inside\n');
    fs.writeFileSync(at('other.txt'), 'other\n');
    assert.equal(box.rename('other.txt', 'sub/renamed.txt', LINUX_FS.RENAME_NOREPLACE), -LINUX.EEXIST);
    assert.equal(box.rename('other.txt', 'sub/renamed.txt', LINUX_FS.RENAME_EXCHANGE), 0);
    assert.equal(fs.readFileSync(at('other.txt'), 'utf8'), 'inside\n');
    assert.equal(fs.readFileSync(at('sub/renamed.txt'), 'utf8'), 'other\n');
    assert.equal(box.rename('missing', 'x', LINUX_FS.RENAME_EXCHANGE), -LINUX.ENOENT);
    assert.equal(box.rename('/', 'x', 0), -LINUX.EBUSY);
    assert.equal(box.link('other.txt', 'hard', false), 0);
    assert.equal(fs.statSync(at('other.txt')).nlink, 2);
    assert.equal(box.link('sub', 'dirlink', false), -LINUX.EPERM);
    assert.equal(box.symlink(new TextEncoder().encode('other.txt'), 'soft'), 0);
    assert.equal(box.chmod('soft', 0o640, true), 0);
    assert.equal(fs.statSync(at('other.txt')).mode & 0o7777, 0o640);
    assert.equal(box.utimes('soft', T, undefined, true), 0);
    assert.equal(fs.statSync(at('other.txt')).atimeMs, T.seconds * 1000);
    const st = fs.statSync(at('other.txt'));
    assert.equal(box.chown('other.txt', st.uid, st.gid, true), 0);
    assert.equal(box.truncate('soft', 3), 0);
    assert.equal(fs.readFileSync(at('other.txt'), 'utf8'), 'ins');
    assert.equal(box.truncate('sub', 0), -LINUX.EISDIR);
    assert.equal(box.mknod('made', 0o604), 0);
    assert.equal(fs.statSync(at('made')).mode & 0o7777, 0o604);
    assert.equal(box.mknod('made', 0o604), -LINUX.EEXIST);
    const sfs = box.statfs('sub');
    assert.ok(typeof sfs !== 'number' && sfs.bsize > 0 && !sfs.readOnly);
  });

  it('read-only: ENOENT for what is not there, else EROFS, and nothing changes', () => {
    const box = new SandboxFiles(root, false);
    const enc = new TextEncoder();
    assert.equal(box.chmod('missing', 0o600, true), -LINUX.ENOENT);
    assert.equal(box.truncate('missing', 0), -LINUX.ENOENT);
    for (const r of [
      box.rename('file.txt', 'x', 0),
      box.link('file.txt', 'x', false),
      box.symlink(enc.encode('file.txt'), 'x'),
      box.chmod('file.txt', 0o600, true),
      box.chown('file.txt', -1, -1, true),
      box.utimes('file.txt', T, T, true),
      box.truncate('file.txt', 0),
      box.mknod('x', 0o644),
    ])
      assert.equal(r, -LINUX.EROFS);
    assert.equal(fs.readFileSync(path.join(root, 'file.txt'), 'utf8'), 'inside\n');
    assert.deepEqual(fs.readdirSync(root).sort(), ['file.txt', 'out', 'secret-link', 'sub']);
    const sfs = box.statfs('/');
    assert.ok(typeof sfs !== 'number' && sfs.readOnly);
  });

  it('a directory swapped for a link out between the walk and the change does not redirect it', () => {
    fs.mkdirSync(path.join(root, 'a'));
    fs.writeFileSync(path.join(root, 'a', 'secret.txt'), 'inside\n');
    const calls: Array<[string, (box: SandboxFiles) => number]> = [
      ['rename', (box) => box.rename('a/secret.txt', 'taken', 0)],
      ['link', (box) => box.link('a/secret.txt', 'taken', false)],
      ['chmod', (box) => box.chmod('a/secret.txt', 0o600, true)],
      ['utimes', (box) => box.utimes('a/secret.txt', T, T, true)],
      ['truncate', (box) => box.truncate('a/secret.txt', 0)],
      ['chown', (box) => box.chown('a/secret.txt', -1, -1, false)],
    ];
    for (const [name, call] of calls) {
      const box = new SandboxFiles(root, true);
      let swapped = false;
      box.onStep = (host) => {
        if (swapped || host !== path.join(root, 'a', 'secret.txt')) return;
        fs.renameSync(path.join(root, 'a'), path.join(root, 'a-moved'));
        fs.symlinkSync(outside, path.join(root, 'a'));
        swapped = true;
      };
      call(box);
      assert.ok(swapped, name);
      // Whatever the call did, it did it to the file the walk found (now in a-moved), never outside.
      fs.rmSync(path.join(root, 'a'));
      fs.rmSync(path.join(root, 'taken'), { force: true });
      fs.renameSync(path.join(root, 'a-moved'), path.join(root, 'a'));
      fs.writeFileSync(path.join(root, 'a', 'secret.txt'), 'inside\n');
    }
  });
});
