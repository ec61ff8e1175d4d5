import { type Bounds, boundsByOwner, overlapShare } from '../geometry/bounds.js';
import { invalidSkips, mainSkipReason } from '../io/skip-limit.js';
import type { Coverage, Layer } from '../model/coverage.js';
import type { InputRecord, SummaryWarning } from '../model/summary.js';
import type { InvalidEntry } from './invalid-summary.js';

/**
 * Below this share of the regions' area (measured by their boxes) a coverage file's box counts as
 * partial: a national or state-wide file reaches all of its regions, so half is a clear sign of a
 * wrong or cut file. Per region, so regions far apart do not count the empty land between them.
 */
const PARTIAL_SHARE = 0.5;

/** One coverage file as read: its box, and the operators it names. */
export interface CoverageFileExtent {
  path: string;
  features: number;
  extent: Bounds | null;
  operators: readonly string[];
}

const show = (box: Bounds) => `[${box.map((v) => Number(v.toFixed(4))).join(', ')}]`;
const quoted = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(', ');

/**
 * Coverage that cannot reach the regions: a file with no coverage at all, one whose box meets no
 * region's box or less than PARTIAL_SHARE of their area, and operators a file names but that have no
 * layer (every feature of theirs skipped). Boxes only: cheap, and no false alarm for gaps inside.
 */
export function coverageWarnings(
  files: readonly CoverageFileExtent[],
  layers: readonly Layer[],
  regions: readonly (Bounds | null)[],
): SummaryWarning[] {
  const warnings: SummaryWarning[] = [];
  const covered = new Set(layers.map((l) => l.operator));
  const reported = new Set<string>();
  const boxes = regions.filter((b): b is Bounds => b !== null);
  const all = boxes.length === 0 ? null : boxes.reduce(union);
  const area = boxes.reduce((sum, b) => sum + (b[2] - b[0]) * (b[3] - b[1]), 0);
  for (const { path, features, extent, operators } of files) {
    const missing = operators.filter((o) => !covered.has(o) && !reported.has(o));
    for (const o of missing) reported.add(o);
    const without = missing.length > 0 ? `; operator ${quoted(missing)} gets no coverage` : '';
    if (extent === null) {
      warnings.push({
        code: 'coverage-empty',
        input: path,
        message: `${path}: no coverage in it (none of its ${features} features or cells is valid and covered)${without}`,
      });
      continue;
    }
    if (missing.length > 0)
      warnings.push({
        code: 'operator-without-coverage',
        input: path,
        message: `${path}: operator ${quoted(missing)} is named, but none of its features was valid: it gets no coverage`,
      });
    if (all === null) continue;
    const reached = boxes.filter((b) => overlapShare(b, extent) > 0).length;
    const share =
      area > 0
        ? boxes.reduce((sum, b) => sum + overlapShare(b, extent) * (b[2] - b[0]) * (b[3] - b[1]), 0) / area
        : reached / boxes.length;
    if (reached === 0)
      warnings.push({
        code: 'coverage-outside-regions',
        input: path,
        message: `${path}: its coverage ${show(extent)} lies outside the regions ${show(all)}: it covers no household in them (another area, or the wrong CRS?)`,
      });
    else if (share < PARTIAL_SHARE)
      warnings.push({
        code: 'coverage-partial',
        input: path,
        message: `${path}: its coverage ${show(extent)} reaches only ${Math.round(share * 100)} % of the regions' area (${reached} of ${boxes.length} regions) in ${show(all)}: households beyond it count as uncovered`,
      });
  }
  return warnings;
}

/**
 * Per operator (all its technologies together, as a small network may rightly have 5G in a few
 * towns only): its coverage's box meets no region's box while its file reaches them — operator C's
 * features misplaced beside A's and B's. Not said again when each of its files is outside or empty;
 * no "partial" per operator, as a regional operator or a small test area would be a false alarm.
 */
export function operatorWarnings(
  files: readonly CoverageFileExtent[],
  coverage: Coverage,
  regions: readonly (Bounds | null)[],
  fileWarnings: readonly SummaryWarning[],
): SummaryWarning[] {
  const boxes = regions.filter((b): b is Bounds => b !== null);
  if (boxes.length === 0) return [];
  const all = boxes.reduce(union);
  const byOperator = new Map<string, Bounds>();
  boundsByOwner(coverage.polygons, coverage.layers.length).forEach((box, l) => {
    if (box === null) return;
    const operator = coverage.layers[l].operator;
    const seen = byOperator.get(operator);
    byOperator.set(operator, seen ? union(seen, box) : box);
  });
  const unreached = new Set(
    fileWarnings
      .filter((w) => w.code === 'coverage-outside-regions' || w.code === 'coverage-empty')
      .map((w) => w.input),
  );
  const warnings: SummaryWarning[] = [];
  for (const [operator, box] of byOperator) {
    if (boxes.some((b) => overlapShare(b, box) > 0)) continue;
    const named = files.filter((f) => f.operators.includes(operator)).map((f) => f.path);
    if (named.length > 0 && named.every((path) => unreached.has(path))) continue;
    const input = named[0] ?? files[0]?.path ?? '';
    warnings.push({
      code: 'operator-outside-regions',
      input,
      message: `${input}: operator ${quoted([operator])} has coverage only in ${show(box)}, which meets none of the regions (in ${show(all)}): it covers no household in them (its features misplaced, or in another CRS?)`,
    });
  }
  return warnings;
}

function union(a: Bounds, b: Bounds): Bounds {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** One warning per input that lost features to `--invalid skip|repair` (cells without data are no loss). */
export function skipWarnings(
  entries: readonly InvalidEntry[],
  records: readonly InputRecord[],
): SummaryWarning[] {
  return entries.flatMap(({ path, role, skipped }) => {
    const count = invalidSkips(skipped);
    if (skipped === undefined || count === 0) return [];
    const features = records.find((r) => r.path === path && r.role === role)?.features ?? count;
    const [reason, n] = mainSkipReason(skipped, true);
    return [
      {
        code: 'skipped',
        input: path,
        message: `${path}: ${count} of ${features} features skipped as invalid, most for ${reason} (${n}); see invalid in summary.json`,
      },
    ];
  });
}

/** No households at all, or none in the regions: every share is n/a and no goal can be checked. */
export function householdWarnings(read: number, inRegions: number, path: string): SummaryWarning[] {
  if (read === 0)
    return [
      { code: 'households-empty', input: path, message: `${path}: no households in it: every figure is 0` },
    ];
  if (inRegions === 0)
    return [
      {
        code: 'households-outside-regions',
        input: path,
        message: `${path}: none of its ${read} households lies in a region`,
      },
    ];
  return [];
}
