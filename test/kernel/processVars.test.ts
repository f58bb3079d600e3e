// A process that is not running keeps its kernel variables in one page of its own (P_VARS,
// src/kernel/linux_fork.asm): the variables listed in `process_vars` (address, size pairs
// ending with 0) are copied there and back on a switch. Read from the assembled kernel, as a
// debugger would: the list must fit in a page, and every entry must name a kernel variable.

import * as assert from 'node:assert/strict';
import { MULTIBOOT } from '../../src/kernel/abi';
import { buildKernel } from '../../src/cli/kernelRun';

const PAGE = 4096;

describe('kernel process variables', () => {
  it('fit in the page a process that is not running keeps them in', () => {
    const kernel = buildKernel();
    assert.ok(kernel.ok, kernel.ok ? '' : kernel.message);
    const { bytes, symbols } = kernel.value;
    const list = symbols.get('process_vars');
    assert.notEqual(list, undefined, 'the kernel has no symbol process_vars');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const dword = (address: number): number => view.getUint32(address - MULTIBOOT.KERNEL_LOAD, true);
    const variables = new Set(symbols.values());
    let total = 0;
    let entries = 0;
    for (let at = list!; dword(at) !== 0; at += 8) {
      const address = dword(at);
      const size = dword(at + 4);
      assert.ok(variables.has(address), `process_vars entry ${entries} (0x${address.toString(16)}) is no kernel label`);
      assert.ok(size > 0 && size < PAGE, `process_vars entry ${entries} has size ${size}`);
      total += size;
      entries++;
    }
    assert.ok(entries > 10, `only ${entries} process variables found`);
    assert.ok(total <= PAGE, `the process variables take ${total} bytes, more than a page`);
  });
});
