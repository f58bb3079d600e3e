// Reading the kernel's console (src/kernel/console.ts) where program output and kernel lines
// meet mid-line, as they do when a thread faults before printing its newline.

import * as assert from 'node:assert/strict';
import { parseKernelConsole } from '../../src/kernel/console';

describe('kernel console', () => {
  it('separates kernel lines from program output even in the middle of a program line', () => {
    const text =
      'partial[kernel] fault: thread 2 #PF vector 0x0000000E error 0x00000007 eip 0x01000010 cr2 0x7F800000\n line\n[kernel] exit status 142\n';
    const c = parseKernelConsole(text);
    assert.equal(c.programOutput, 'partial line\n');
    assert.deepEqual(c.faults, [{ thread: 2, name: '#PF', vector: 14, error: 7, eip: 0x01000010, cr2: 0x7f800000 }]);
    assert.equal(c.exitStatus, 142);
    assert.equal(c.panic, undefined);
  });

  it('reads the boot report and a panic', () => {
    const c = parseKernelConsole(
      [
        '[kernel] mechanisms: int callgate sysenter; advertised sysenter (auto)',
        '[kernel] discovery lock-nop kip 0x7F9D1000 entry 0x01000000',
        '[kernel] panic: vector 0x0000000D error 0x00000000 eip 0x00100200 cr2 0x00000000',
        '',
      ].join('\n'),
    );
    assert.deepEqual(c.mechanismsAvailable, ['int', 'callgate', 'sysenter']);
    assert.equal(c.mechanism, 'sysenter');
    assert.equal(c.kipAddress, 0x7f9d1000);
    assert.match(c.panic!, /panic: vector 0x0000000D/);
    assert.equal(c.programOutput, '');
  });
});
