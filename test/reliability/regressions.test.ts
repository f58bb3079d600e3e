// Inputs the fuzz harnesses (scripts/fuzz) found that broke something, kept as tests of the
// fix: each is the minimised failing input, checked against the oracle where there is one.

import * as assert from 'assert';
import * as path from 'path';
import { assemble } from '../../src/asm/index';
import { loadProgram } from '../../src/debugcore/program';
import { RawDapClient, ROOT } from '../../scripts/fuzz/dapClient';
import { fullGc, InlineClient } from '../../src/cli/benchSoak';
import { I386DebugSession } from '../../src/debugger/session';

describe('fuzz findings (regressions)', function () {
  this.timeout(60000);

  it('asm: an empty section whose aligned base lies past the flat image is no internal error (NASM: eb 10 and 16 zeros)', () => {
    // Found by the asm harness: `out.set` of an empty section at an offset past the image's end.
    const source = 'jmp main\nbuffer: resb 16\nsection .text\nmain:\nsection .data\n';
    const r = assemble(source, { fileName: 'empty-section.asm' });
    assert.deepStrictEqual(
      r.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    // `nasm -f bin` of the same source (NASM 2.16): a short jmp over the zeroed reservation.
    assert.strictEqual(Buffer.from(r.bytes!).toString('hex'), 'eb10' + '00'.repeat(16));
  });

  it('asm: an org beyond 32 bits is taken modulo 2^32 (NASM: the dwords it emits are the same), no internal error', () => {
    // Found by the asm harness: `org 95 << 53` lost precision in the image layout.
    for (const [source, nasm] of [
      ['lahf\norg 95 << 53\n', '9f'],
      ['org 0x1_0000_0000\nlahf\ndd $\n', '9f01000000'],
    ]) {
      const r = assemble(source, { fileName: 'org.asm' });
      assert.deepStrictEqual(
        r.diagnostics.map((d) => d.message),
        [],
        source,
      );
      // `nasm -f bin` of the same source (NASM 2.16).
      assert.strictEqual(Buffer.from(r.bytes!).toString('hex'), nasm, source);
    }
  });

  it('asm: an expression nested 2,000 deep is an error on its line, not an exhausted host stack', () => {
    // Found by the asm harness: 2,000 nested parentheses overflowed the parser's recursion.
    const r = assemble(`nop\ndd ${'('.repeat(2000)}1${')'.repeat(2000)}\n`, { fileName: 'deep.asm' });
    assert.deepStrictEqual(
      r.diagnostics.map((d) => `${d.line}: ${d.message}`),
      ['2: expression nests deeper than 512 levels'],
    );
    assert.strictEqual(assemble(`dd ${'('.repeat(512)}1${')'.repeat(512)}\n`, { fileName: 'deep.asm' }).ok, true);
  });

  it('elf: a segment with p_filesz above p_memsz is refused in one line (was a RangeError in the host-side loader)', () => {
    // Found by the elf harness on a mutated gcc -m32 -static executable.
    const b = new Uint8Array(52 + 32 + 100);
    const dv = new DataView(b.buffer);
    b.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
    dv.setUint16(16, 2, true); // ET_EXEC
    dv.setUint16(18, 3, true); // EM_386
    dv.setUint32(24, 0x100000, true); // e_entry
    dv.setUint32(28, 52, true); // e_phoff
    dv.setUint16(42, 32, true); // e_phentsize
    dv.setUint16(44, 1, true); // e_phnum
    dv.setUint32(52, 1, true); // PT_LOAD
    dv.setUint32(52 + 4, 84, true); // p_offset
    dv.setUint32(52 + 12, 0x100000, true); // p_paddr
    dv.setUint32(52 + 16, 100, true); // p_filesz
    dv.setUint32(52 + 20, 10, true); // p_memsz
    const r = loadProgram({ path: '/t/filesz.elf', contents: b, readFile: () => undefined, loadAddress: 0x100000 });
    assert.strictEqual(r.ok, false);
    assert.match(
      (r as { message: string }).message,
      /segment 0 has more bytes in the file \(p_filesz 100\) than in memory \(p_memsz 10\)/,
    );
  });

  it('dap: disassemble far backwards is answered at once (was: 15 s and more of candidate decodes); a numeric source path is refused', async () => {
    // Found by the dap harness: instructionOffset -87572 decoded ~1.3 M instructions per candidate start.
    const dc = new RawDapClient();
    try {
      await dc.request('initialize', { adapterID: 'i386', pathFormat: 'path' });
      const launched = await dc.request('launch', {
        program: path.join(ROOT, 'test', 'debugger', 'fixtures', 'hello.asm'),
        mode: 'bare',
        stopOnEntry: true,
      });
      assert.strictEqual(launched?.success, true, JSON.stringify(launched));
      await dc.request('configurationDone');
      assert.ok(await dc.waitFor((m) => m.event === 'stopped'));
      const far = await dc.request(
        'disassemble',
        { memoryReference: '0x1017a8', instructionOffset: -87572, instructionCount: 117 },
        5000,
      );
      assert.ok(far, 'no answer within 5 s');
      assert.strictEqual(far.success, false);
      assert.match(far.message ?? '', /instructionOffset must be a number between -10000 and 10000/);
      const back = await dc.request(
        'disassemble',
        { memoryReference: '0x1017a8', instructionOffset: -10000, instructionCount: 117 },
        5000,
      );
      assert.strictEqual(back?.success, true, JSON.stringify(back));
      const instructions = (back.body as { instructions: { address: string }[] }).instructions;
      assert.strictEqual(instructions.length, 117);
      // The listing ends (10000 - 117) instructions before the reference: below it.
      assert.ok(Number(instructions[116].address) < 0x1017a8);
      // Found by the dap harness: a numeric source.path reached path.resolve (an internal error).
      const locations = await dc.request('breakpointLocations', { source: { path: 5 }, line: 16 });
      assert.strictEqual(locations?.success, false);
      assert.match(locations.message ?? '', /^breakpointLocations needs source.path and line$/);
    } finally {
      await dc.close();
    }
  });

  it('dap: a long session holds no copy of its messages (was: the library logger queued every one, 55 MiB in 11,000 stops)', async () => {
    // Found by the soak bench: LoggingDebugSession queues each logged message until its logger
    // is set up, which never happened; the session now extends DebugSession.
    const gc = fullGc();
    const client = new InlineClient(new I386DebugSession());
    const program = path.join(ROOT, 'bench', 'soak-loop.asm');
    await client.request('initialize', { adapterID: 'i386', pathFormat: 'path' });
    await client.request('launch', { program, mode: 'bare', stopOnEntry: true, history: 0 });
    await client.untilStopped('configurationDone');
    const heap = (): number => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    for (let i = 0; i < 200; i++) await client.untilStopped('next', { threadId: 1, granularity: 'instruction' });
    const before = heap();
    for (let i = 0; i < 3000; i++) {
      await client.untilStopped('next', { threadId: 1, granularity: 'instruction' });
      await client.inspect();
    }
    const growth = heap() - before;
    await client.request('disconnect', {});
    // Queued, the 3000 stops' events and responses (stack, scopes, registers) came to several MiB.
    assert.ok(growth < 1.5 * 1024 * 1024, `the heap grew by ${(growth / 1048576).toFixed(2)} MiB over 3000 steps`);
  });
});
