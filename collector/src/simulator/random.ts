const POISSON_CHUNK = 500;

/** A small seeded generator (mulberry32), so a simulation can be replayed exactly. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  integer(min: number, max: number): number {
    return Math.floor(this.between(min, max + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** How many events of a Poisson process with mean `mean` fall in one step. */
  poisson(mean: number): number {
    // exp(-mean) underflows to 0 past a mean of about 745, which would cap
    // the count there; a sum of Poisson draws is Poisson, so split the mean.
    let count = 0;
    let remaining = mean;
    for (; remaining > POISSON_CHUNK; remaining -= POISSON_CHUNK) {
      count += this.poissonSmall(POISSON_CHUNK);
    }
    return count + this.poissonSmall(remaining);
  }

  private poissonSmall(mean: number): number {
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count += 1;
      product *= this.next();
    }
    return count;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
}
