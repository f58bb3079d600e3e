// Replays every golden vector of test/vectors/ (recorded on a real CPU by npm run
// gen-vectors) through the emulator: registers, EIP, EFLAGS (minus the flags the instruction
// table or iced-x86 calls undefined, test/vectors/README.md), memory windows and the exception
// vector and error code must all match.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describeFailure, replayMachine, replayVector } from '../../scripts/vectors/replay';
import type { VectorFile } from '../../scripts/vectors/vector';
import { enterUserPaged } from '../../scripts/vectors/userPaged';

const VECTOR_DIR = path.resolve(__dirname, '../../../test/vectors');
const SHOWN = 8;

// Two modes: flat CPL 0 without paging, and CPL 3 with paging on (the system layer
// must not disturb user-level results); each through the interpreter one instruction at a
// time, and inside compiled regions (compile threshold 1, replayVector's compiled mode).
for (const compiled of [false, true])
  for (const mode of ['flat CPL 0', 'CPL 3, paging on'] as const)
    describe(`golden vectors from the real CPU (${mode}${compiled ? ', compiled regions' : ''})`, function () {
      this.timeout(120000);
      const files = fs
        .readdirSync(VECTOR_DIR)
        .filter((f) => f.endsWith('.json'))
        .sort();
      const machine = replayMachine(compiled);
      const prepare = mode === 'flat CPL 0' ? undefined : enterUserPaged;

      it('exist for every family', () => {
        assert.ok(files.length >= 15, `only ${files.length} vector files in ${VECTOR_DIR}`);
      });

      if (prepare) {
        it('really run at CPL 3 through the page tables (MOV EAX, CR0 is #GP(0); a PTE is accessed)', () => {
          const v = {
            asm: 'mov eax, cr0',
            bytes: '0f20c0',
            opsize: 32,
            flagMask: 0,
            in: { regs: [0, 0, 0, 0, 0x9000, 0, 0, 0], eflags: 2, eip: 0x8800, mem: [] },
            out: {
              regs: [0, 0, 0, 0, 0x9000, 0, 0, 0],
              eflags: 2,
              eip: 0x8800,
              mem: [],
              fault: { vector: 13, errorCode: 0 },
            },
          };
          assert.deepEqual(replayVector(machine, v as unknown as VectorFile['vectors'][number], prepare), []);
          assert.equal(machine.cpu.cpl, 3);
          assert.ok(
            machine.memory.read32(0xf01000 + (0x8800 >>> 12) * 4) & 0x20,
            'the code page PTE has its accessed bit set',
          );
        });
      }

      for (const file of files) {
        const data = JSON.parse(fs.readFileSync(path.join(VECTOR_DIR, file), 'utf8')) as VectorFile;
        it(`${data.family}: ${data.vectors.length} vectors match the host CPU (${data.cpu})`, () => {
          const failures: string[] = [];
          let failed = 0;
          for (const v of data.vectors) {
            const diffs = replayVector(machine, v, prepare, compiled);
            if (diffs.length === 0) continue;
            failed++;
            if (failures.length < SHOWN) failures.push(describeFailure(v, diffs));
          }
          assert.strictEqual(
            failed,
            0,
            `${failed} of ${data.vectors.length} ${data.family} vectors differ; first ${failures.length}:\n    ${failures.join('\n    ')}`,
          );
        });
      }
    });
