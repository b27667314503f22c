// The benches' deterministic random numbers: xorshift32 from a fixed seed, so every run (and
// every machine) measures the same corpus.

/** `rand()` in [0, 1) and `pick(list)`, from `seed` (a 32-bit integer). */
export function seededRandom(seed) {
  let state = seed;
  const rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  const pick = (list) => list[Math.floor(rand() * list.length)];
  return { rand, pick };
}
