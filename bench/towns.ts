/** A town of a generated scenario: households cluster around it, more around heavier towns. */
export interface Town {
  x: number;
  y: number;
  weight: number;
  spread: number;
}

/** Draws towns by weight: one random number each, a binary search over the cumulative weights. */
export function townPicker<T extends Town>(towns: readonly T[], rnd: () => number): () => T {
  const total = towns.reduce((s, t) => s + t.weight, 0);
  let acc = 0;
  const cumulative = towns.map((t) => (acc += t.weight / total));
  return () => {
    const u = rnd();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return towns[lo];
  };
}
