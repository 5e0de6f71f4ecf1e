/**
 * MT19937 (Matsumoto & Nishimura 1998) seeded like NumPy's legacy `np.random.seed(int)`
 * (`init_genrand`), with `random()` equal to `np.random.rand()` / `random_sample()` (53-bit
 * doubles from two 32-bit draws). It exists so that splits can reproduce published protocols that
 * were defined with NumPy's global generator (Microsoft Recommenders' `python_stratified_split`).
 */
export class Mt19937 {
  readonly #state = new Uint32Array(624);
  #index = 624;

  constructor(seed: number) {
    const mt = this.#state;
    mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const previous = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * previous + i, in 32-bit arithmetic.
      mt[i] = (Math.imul(1812433253, previous) + i) >>> 0;
    }
  }

  /** Next 32-bit unsigned integer (`genrand_int32`). */
  nextUint32(): number {
    if (this.#index >= 624) this.#twist();
    let y = this.#state[this.#index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Uniform double in [0, 1) exactly as NumPy's `random_sample`. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  #twist(): void {
    const mt = this.#state;
    for (let i = 0; i < 624; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff);
      let next = mt[(i + 397) % 624] ^ (y >>> 1);
      if (y & 1) next ^= 0x9908b0df;
      mt[i] = next >>> 0;
    }
    this.#index = 0;
  }
}
