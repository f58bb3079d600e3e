// Inputs the fuzz harnesses (scripts/fuzz) found that broke something, kept as tests of the
// fix: each is the minimised failing input, checked against the oracle where there is one.

import * as assert from 'assert';
import * as path from 'path';
import { assemble } from '../../src/asm/index';
import { RawDapClient, ROOT } from '../../scripts/fuzz/dapClient';

describe('fuzz findings (regressions)', function () {
  this.timeout(60000);

  it('asm: an empty section whose aligned base lies past the flat image is no internal error (NASM: eb 10 and 16 zeros)', () => {
    // Found by the asm harness: `out.set` of an empty section at an offset past the image's end.
    const source = 'jmp main\nbuffer: resb 16\nsection .text\nmain:\nsection .data\n';
    const r = assemble(source, { fileName: 'empty-section.asm' });
    assert.deepStrictEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    // `nasm -f bin` of the same source (NASM 2.16): a short jmp over the zeroed reservation.
    assert.strictEqual(Buffer.from(r.bytes!).toString('hex'), 'eb10' + '00'.repeat(16));
  });

  it('dap: disassemble far backwards is answered at once (was: 15 s and more of candidate decodes)', async () => {
    // Found by the dap harness: instructionOffset -87572 decoded ~1.3 M instructions per candidate start.
    const dc = new RawDapClient();
    try {
      await dc.request('initialize', { adapterID: 'i386', pathFormat: 'path' });
      const launched = await dc.request('launch', { program: path.join(ROOT, 'test', 'debugger', 'fixtures', 'hello.asm'), mode: 'bare', stopOnEntry: true });
      assert.strictEqual(launched?.success, true, JSON.stringify(launched));
      await dc.request('configurationDone');
      assert.ok(await dc.waitFor((m) => m.event === 'stopped'));
      const far = await dc.request('disassemble', { memoryReference: '0x1017a8', instructionOffset: -87572, instructionCount: 117 }, 5000);
      assert.ok(far, 'no answer within 5 s');
      assert.strictEqual(far.success, false);
      assert.match(far.message ?? '', /instructionOffset must be a number between -10000 and 10000/);
      const back = await dc.request('disassemble', { memoryReference: '0x1017a8', instructionOffset: -10000, instructionCount: 117 }, 5000);
      assert.strictEqual(back?.success, true, JSON.stringify(back));
      const instructions = (back.body as { instructions: { address: string }[] }).instructions;
      assert.strictEqual(instructions.length, 117);
      // The listing ends (10000 - 117) instructions before the reference: below it.
      assert.ok(Number(instructions[116].address) < 0x1017a8);
    } finally {
      await dc.close();
    }
  });
});
