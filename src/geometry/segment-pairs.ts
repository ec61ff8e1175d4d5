import Flatbush from 'flatbush';

/** Segment boxes as columns, and scratch space for an order of the segments (as long as they). */
interface SegmentBoxes {
  minX: Float64Array;
  maxX: Float64Array;
  minY: Float64Array;
  maxY: Float64Array;
  order: Uint32Array;
}

/** Tests a pair of segments (the earlier first); a result ends the search. */
type PairTest<T> = (a: number, b: number) => T | undefined;

/** Segments by their left end; each is tested against the earlier ones whose x-range still reaches it. */
export function sweep<T>(n: number, boxes: SegmentBoxes, pair: PairTest<T>): T | undefined {
  const { minX, maxX } = boxes;
  const sorted = sortedByMinX(n, boxes);
  const active: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = sorted[i];
    const left = minX[s];
    let kept = 0;
    for (let k = 0; k < active.length; k++) {
      const a = active[k];
      if (maxX[a] < left) continue;
      active[kept++] = a;
      const problem = pair(a, s);
      if (problem) return problem;
    }
    active.length = kept;
    active.push(s);
  }
  return undefined;
}

/**
 * The sweep's pairs from an index: for each segment in minX order, the earlier ones whose boxes
 * meet it, in that order — the pairs the sweep tests, without its active list growing to all.
 */
export function indexedSweep<T>(n: number, boxes: SegmentBoxes, pair: PairTest<T>): T | undefined {
  const { minX, maxX, minY, maxY } = boxes;
  const sorted = sortedByMinX(n, boxes);
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) {
    const s = sorted[i];
    index.add(minX[s], minY[s], maxX[s], maxY[s]);
  }
  index.finish();
  for (let i = 0; i < n; i++) {
    const s = sorted[i];
    const earlier = index.search(minX[s], minY[s], maxX[s], maxY[s], (j) => j < i).sort((a, b) => a - b);
    for (const j of earlier) {
      const problem = pair(sorted[j], s);
      if (problem) return problem;
    }
  }
  return undefined;
}

function sortedByMinX(n: number, { minX, order }: SegmentBoxes): Uint32Array {
  for (let s = 0; s < n; s++) order[s] = s;
  return order.subarray(0, n).sort((a, b) => minX[a] - minX[b]);
}
