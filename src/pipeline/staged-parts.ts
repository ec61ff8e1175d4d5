import { type CellsPart, partsCellWarnings } from '../analysis/funkloch-cells-placement.js';
import type { FileDigest } from '../io/files/source.js';
import { type InputRead, inputRead, summaryRecord } from '../io/input-read.js';
import { readOptionsFor } from '../io/read-options.js';
import type { RegionsRead } from '../io/regions.js';
import { checkSkipLimit } from '../io/skip-limit.js';
import type { SkipCounts } from '../io/skipped.js';
import { checkAxesSample, NEAR } from './check-extents.js';
import type { CoveragePart } from './coverage-part.js';
import type { HouseholdPart } from './household-part.js';
import type { PreparedOptions } from './options.js';
import { shareGroups } from './share-groups.js';
import type { StagedRun } from './stage-inputs.js';

/** What the coordinator reads of a household part: all but its points. */
export type HouseholdPartMeta = Omit<
  HouseholdPart,
  'households' | 'cellStart' | 'cellHouseholds' | 'cellCounted'
>;

/**
 * The stage of a distributed run from its reading jobs' parts (coverage per snapshot, with the
 * layers its union culling culls; households per byte range, in file order) as `stageInputs` would
 * have staged the whole input: the same records, warnings and checks (the skip limit, swapped
 * axes), the same groups.
 */
export function stagedFromParts(
  options: PreparedOptions,
  regionsRead: RegionsRead,
  digest: FileDigest,
  households: readonly HouseholdPartMeta[],
  coverage: readonly CoveragePart[],
  culledLayers: readonly number[],
  order: readonly number[],
  count: number,
): StagedRun {
  const path = options.households;
  const features = households.reduce((sum, p) => sum + p.features, 0);
  const skipped = mergedSkips(households.map((p) => p.skipped));
  const crs = households.find((p) => p.crs)?.crs;
  checkSkipLimit(path, features, skipped, readOptionsFor(options.read, 'households').maxSkipped);
  const householdsRead = inputRead('households', path, 'csv', {
    features,
    digest,
    ...(crs ? { crs } : {}),
    ...(skipped ? { skipped } : {}),
  });
  checkAxes(households, path);
  const regionCount = regionsRead.regions.ids.length;
  const pointsIn = new Float64Array(regionCount);
  for (const part of households)
    for (let r = 0; r < regionCount; r++) pointsIn[r] += part.regionStart[r + 1] - part.regionStart[r];
  const { selected } = regionsRead;
  const funkloch = options.funklochCells;
  const cellWarnings = funkloch
    ? partsCellWarnings(
        funkloch === true ? {} : funkloch,
        households.map((p) => p.cells as CellsPart),
        coverage.map((part) => part.layers),
      )
    : undefined;
  return {
    groups: shareGroups(order, pointsIn, count),
    points: households.reduce((sum, p) => sum + p.points, 0),
    weight: households.reduce((sum, p) => sum + p.weight, 0),
    snapshots: coverage.map((part, k) => {
      const reads: InputRead[] = [householdsRead, ...part.inputs, regionsRead.input];
      return {
        date: part.date,
        meta: {
          coverageSemantics: part.semantics,
          layers: part.layers,
          records: reads.map(summaryRecord),
          invalid: reads.map(({ role, path, skipped, repairs }) => ({ role, path, skipped, repairs })),
          warnings: part.warnings,
          ...(selected ? { selected: [...selected] } : {}),
        },
        plan: part.plan,
        culledLayers: culledLayers[k],
        ...(cellWarnings ? { cellWarnings: cellWarnings[k] } : {}),
      };
    }),
  };
}

/** The parts' skip counts as one reader would have counted them (reasons in the order first met). */
function mergedSkips(parts: readonly (SkipCounts | undefined)[]): SkipCounts | undefined {
  const given = parts.filter((p): p is SkipCounts => p !== undefined);
  if (given.length === 0) return undefined;
  const merged: SkipCounts = { reasons: {}, households: 0 };
  for (const part of given) {
    for (const [reason, n] of Object.entries(part.reasons))
      merged.reasons[reason] = (merged.reasons[reason] ?? 0) + n;
    merged.households += part.households;
    if (!part.householdsByReason) continue;
    merged.householdsByReason ??= {};
    for (const [reason, n] of Object.entries(part.householdsByReason))
      merged.householdsByReason[reason] = (merged.householdsByReason[reason] ?? 0) + n;
  }
  return merged;
}

/** The swapped-axes check on the points of all parts, in file order, as if read as one. */
function checkAxes(parts: readonly HouseholdPartMeta[], path: string): void {
  const starts: number[] = [];
  let total = 0;
  for (const part of parts) {
    starts.push(total);
    total += part.points;
  }
  const placeOf = (i: number): number => {
    let p = starts.length - 1;
    while (starts[p] > i) p--;
    const { offside, offsidePlace } = parts[p];
    const local = i - starts[p];
    // The part's offside points are in its order: bisection.
    let lo = 0;
    let hi = offside.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (offside[mid] < local) lo = mid + 1;
      else hi = mid;
    }
    return lo < offside.length && offside[lo] === local ? offsidePlace[lo] : NEAR;
  };
  checkAxesSample(total, placeOf, parts.find((p) => p.first)?.first ?? [], path);
}
