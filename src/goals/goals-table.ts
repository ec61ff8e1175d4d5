import type { Gap } from './gap.js';
import type { GoalResult, ScopeResult } from './goal-result.js';
import { type MetricUnit, parseMetric, unitOf } from './metric.js';

/** The widest line the table writes: it fits a 100-column terminal. */
export const TABLE_WIDTH = 96;
const COLUMNS = [
  ['scope', 20],
  ['now', 10],
  ['target', 9],
  ['deadline', 10],
  ['status', 9],
  ['gap', 12],
  ['projected', 10],
] as const;
const RIGHT = new Set(['now', 'target', 'gap']);

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * The printed summary's goals: each goal's title, then a row of its figures, then up to `regionsShown`
 * of its regions furthest from it (missed, off-track first). Every region is in summary.json.
 */
export function goalsTable(results: readonly GoalResult[], regionsShown = 3): string[] {
  if (results.length === 0) return ['No goals.'];
  const asOf = results[0].as_of;
  const head =
    asOf === null
      ? 'Goals (undated coverage: met or not by its figures, no deadline judged):'
      : `Goals as of ${asOf}:`;
  const lines = [head, row(COLUMNS.map(([name]) => name))];
  for (const goal of results) {
    const unit = unitOf(parseMetric(goal.metric)!);
    lines.push(`  ${padded(goal.title, TABLE_WIDTH - 2, false).trimEnd()}`);
    const scope =
      goal.scope === 'total'
        ? 'total'
        : goal.scope === 'every-region'
          ? 'every region'
          : `${goal.scope.length} region${goal.scope.length === 1 ? '' : 's'}`;
    const now =
      goal.scope === 'total'
        ? show(goal.results[0].value, unit)
        : `${goal.counts.met + goal.counts['met-late']}/${goal.results.length} met`;
    const target = `${goal.comparison} ${show(goal.target, unit)}`;
    lines.push(
      row([scope, now, target, goal.deadline, goal.status, gapText(goal.gap, unit), projected(goal)]),
    );
    if (goal.scope === 'total') continue;
    for (const region of worstRegions(goal.results, regionsShown)) {
      const name = `  ${region.region} ${region.name ?? ''}`;
      lines.push(
        row([
          name,
          show(region.value, unit),
          '',
          '',
          region.status,
          gapText(region.gap, unit),
          projected(region),
        ]),
      );
    }
  }
  return lines;
}

/** The regions not meeting the goal, the most urgent first: missed, off-track, on-track; then by gap. */
function worstRegions(results: readonly ScopeResult[], count: number): ScopeResult[] {
  const rank = { missed: 0, 'off-track': 1, 'on-track': 2 } as Record<string, number>;
  return results
    .filter((r) => r.status in rank)
    .sort((a, b) => rank[a.status] - rank[b.status] || size(b.gap) - size(a.gap))
    .slice(0, count);
}

function size(gap: Gap | null): number {
  return gap?.households ?? gap?.area_km2 ?? gap?.value ?? 0;
}

function row(cells: readonly string[]): string {
  const text = cells.map((cell, k) => padded(cell, COLUMNS[k][1], RIGHT.has(COLUMNS[k][0]))).join('  ');
  return `    ${text}`.trimEnd();
}

/** The cell padded to `width`, cut with "…" when longer; numbers right-aligned. */
function padded(cell: string, width: number, right: boolean): string {
  const chars = [...cell];
  const cut = chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : cell;
  return right ? cut.padStart(width) : cut.padEnd(width);
}

function show(value: number | null, unit: MetricUnit): string {
  if (value === null) return 'n/a';
  if (unit === 'share') {
    // Never round a share short of 1 up to "100 %": the status would contradict it.
    const percent = Number((100 * value).toFixed(value > 0.999 ? 3 : 1));
    return `${value < 1 ? Math.min(percent, 99.999) : percent} %`;
  }
  if (unit === 'km2') {
    if (value > 0 && value < 0.1) return `${int.format(value * 1e6)} m²`;
    return `${value >= 1000 ? int.format(value) : value.toFixed(1)} km²`;
  }
  return int.format(value);
}

function gapText(gap: Gap | null, unit: MetricUnit): string {
  if (gap === null) return '—';
  if (gap.households !== null) return `${int.format(gap.households)} hh`;
  if (gap.area_km2 !== null) return show(gap.area_km2, 'km2');
  if (gap.value === null) return '?';
  return unit === 'share' ? `${(100 * gap.value).toFixed(1)} pp` : `${int.format(gap.value)} ${unit}`;
}

function projected(result: Pick<ScopeResult, 'projection' | 'projected_date'>): string {
  if (result.projection === 'date') return result.projected_date!;
  return { 'insufficient-data': 'too few', 'no-trend': 'no trend', 'not-needed': '—' }[result.projection];
}
