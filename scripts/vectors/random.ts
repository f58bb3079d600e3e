// A small seeded generator (xorshift128) and the edge values the vectors are built from.

export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    // splitmix32 spreads the seed over the four words
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() | 1;
  }

  /** Uniform unsigned 32-bit value. */
  u32(): number {
    const t = this.s0 ^ (this.s0 << 11);
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.s2 = this.s3;
    this.s3 = (this.s3 ^ (this.s3 >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return this.s3;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.u32() / 0x100000000) * n);
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.u32() / 0x100000000 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }
}

/** Mask of the low `width` bits (width 8, 16 or 32), unsigned. */
export function widthMask(width: number): number {
  return width === 32 ? 0xffffffff : (1 << width) - 1;
}

/**
 * An edge value of `width` bits: 0, 1, 2, 0x7F.., 0x80.., 0x80..01, 0xFF.., 0xFF..E, small, or
 * random (about a third of the time).
 */
export function edgeValue(rng: Random, width: number): number {
  const mask = widthMask(width);
  const top = 2 ** (width - 1);
  const choices = [0, 1, 2, top - 1, top, top + 1, mask, mask - 1, rng.below(16)];
  if (rng.chance(0.35)) return rng.u32() & mask;
  return choices[rng.below(choices.length)] >>> 0;
}

/** A 32-bit register value whose low `width` bits are an edge value and the rest random. */
export function registerValue(rng: Random, width: number): number {
  const low = edgeValue(rng, width);
  if (width === 32) return low >>> 0;
  const upper = rng.chance(0.5) ? rng.u32() : edgeValue(rng, 32);
  return ((upper & ~widthMask(width)) | low) >>> 0;
}
