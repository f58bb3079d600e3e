// The debug adapter's output batching (src/debugger/outputBatch.ts), on a fake clock: events
// are batched per category run in order, capped per second with one note naming the file,
// and the file holds every byte.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OutputBatcher, type OutputCategory } from '../../src/debugger/outputBatch';

describe('debug adapter output batching', () => {
  let dir = '';
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-output-test-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function setup(bytesPerSecond: number, eventsPerSecond = 0) {
    const events: [OutputCategory, string][] = [];
    const timers: (() => void)[] = [];
    let now = 0;
    const file = path.join(dir, 'out.txt');
    const batcher = new OutputBatcher((text, category) => events.push([category, text]), {
      bytesPerSecond,
      eventsPerSecond,
      delayMs: 50,
      file,
      now: () => now,
      schedule: (run) => void timers.push(run),
    });
    const tick = (ms: number): void => {
      now += ms;
      for (const t of timers.splice(0)) t();
    };
    return { events, batcher, tick, file };
  }

  it('gathers consecutive output of one category into one event, keeping the order of categories', () => {
    const { events, batcher, tick } = setup(1 << 20);
    batcher.add('a', 'stdout');
    batcher.add('b', 'stdout');
    batcher.add('[kernel] x\n', 'console');
    batcher.add('c', 'stdout');
    assert.deepEqual(events, []);
    tick(50);
    assert.deepEqual(events, [
      ['stdout', 'ab'],
      ['console', '[kernel] x\n'],
      ['stdout', 'c'],
    ]);
  });

  it("sends each piece at once while the second's event budget lasts, then batches", () => {
    const { events, batcher, tick } = setup(1 << 20, 2);
    batcher.add('a', 'stdout');
    batcher.add('b', 'console');
    assert.deepEqual(events, [
      ['stdout', 'a'],
      ['console', 'b'],
    ]);
    batcher.add('c', 'stdout');
    batcher.add('d', 'stdout');
    assert.equal(events.length, 2);
    tick(50);
    assert.deepEqual(events[2], ['stdout', 'cd']);
    tick(1000);
    batcher.add('e', 'stdout');
    assert.deepEqual(events[3], ['stdout', 'e']);
  });

  it('sends at most the cap per second, then one note naming the file; the file has everything; the next second sends again', () => {
    const { events, batcher, tick, file } = setup(1000);
    const line = 'x'.repeat(99) + '\n';
    for (let i = 0; i < 100; i++) {
      batcher.add(line, 'stdout');
      if (i % 10 === 9) tick(50);
    }
    const sent = events.filter(([c]) => c === 'stdout').reduce((n, [, t]) => n + t.length, 0);
    assert.equal(sent, 1000);
    const notes = events.filter(([c, t]) => c === 'console' && t.includes('output truncated'));
    assert.equal(notes.length, 1);
    assert.ok(notes[0][1].includes(file), notes[0][1]);
    tick(1000);
    batcher.add('after\n', 'stdout');
    batcher.close();
    assert.deepEqual(events[events.length - 1], ['stdout', 'after\n']);
    assert.equal(fs.readFileSync(file, 'utf8'), line.repeat(100) + 'after\n');
    assert.equal(batcher.dropped, 100 * 100 - 1000);
  });
});
