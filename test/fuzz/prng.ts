/**
 * Seeded PRNG for the fuzz tests, so a failure can be replayed exactly: every random choice
 * (stanza shapes, mutations, batch sizes) comes from one Rng built from the printed seed.
 */

/** mulberry32: tiny, fast, good enough for test-case generation (not for crypto). */
export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(table: ReadonlyArray<readonly [number, T]>): T {
    const total = table.reduce((n, [w]) => n + w, 0);
    let r = this.next() * total;
    for (const [w, v] of table) if ((r -= w) < 0) return v;
    return table[table.length - 1][1];
  }
}

/**
 * The seed to use: `?fuzz-seed=N` on the test page (a --manual / --debug run), else FUZZ_SEED
 * as written into the page by test/fuzz/web-test-runner.config.mjs, else a fresh random one.
 * Every failure message carries the seed. FUZZ_STANZAS / `?fuzz-stanzas=` change the count.
 */
export function fuzzSettings(): { seed: number; stanzas?: number } {
  const params = new URLSearchParams(location.search);
  const env = (window as { __FUZZ_ENV__?: { seed?: string; stanzas?: string } }).__FUZZ_ENV__ ?? {};
  const num = (param: string, fallback: string | undefined) => Number.parseInt(params.get(param) ?? fallback ?? '', 10);
  let seed = num('fuzz-seed', env.seed);
  const stanzas = num('fuzz-stanzas', env.stanzas);
  if (!Number.isFinite(seed)) seed = Math.floor(Math.random() * 2 ** 31);
  return { seed: seed >>> 0, ...(Number.isFinite(stanzas) && stanzas > 0 ? { stanzas } : {}) };
}
