/**
 * Weighted maximum coverage: candidate c covers the elements items[offset[c] .. offset[c + 1] − 1]
 * (element e weighs weight[e]); choose k candidates covering the most weight.
 */
export interface CoverSets {
  offset: Uint32Array;
  items: Uint32Array;
  weight: ArrayLike<number>;
}

export interface GreedyResult {
  /** Candidates in the order chosen. */
  chosen: number[];
  /** Each one's marginal weight when chosen. */
  gains: number[];
  total: number;
  /**
   * An upper bound on the best k candidates' weight: the least of total / (1 − 1/e) (Nemhauser, Wolsey
   * and Fisher 1978) and f(S) + the k largest marginal gains against S (Leskovec et al. 2007), for S
   * the empty set and the chosen set.
   */
  upperBound: number;
  /** Marginal gains computed: CELF's lazy evaluation needs far fewer than k × candidates. */
  evaluations: number;
}

/**
 * The greedy algorithm with lazy evaluation (CELF, Leskovec et al. 2007): a candidate's gain can only
 * shrink as others are chosen, so a candidate whose gain, recomputed this round, still tops the heap of
 * older gains is the greedy choice. Ties go to the lower candidate index (deterministic). Stops early
 * when no candidate adds anything.
 */
export function greedyMaxCoverage(sets: CoverSets, k: number): GreedyResult {
  const n = sets.offset.length - 1;
  const covered = new Uint8Array(sets.weight.length);
  const gainOf = (c: number) => {
    let sum = 0;
    for (let j = sets.offset[c]; j < sets.offset[c + 1]; j++) {
      const e = sets.items[j];
      if (covered[e] === 0) sum += sets.weight[e];
    }
    return sum;
  };
  const heap = new GainHeap();
  const singles: number[] = [];
  for (let c = 0; c < n; c++) {
    const g = gainOf(c);
    singles.push(g);
    heap.push(g, c, 0);
  }
  let evaluations = n;
  const chosen: number[] = [];
  const gains: number[] = [];
  let total = 0;
  for (let round = 0; chosen.length < k && heap.size > 0; ) {
    const top = heap.pop();
    if (top.gain <= 0) break;
    if (top.round === round) {
      chosen.push(top.candidate);
      gains.push(top.gain);
      total += top.gain;
      for (let j = sets.offset[top.candidate]; j < sets.offset[top.candidate + 1]; j++)
        covered[sets.items[j]] = 1;
      round++;
      continue;
    }
    heap.push(gainOf(top.candidate), top.candidate, round);
    evaluations++;
  }
  const finalGains = Array.from({ length: n }, (_, c) => (chosen.includes(c) ? 0 : gainOf(c)));
  const topK = (values: number[]) =>
    [...values]
      .sort((a, b) => b - a)
      .slice(0, k)
      .reduce((s, v) => s + v, 0);
  const upperBound = Math.min(total / (1 - 1 / Math.E), topK(singles), total + topK(finalGains));
  return { chosen, gains, total, upperBound: Math.max(total, upperBound), evaluations };
}

/** The best k candidates by trying every k-subset: for tests on small cases only. */
export function exhaustiveMaxCoverage(sets: CoverSets, k: number): number {
  const n = sets.offset.length - 1;
  let best = 0;
  const pick: number[] = [];
  const visit = (from: number) => {
    if (pick.length === Math.min(k, n)) {
      const seen = new Set<number>();
      for (const c of pick) for (let j = sets.offset[c]; j < sets.offset[c + 1]; j++) seen.add(sets.items[j]);
      let sum = 0;
      for (const e of seen) sum += sets.weight[e];
      best = Math.max(best, sum);
      return;
    }
    for (let c = from; c < n; c++) {
      pick.push(c);
      visit(c + 1);
      pick.pop();
    }
  };
  visit(0);
  return best;
}

/** A max-heap of (gain, candidate, round): larger gain first, then the lower candidate. */
class GainHeap {
  private readonly gain: number[] = [];
  private readonly candidate: number[] = [];
  private readonly round: number[] = [];

  get size(): number {
    return this.gain.length;
  }

  push(gain: number, candidate: number, round: number): void {
    this.gain.push(gain);
    this.candidate.push(candidate);
    this.round.push(round);
    let i = this.gain.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { gain: number; candidate: number; round: number } {
    const top = { gain: this.gain[0], candidate: this.candidate[0], round: this.round[0] };
    const last = this.gain.length - 1;
    this.swap(0, last);
    this.gain.pop();
    this.candidate.pop();
    this.round.pop();
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.gain.length && this.before(l, m)) m = l;
      if (r < this.gain.length && this.before(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    return (
      this.gain[a] > this.gain[b] || (this.gain[a] === this.gain[b] && this.candidate[a] < this.candidate[b])
    );
  }

  private swap(a: number, b: number): void {
    for (const column of [this.gain, this.candidate, this.round]) {
      const t = column[a];
      column[a] = column[b];
      column[b] = t;
    }
  }
}
