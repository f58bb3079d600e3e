import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasNasm, nasmBin, runCli, tempDir } from './cliProcess';

// Each image is written as bytes with its NASM source beside it; when nasm is installed the
// test first checks that nasm assembles the source to exactly these bytes.
interface Image {
  source: string;
  bytes: number[];
}

const HELLO: Image = {
  source: `bits 32
org 0x100000
mov dx, 0xe9
mov al, 'H'
out dx, al
mov al, 'i'
out dx, al
mov ax, 0x1234
out 0x80, ax
mov eax, 0xdeadbeef
out 0x84, eax
mov al, 10
out 0xe9, al
cli
hlt
`,
  bytes: [
    0x66,
    0xba,
    0xe9,
    0x00, // mov dx, 0xe9
    0xb0,
    0x48,
    0xee, // mov al, 'H'; out dx, al
    0xb0,
    0x69,
    0xee, // mov al, 'i'; out dx, al
    0x66,
    0xb8,
    0x34,
    0x12,
    0x66,
    0xe7,
    0x80, // mov ax, 0x1234; out 0x80, ax
    0xb8,
    0xef,
    0xbe,
    0xad,
    0xde,
    0xe7,
    0x84, // mov eax, 0xdeadbeef; out 0x84, eax
    0xb0,
    0x0a,
    0xe6,
    0xe9, // mov al, 10; out 0xe9, al
    0xfa,
    0xf4, // cli; hlt
  ],
};

const UD2: Image = { source: 'bits 32\nud2\n', bytes: [0x0f, 0x0b] };
const CPUID_HLT: Image = {
  source: 'bits 32\nxor eax, eax\ncpuid\ncli\nhlt\n',
  bytes: [0x31, 0xc0, 0x0f, 0xa2, 0xfa, 0xf4],
};
const SPIN: Image = { source: 'bits 32\nspin: jmp spin\n', bytes: [0xeb, 0xfe] };
const STI_HLT: Image = { source: 'bits 32\nsti\nhlt\n', bytes: [0xfb, 0xf4] };

describe('i386-lab run --bare', () => {
  let dir: string;
  const files = new Map<Image, string>();

  before(() => {
    dir = tempDir();
    for (const [name, image] of [
      ['hello', HELLO],
      ['ud2', UD2],
      ['cpuid', CPUID_HLT],
      ['spin', SPIN],
      ['sti-hlt', STI_HLT],
    ] as const) {
      if (hasNasm())
        assert.deepEqual(
          [...nasmBin(image.source)],
          image.bytes,
          `${name}: the hand-written bytes are what nasm makes of the source`,
        );
      const file = path.join(dir, `${name}.bin`);
      fs.writeFileSync(file, Uint8Array.from(image.bytes));
      files.set(image, file);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sends bytes OUT to port 0xE9 to stdout and ends on HLT with status 0 and the reason on stderr', () => {
    const r = runCli(['run', '--bare', files.get(HELLO)!, '--load-at', '0x100000']);
    assert.equal(r.stdout, 'Hi\n');
    assert.equal(
      r.stderr,
      `halted at 0x${(0x100000 + HELLO.bytes.length).toString(16).padStart(8, '0')} after 13 instructions\n`,
    );
    assert.equal(r.status, 0);
  });

  it('--trace-ports prints every OUT, any port and size, as a hex line in order with the E9 bytes', () => {
    const r = runCli(['run', '--bare', files.get(HELLO)!, '--load-at', '1048576', '--trace-ports']);
    assert.equal(r.stdout, '00e9 48\nH\n00e9 69\ni\n0080 1234\n0084 deadbeef\n00e9 0a\n\n');
    assert.equal(r.status, 0);
  });

  it('stops at --max-instructions with status 1', () => {
    const r = runCli(['run', '--bare', files.get(HELLO)!, '--load-at', '0x100000', '--max-instructions', '3']);
    assert.equal(r.stdout, 'H');
    assert.equal(r.stderr, 'instruction limit reached at 0x00100007 after 3 instructions\n');
    assert.equal(r.status, 1);
  });

  it('stops a program that never halts at the limit', () => {
    const r = runCli(['run', '--bare', files.get(SPIN)!, '--load-at', '0x200000', '--max-instructions', '100000']);
    assert.equal(r.stderr, 'instruction limit reached at 0x00200000 after 100000 instructions\n');
    assert.equal(r.status, 1);
  });

  it('a HLT with interrupts enabled ends the run only when nothing can interrupt it, and says so', () => {
    const r = runCli(['run', '--bare', files.get(STI_HLT)!, '--load-at', '0x100000']);
    assert.equal(
      r.stderr,
      'halted with interrupts enabled and nothing to wake it at 0x00100002 after 2 instructions\n',
    );
    assert.equal(r.status, 0);
  });

  it('--entry starts at an address other than the load address', () => {
    // Entered at `mov al, 10` (offset 0x18): only the newline is printed.
    const r = runCli(['run', '--bare', files.get(HELLO)!, '--load-at', '0x100000', '--entry', '0x100018']);
    assert.equal(r.stdout, '\n');
    assert.equal(r.stderr, 'halted at 0x0010001e after 4 instructions\n');
    assert.equal(r.status, 0);
  });

  it('an exception nobody handles ends the run with status 1, naming it', () => {
    // Flat mode sets up no IDT: the machine reports the #UD undelivered, at the faulting
    // instruction (a fault: EIP on the instruction, SDM Vol.3 6.5), with nothing retired.
    const r = runCli(['run', '--bare', files.get(UD2)!, '--load-at', '0x100000']);
    assert.equal(r.stderr, 'exception #UD at 0x00100000 after 0 instructions\n');
    assert.equal(r.status, 1);
  });

  it('--cpu picks the model: CPUID is #UD on the i386 and executes on the Pentium II', () => {
    const i386 = runCli(['run', '--bare', files.get(CPUID_HLT)!, '--load-at', '0x100000', '--cpu', 'i386']);
    assert.equal(i386.stderr, 'exception #UD at 0x00100002 after 1 instructions\n');
    assert.equal(i386.status, 1);
    const p2 = runCli(['run', '--bare', files.get(CPUID_HLT)!, '--load-at', '0x100000', '--cpu', 'pentium-ii']);
    assert.equal(p2.stderr, 'halted at 0x00100006 after 4 instructions\n');
    assert.equal(p2.status, 0);
  });

  it('--entry reset runs a ROM from F000:FFF0 (fetched at FFFFFFF0 through the ROM alias)', () => {
    // A 64 KiB ROM: at FFF0 a far jump to F000:0000, which prints 'R' and halts (real mode).
    const rom = new Uint8Array(0x10000).fill(0xff);
    rom.set([0xb0, 0x52, 0xe6, 0xe9, 0xfa, 0xf4], 0); // mov al, 'R'; out 0xe9, al; cli; hlt
    rom.set([0xea, 0x00, 0x00, 0x00, 0xf0], 0xfff0); // jmp 0xf000:0x0000
    const file = path.join(dir, 'rom.bin');
    fs.writeFileSync(file, rom);
    const r = runCli(['run', '--bare', file, '--load-at', '0xf0000', '--entry', 'reset']);
    assert.equal(r.stdout, 'R');
    assert.equal(r.stderr, 'halted at 0x000f0006 after 5 instructions\n');
    assert.equal(r.status, 0);
  });

  it('--entry reset refuses an image outside the last 64 KiB below 1 MiB', () => {
    const r = runCli(['run', '--bare', files.get(HELLO)!, '--load-at', '0x100000', '--entry', 'reset']);
    assert.match(r.stderr, /--entry reset needs the image within 0xf0000\.\.0xfffff/);
    assert.equal(r.status, 2);
  });

  describe('usage errors exit with status 2 and name the flag', () => {
    const cases: [string, string[], RegExp][] = [
      ['missing --load-at', ['--bare', 'IMAGE'], /--load-at ADDR is required/],
      ['a bad address', ['--bare', 'IMAGE', '--load-at', '0xg'], /--load-at: '0xg' is not a number/],
      [
        'an address past 4 GiB',
        ['--bare', 'IMAGE', '--load-at', '0x100000000'],
        /--load-at: '0x100000000' is not a number from 0 to 0xffffffff/,
      ],
      ['a bad entry', ['--bare', 'IMAGE', '--load-at', '0', '--entry', 'start'], /--entry: 'start' is not a number/],
      ['an unknown model', ['--bare', 'IMAGE', '--load-at', '0', '--cpu', 'z80'], /--cpu: unknown model 'z80'/],
      [
        'a bad instruction count',
        ['--bare', 'IMAGE', '--load-at', '0', '--max-instructions', 'lots'],
        /--max-instructions: 'lots' is not a number/,
      ],
      ['an unknown option', ['--bare', 'IMAGE', '--load-at', '0', '--fast'], /unknown option '--fast'/],
      [
        'a missing image file',
        ['--bare', '/nonexistent/image.bin', '--load-at', '0'],
        /^i386-lab run: cannot read '\/nonexistent\/image.bin': ENOENT \(no such file or directory\)\n$/,
      ],
    ];
    for (const [what, args, message] of cases) {
      it(what, () => {
        const r = runCli(['run', ...args.map((a) => (a === 'IMAGE' ? files.get(HELLO)! : a))]);
        assert.match(r.stderr, message);
        assert.equal(r.stdout, '');
        assert.equal(r.status, 2);
      });
    }
  });

  it('run PROGRAM without --bare runs it under the kernel: a missing file is a usage error', () => {
    const r = runCli(['run', 'no-such-program.asm']);
    assert.equal(r.stderr, "i386-lab run: cannot read 'no-such-program.asm': ENOENT (no such file or directory)\n");
    assert.equal(r.stdout, '');
    assert.equal(r.status, 2);
  });
});
