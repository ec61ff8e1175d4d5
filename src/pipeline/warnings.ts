import { type Bounds, overlapShare } from '../geometry/bounds.js';
import { mainSkipReason } from '../io/skip-limit.js';
import type { Layer } from '../model/coverage.js';
import type { InputRecord, SummaryWarning } from '../model/summary.js';
import type { InvalidEntry } from './invalid-summary.js';

/**
 * Below this share of the regions' box a coverage file's box counts as partial: a national or
 * state-wide file covers its box all but fully, so half is a clear sign of a wrong or cut file.
 */
export const PARTIAL_SHARE = 0.5;

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
 * Coverage that cannot reach the regions: a file with no coverage at all, one whose box misses the
 * regions' box or covers less than PARTIAL_SHARE of it, and operators a file names but that have no
 * layer (every feature of theirs skipped). Boxes only: cheap, and no false alarm for gaps inside.
 */
export function coverageWarnings(
  files: readonly CoverageFileExtent[],
  layers: readonly Layer[],
  regions: Bounds | null,
): SummaryWarning[] {
  const warnings: SummaryWarning[] = [];
  const covered = new Set(layers.map((l) => l.operator));
  const reported = new Set<string>();
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
    if (regions === null) continue;
    const share = overlapShare(regions, extent);
    if (share === 0)
      warnings.push({
        code: 'coverage-outside-regions',
        input: path,
        message: `${path}: its coverage ${show(extent)} lies outside the regions ${show(regions)}: it covers no household in them (another area, or the wrong CRS?)`,
      });
    else if (share < PARTIAL_SHARE)
      warnings.push({
        code: 'coverage-partial',
        input: path,
        message: `${path}: its coverage ${show(extent)} reaches only ${Math.round(share * 100)} % of the regions' extent ${show(regions)}: households beyond it count as uncovered`,
      });
  }
  return warnings;
}

/** One warning per input that lost features to `--invalid skip|repair`. */
export function skipWarnings(
  entries: readonly InvalidEntry[],
  records: readonly InputRecord[],
): SummaryWarning[] {
  return entries.flatMap(({ path, role, skipped }) => {
    const count = Object.values(skipped?.reasons ?? {}).reduce((sum, n) => sum + n, 0);
    if (skipped === undefined || count === 0) return [];
    const features = records.find((r) => r.path === path && r.role === role)?.features ?? count;
    const [reason, n] = mainSkipReason(skipped);
    return [
      {
        code: 'skipped',
        input: path,
        message: `${path}: ${count} of ${features} features skipped as invalid, most for ${reason} (${n}); see invalid in summary.json`,
      },
    ];
  });
}
