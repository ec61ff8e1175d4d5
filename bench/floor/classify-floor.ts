/**
 * The classification floor beside funkatlas's `classify + count, 1 worker`: the same grid scheme as a
 * tight JS loop and in C, on the scenario's own prepared grids and points, each checked point by point
 * against classifyRange (and its household sums against countRange) so all three do the same work.
 */
import { type Classification, classifyRange } from '../../src/analysis/classify.js';
import { COL_HOUSEHOLDS, countRange, emptyCounts } from '../../src/analysis/household-counts.js';
import type { Households } from '../../src/model/households.js';
import type { ClassifyContext } from '../../src/parallel/messages.js';
import { measure, type Timing } from '../measure.js';
import { fmt } from '../report.js';
import { cFloor } from './c-floor.js';
import { sortedByCell } from './sorted-by-cell.js';
import { type FloorOutput, floorOutput, tightLoop } from './tight-loop.js';

/** Points per second of each floor, one thread (`_sorted`: points sorted by coverage cell). */
export interface FloorFigures {
  tight_js: number;
  c?: number;
  tight_js_sorted?: number;
  c_sorted?: number;
}

type FloorRow = (stage: string, t: Timing, throughput?: string, note?: string) => void;

/** The tally holds 2^layers slots a region, as countRange's does up to 8 layers. */
const MAX_LAYERS = 8;
const NOT_RUN: Timing = { runs: [], median: Number.NaN, min: Number.NaN };

export async function classifyFloor(
  context: ClassifyContext,
  runs: number,
  withSorted: boolean,
  row: FloorRow,
): Promise<FloorFigures | undefined> {
  const { regionCount, layerCount } = context.layout;
  if (layerCount > MAX_LAYERS) {
    row(
      '  floor',
      NOT_RUN,
      undefined,
      `skipped: ${layerCount} layers, the floor tallies up to ${MAX_LAYERS}`,
    );
    return undefined;
  }
  const c = cFloor(context, regionCount, layerCount);
  const figures: Partial<FloorFigures> = {};
  try {
    for (const sorted of withSorted ? [false, true] : [false]) {
      const points = sorted ? sortedByCell(context.households, context.coverageGrid) : context.households;
      const input = { ...context, households: points };
      const suffix = sorted ? ', sorted by cell' : '';
      const reference = referenceOf(context, points);
      const js = floorOutput(points.count, regionCount, layerCount);
      const jsTiming = await measure(() => tightLoop(input, layerCount, js), runs);
      const jsRate = report(
        row,
        `  floor: tight JS loop, one thread${suffix}`,
        jsTiming,
        points,
        js,
        reference,
      );
      if (jsRate !== undefined) figures[sorted ? 'tight_js_sorted' : 'tight_js'] = jsRate;
      if (!c) {
        row(`  floor: C (gcc -O2), one thread${suffix}`, NOT_RUN, undefined, 'no gcc: skipped');
        continue;
      }
      const ran = c.run(sorted ? 'sorted' : 'file', points, runs);
      const cRate = report(
        row,
        `  floor: C (gcc -O2), one thread${suffix}`,
        ran.timing,
        points,
        ran.out,
        reference,
      );
      if (cRate !== undefined) figures[sorted ? 'c_sorted' : 'c'] = cRate;
    }
  } finally {
    c?.close();
  }
  return figures.tight_js === undefined ? undefined : (figures as FloorFigures);
}

interface Reference extends Classification {
  households: Float64Array;
}

/** classifyRange's answers and countRange's households per region (the last: outside every region). */
function referenceOf(context: ClassifyContext, points: Households): Reference {
  const n = points.count;
  const input = { ...context, households: points };
  const out = { mask: new Uint32Array(n), region: new Int32Array(n) };
  classifyRange(input, out, 0, n);
  const counts = emptyCounts(context.layout);
  countRange(context.layout, context.layers, points, out, counts, 0, n);
  const { regionCount, stride } = context.layout;
  const households = new Float64Array(regionCount + 1);
  for (let r = 0; r <= regionCount; r++) households[r] = counts[r * stride + COL_HOUSEHOLDS];
  return { ...out, households };
}

/** Adds the row; its rate when the floor's answers are classifyRange's, else a row that says how they differ. */
function report(
  row: FloorRow,
  stage: string,
  t: Timing,
  points: Households,
  out: FloorOutput,
  reference: Reference,
): number | undefined {
  let masks = 0;
  let regions = 0;
  for (let i = 0; i < points.count; i++) {
    if (out.mask[i] !== reference.mask[i]) masks++;
    if (out.region[i] !== reference.region[i]) regions++;
  }
  const masksPerRegion = (out.tallyWeight.length - 1) / (reference.households.length - 1);
  let sums = 0;
  for (let r = 0; r < reference.households.length; r++) {
    let w = 0;
    for (let m = 0; m < masksPerRegion && r * masksPerRegion + m < out.tallyWeight.length; m++)
      w += out.tallyWeight[r * masksPerRegion + m];
    if (w !== reference.households[r]) sums++;
  }
  if (masks + regions + sums > 0) {
    row(
      stage,
      t,
      undefined,
      `FAILED: differs from classifyRange in ${masks} masks, ${regions} regions, ${sums} region sums`,
    );
    return undefined;
  }
  const rate = points.count / (t.median / 1000);
  row(stage, t, `${fmt(rate)} pts/s`, 'same masks, regions and household sums as classifyRange');
  return rate;
}
