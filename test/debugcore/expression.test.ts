import * as assert from 'assert';
import { ExpressionError, evaluateExpression, type ExpressionScope } from '../../src/debugcore/expression';
import { BreakpointTable, interpolateLogMessage, parseHitCondition } from '../../src/debugcore/breakpoints';
import { LoadedImage } from '../../src/debugcore/image';

// A scope over a small memory array and fixed registers: enough to check the evaluator.
function scope(
  regs: Record<string, number>,
  memory: Map<number, number>,
  symbols: Record<string, number> = {},
): ExpressionScope {
  return {
    register: (name) => regs[name],
    symbol: (name) => symbols[name],
    read: (address, size) => {
      let v = 0;
      for (let i = size - 1; i >= 0; i--) {
        const b = memory.get(address + i);
        if (b === undefined) return undefined;
        v = v * 256 + b;
      }
      return v;
    },
  };
}

function bytesAt(address: number, bytes: number[]): Map<number, number> {
  return new Map(bytes.map((b, i) => [address + i, b]));
}

describe('debugger expressions', () => {
  const mem = bytesAt(0x1000, [0x78, 0x56, 0x34, 0x12, 0x00, 0x20, 0x00, 0x00]);
  const s = scope({ eax: 3, esp: 0x1000, ebx: 0xffffffff }, mem, { buffer: 0x1004 });

  it('reads numbers in decimal, 0x, h-suffix and binary forms', () => {
    assert.strictEqual(evaluateExpression('42', s), 42);
    assert.strictEqual(evaluateExpression('0x2A', s), 42);
    assert.strictEqual(evaluateExpression('2Ah', s), 42);
    assert.strictEqual(evaluateExpression('0b101010', s), 42);
    assert.strictEqual(evaluateExpression("'AB'", s), 0x4241);
  });

  it('follows C precedence and unsigned 32-bit arithmetic', () => {
    assert.strictEqual(evaluateExpression('1 + 2 * 3', s), 7);
    assert.strictEqual(evaluateExpression('(1 + 2) * 3', s), 9);
    assert.strictEqual(evaluateExpression('-1', s), 0xffffffff);
    assert.strictEqual(evaluateExpression('ebx + 1', s), 0);
    assert.strictEqual(evaluateExpression('1 << 4 | 1', s), 17);
    assert.strictEqual(evaluateExpression('ebx >> 28', s), 15);
    assert.strictEqual(evaluateExpression('~0 ^ 0xff', s), 0xffffff00);
    assert.strictEqual(evaluateExpression('7 / 2 + 7 % 2', s), 4);
  });

  it('compares unsigned and combines with && || !', () => {
    assert.strictEqual(evaluateExpression('ebx > 0', s), 1);
    assert.strictEqual(evaluateExpression('eax == 3 && [esp+4] > 0x1000', s), 1);
    assert.strictEqual(evaluateExpression('eax == 3 && [esp+4] > 0x2000', s), 0);
    assert.strictEqual(evaluateExpression('!(eax != 3) || [0] == 0', s), 1);
  });

  it('reads memory as dword by default and byte/word/dword when sized', () => {
    assert.strictEqual(evaluateExpression('[esp]', s), 0x12345678);
    assert.strictEqual(evaluateExpression('byte [esp]', s), 0x78);
    assert.strictEqual(evaluateExpression('word [esp+2]', s), 0x1234);
    assert.strictEqual(evaluateExpression('dword ptr [buffer]', s), 0x2000);
  });

  it('short-circuits so a guarded read of unreadable memory is not attempted', () => {
    assert.strictEqual(evaluateExpression('0 && [0x5000]', s), 0);
    assert.throws(() => evaluateExpression('[0x5000]', s), /0x5000 is not readable/);
  });

  it('names the problem and its column in errors', () => {
    assert.throws(
      () => evaluateExpression('eax +', s),
      (e: unknown) => e instanceof ExpressionError && /at the end/.test(e.message),
    );
    assert.throws(() => evaluateExpression('nosuch + 1', s), /unknown register or label 'nosuch'/);
    assert.throws(() => evaluateExpression('[eax', s), /expected '\]'/);
    assert.throws(() => evaluateExpression('1 / 0', s), /division by zero/);
    assert.throws(() => evaluateExpression('0x1ffffffff', s), /does not fit/);
    try {
      evaluateExpression('eax # 1', s);
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof ExpressionError);
      assert.strictEqual(e.column, 5);
    }
  });

  it('interpolates {expression} in log messages', () => {
    assert.strictEqual(interpolateLogMessage('eax={eax} top={[esp]}', s), 'eax=0x3 top=0x12345678');
    assert.match(interpolateLogMessage('{nosuch}', s), /<unknown register or label 'nosuch'>/);
  });
});

describe('breakpoint table', () => {
  const image = new LoadedImage(
    'program',
    0x100000,
    new Uint8Array(16),
    0x100000,
    [
      { file: '/p/a.asm', line: 3, address: 0x100000, length: 5 },
      { file: '/p/a.asm', line: 4, address: 0x100005, length: 2 },
      { file: '/p/a.asm', line: 7, address: 0x100007, length: 1 },
    ],
    [
      { name: 'start', address: 0x100000, kind: 'label' },
      { name: 'loop', address: 0x100005, kind: 'label' },
      { name: 'N', address: 5, kind: 'equ' },
    ],
  );

  it('moves a breakpoint on a line without code to the next line with code', () => {
    const t = new BreakpointTable();
    const [a, b, c] = t.setSourceBreakpoints('/p/a.asm', [{ line: 5 }, { line: 3 }, { line: 9 }], [image]);
    assert.deepStrictEqual([a.verified, a.line?.line, a.addresses], [true, 7, [0x100007]]);
    assert.deepStrictEqual([b.verified, b.addresses], [true, [0x100000]]);
    assert.strictEqual(c.verified, false);
    assert.match(c.problem ?? '', /no code at or after line 9/);
    assert.deepStrictEqual([...t.addresses()].sort(), [0x100000, 0x100007]);
  });

  it('resolves function breakpoints to labels only', () => {
    const t = new BreakpointTable();
    const [a, b] = t.setFunctionBreakpoints([{ name: 'loop' }, { name: 'N' }], [image]);
    assert.deepStrictEqual(a.addresses, [0x100005]);
    assert.strictEqual(b.verified, false);
  });

  it('stops only when the condition holds and the hit condition is met', () => {
    const t = new BreakpointTable();
    t.setInstructionBreakpoints([{ address: 0x100005, condition: 'eax == 3', hitCondition: '2' }]);
    const regs = { eax: 3 };
    const sc = scope(regs, new Map());
    assert.strictEqual(t.decide(0x100005, sc).action, 'continue');
    assert.strictEqual(t.decide(0x100005, sc).action, 'stop');
    regs.eax = 4;
    assert.strictEqual(t.decide(0x100005, sc).action, 'continue');
    assert.strictEqual(t.all()[0].hits, 2);
  });

  it('logpoints log instead of stopping, and a broken condition is reported', () => {
    const t = new BreakpointTable();
    t.setInstructionBreakpoints([
      { address: 0x100000, logMessage: 'eax is {eax}' },
      { address: 0x100007, condition: '[0x9999] == 1' },
    ]);
    const sc = scope({ eax: 10 }, new Map());
    assert.deepStrictEqual(t.decide(0x100000, sc), { action: 'log', messages: ['eax is 0xa'] });
    const v = t.decide(0x100007, sc);
    assert.strictEqual(v.action, 'error');
  });

  it('rejects an unparsable condition as an unverified breakpoint with the reason', () => {
    const t = new BreakpointTable();
    const [bp] = t.setInstructionBreakpoints([{ address: 1, condition: 'eax ==' }]);
    assert.strictEqual(bp.verified, false);
    assert.match(bp.problem ?? '', /expected/);
    assert.strictEqual(t.size, 0);
  });

  it('parses hit conditions', () => {
    assert.deepStrictEqual(parseHitCondition('5'), { op: '>=', count: 5 });
    assert.deepStrictEqual(parseHitCondition('% 3'), { op: '%', count: 3 });
    assert.deepStrictEqual(parseHitCondition('==2'), { op: '==', count: 2 });
    assert.throws(() => parseHitCondition('every 3'));
  });
});
