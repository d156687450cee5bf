/**
 * A small seeded PRNG (sfc32) for synthetic data. Never Math.random: tests, benchmarks and the
 * bundled example must be byte-identical for a given seed on every machine and run.
 *
 * Only integer ops feed the generator state; the float helpers (normal, poisson) use Math.log,
 * Math.exp and Math.cos, which V8 computes with the same fdlibm port on every platform.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks an item with probability proportional to its (non-negative) weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  chance(p: number): boolean;
  normal(mean: number, sd: number): number;
  /** Poisson count: exact (CDF inversion) up to lambda 30, a rounded normal above. */
  poisson(lambda: number): number;
  /** Successes in n trials of probability p. */
  binomial(n: number, p: number): number;
}

/** Murmur3's finaliser: spreads every input bit over the 32-bit output. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a seed: FNV-1a over a string's UTF-16 units, or an integer's two words. */
export function hashSeed(seed: number | string): number {
  if (typeof seed === 'number' && Number.isSafeInteger(seed)) {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 0x1_0000_0000) >>> 0;
    return mix32(lo ^ mix32(hi + 0x9e3779b9));
  }
  const text = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

// Cumulative weight tables per `weighted` input, so a constant table is summed once, not per draw.
const cumulativeCache = new WeakMap<object, Float64Array>();

function cumulativeOf(items: readonly (readonly [unknown, number])[]): Float64Array {
  let table = cumulativeCache.get(items);
  if (table === undefined) {
    table = new Float64Array(items.length);
    let total = 0;
    for (let i = 0; i < items.length; i++) {
      total += Math.max(0, items[i]![1]);
      table[i] = total;
    }
    cumulativeCache.set(items, table);
  }
  return table;
}

/**
 * sfc32 with a `reseed` that derives a fresh stream from (seed, salt1, salt2) without allocating,
 * so a generator can keep one instance and give every row (and every company) its own stream.
 */
export class SeededRandom implements Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number | string = 0) {
    this.reseed(hashSeed(seed));
  }

  /** Restarts the stream from an already hashed seed (see hashSeed) and two integer salts. */
  reseed(seedHash: number, salt1 = 0, salt2 = 0): this {
    this.a = mix32(seedHash ^ mix32(salt1 + 0x9e3779b9));
    this.b = mix32(this.a ^ mix32(salt2 + 0x7f4a7c15));
    this.c = mix32(this.b + 0x6a09e667);
    this.d = 1;
    // Warm-up: sfc32's first outputs after a structured seed are still correlated.
    for (let i = 0; i < 12; i++) this.nextUint32();
    return this;
  }

  private nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick: no items');
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const table = cumulativeOf(items);
    const total = table[table.length - 1];
    if (total === undefined || total <= 0) throw new Error('weighted: no positive weight');
    const r = this.next() * total;
    for (let i = 0; i < table.length; i++) if (r < table[i]!) return items[i]![0];
    return items[items.length - 1]![0];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(mean: number, sd: number): number {
    // Box-Muller; 1 - next() is in (0, 1], so the log is finite.
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    // Inversion (walk the CDF with one uniform) rather than Knuth's product of k+1 uniforms:
    // same distribution, and the generator draws millions of counts.
    let p = Math.exp(-lambda);
    let cdf = p;
    let k = 0;
    const u = this.next();
    while (u > cdf && p > 0) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  }

  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n > 500) return Math.min(n, Math.max(0, Math.round(this.normal(n * p, Math.sqrt(n * p * (1 - p))))));
    // Inversion again: one uniform per draw instead of one per trial.
    const odds = p / (1 - p);
    let prob = Math.pow(1 - p, n);
    let cdf = prob;
    let k = 0;
    const u = this.next();
    while (u > cdf && k < n) {
      prob *= ((n - k) / (k + 1)) * odds;
      k++;
      cdf += prob;
    }
    return k;
  }
}

export function createRandom(seed: number | string): SeededRandom {
  return new SeededRandom(seed);
}
