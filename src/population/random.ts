/**
 * Seeded pseudo-random numbers for the synthetic population. `Math.random` cannot be seeded, and the
 * population must be reproducible from (seed, batch index) alone, so the generator carries its own.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter): 128 bits of state, passes PractRand into the
 * terabytes, and costs a handful of 32-bit operations in JavaScript.
 */

/** Mixes integers into one well-spread 32-bit value (murmur3's finaliser after each part). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= part >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** FNV-1a, so strings (address codes, names) can take part in `hash32`. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A table of values and relative weights, drawn by binary search over the running totals. */
export class Weighted<T> {
  private readonly values: T[];
  private readonly totals: number[];

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.values = [];
    this.totals = [];
    let sum = 0;
    for (const [value, weight] of entries) {
      if (!(weight > 0)) continue;
      sum += weight;
      this.values.push(value);
      this.totals.push(sum);
    }
    if (this.values.length === 0) throw new Error('a weighted table needs at least one positive weight');
  }

  draw(random: Random): T {
    const target = random.next() * this.totals[this.totals.length - 1]!;
    let low = 0;
    let high = this.totals.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.totals[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return this.values[low]!;
  }
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Every part of the seed matters: (seed, batch) and (seed, batch + 1) give unrelated streams. */
  constructor(...seedParts: number[]) {
    this.a = hash32(0xa1, ...seedParts);
    this.b = hash32(0xb2, ...seedParts);
    this.c = hash32(0xc3, ...seedParts);
    this.d = 1;
    // The sfc32 author's advice: discard the first outputs so similar seeds diverge fully.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: ArrayLike<T>): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(table: Weighted<T>): T {
    return table.draw(this);
  }

  /** Standard normal by Box–Muller. */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median: incomes, floor areas, anything with a long right tail. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A calendar date (YYYY-MM-DD) between two others, both included. */
  dateBetween(from: string, to: string): string {
    const day = this.int(Date.parse(from) / 86_400_000, Date.parse(to) / 86_400_000);
    return new Date(day * 86_400_000).toISOString().slice(0, 10);
  }
}
