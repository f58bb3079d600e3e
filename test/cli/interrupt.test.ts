// Ctrl-C during `demo` and `bench`: one line on stderr naming what was interrupted, status
// 130, no stack trace, and no child process (qemu-i386, a native run) left behind. A terminal's
// Ctrl-C signals the whole foreground process group, so the command runs in a group of its
// own and the signal goes to the group; `kill -INT PID` reaches only the command itself.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { CLI } from './cliProcess';
import { EXIT } from '../../src/cli/options';

interface Ended {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
  /** Processes still in the command's process group after it ended. */
  leftovers: string[];
}

/** The command lines of live processes whose process group is `pgid` (from /proc). */
function groupMembers(pgid: number): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1');
      // pid (comm) state ppid pgrp ...: comm may hold spaces, so read after its ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z')
        found.push(fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1').replace(/\0/g, ' '));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * Starts the CLI in its own process group, waits until stderr or stdout matches `ready`, then
 * sends SIGINT to the group (`group`) or to the command alone.
 */
function interruptWhen(args: string[], ready: RegExp, group: boolean): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const look = (): void => {
      if (sent || !ready.test(stdout + stderr)) return;
      sent = true;
      if (group) process.kill(-child.pid!, 'SIGINT');
      else child.kill('SIGINT');
    };
    child.stdout.setEncoding('latin1').on('data', (d: string) => {
      stdout += d;
      look();
    });
    child.stderr.setEncoding('latin1').on('data', (d: string) => {
      stderr += d;
      look();
    });
    child.on('error', reject);
    child.on('close', (status, signal) => {
      resolve({ stdout, stderr, status, signal, leftovers: groupMembers(child.pid!) });
    });
  });
}

function assertInterrupted(r: Ended, command: string): void {
  const what = `status ${r.status} signal ${r.signal}\nstderr: ${r.stderr}`;
  assert.equal(r.status, EXIT.INTERRUPTED, what);
  assert.doesNotMatch(r.stderr, /\n\s+at /, what);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  const notes = lines.filter((l) => /interrupted/.test(l));
  assert.equal(notes.length, 1, what);
  assert.match(lines[lines.length - 1], new RegExp(`^i386-lab ${command}: interrupted \\(Ctrl-C\\) \\S.*$`), what);
  assert.ok(r.stderr.endsWith('\n'), what);
  assert.deepEqual(r.leftovers, [], 'no process of the command is left running');
}

describe('Ctrl-C (SIGINT) during demo and bench', function () {
  this.timeout(600_000);

  it('demo: Ctrl-C at the terminal after the first table line stops it with one line, status 130', async () => {
    const r = await interruptWhen(['demo'], /The bare machine/, true);
    assertInterrupted(r, 'demo');
    assert.match(
      r.stderr,
      /^i386-lab demo: interrupted \(Ctrl-C\) while (probing the bare machine|running the kernel)/,
    );
    assert.doesNotMatch(r.stdout, /The stub each KIP advertises/, 'the demo stopped before its end');
  });

  it('demo: kill -INT on the command alone stops it the same way', async () => {
    const r = await interruptWhen(['demo'], /The guest kernel running/, false);
    assertInterrupted(r, 'demo');
    assert.match(r.stderr, /while running the kernel \(before [a-z0-9-]+, \d of \d done\)/);
  });

  it('bench: Ctrl-C at the terminal while native and qemu-i386 runs are timed kills them and says where', async () => {
    // After the emulator's figure of the first row come the native and the qemu-i386 runs
    // (child processes); the signal reaches them with the command, as a terminal's does.
    const r = await interruptWhen(['bench', '--suite', 'cpu', '--quick'], /int-loop: emulator/, true);
    assertInterrupted(r, 'bench');
    assert.match(r.stderr, /\ni386-lab bench: interrupted \(Ctrl-C\) during cpu [a-z0-9-]+\n$/);
    assert.equal(r.stdout, '', 'no table of a bench that did not finish');
  });

  it('bench: kill -INT on the command alone stops it before the next measurement', async () => {
    const r = await interruptWhen(['bench', '--suite', 'asm', '--quick'], /measuring/, false);
    assertInterrupted(r, 'bench');
    assert.match(r.stderr, /\ni386-lab bench: interrupted \(Ctrl-C\) (during|before) asm [a-z0-9-]+\n$/);
  });
});
