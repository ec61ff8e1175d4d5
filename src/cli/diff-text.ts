import type { DiffResult } from '../pipeline/diff-runs.js';
import type { FigureChange, RegionChange } from '../tracking/region-changes.js';
import type { TrackedDeadZone } from '../tracking/tracked-dead-zone.js';

/** Regions and dead zones listed at most. */
const SHOWN = 10;
const LARGEST = 5;

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const signed = (v: number, show: (v: number) => string) =>
  v > 0 ? `+${show(v)}` : v < 0 ? `−${show(-v)}` : '±0';
const count = (v: number) => int.format(v);
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const pp = (v: number) => `${(100 * v).toFixed(1)} pp`;
const km2 = (v: number) => `${v.toFixed(2)} km²`;

/** One screen: the totals, the regions that changed most, the dead zones by status and the largest new and closed. */
export function diffText({ diff, tracking }: DiffResult, written: readonly string[]): string {
  const lines = [
    `funkatlas diff — ${diff.old.dir} (${diff.old.date}) → ${diff.new.dir} (${diff.new.date})`,
    '',
  ];
  const changed = diff.regions.filter(hasChanged).sort(byChange);
  const rows = [
    ['region', '5G households', '5G share', 'no LTE households', 'LTE dead-zone area'],
    ['total', ...cells(diff.totals)],
    ...changed.slice(0, SHOWN).map((r) => [`${r.id} ${r.name}`.slice(0, 32), ...cells(r.figures)]),
  ];
  const widths = rows[0].map((_, k) => Math.max(...rows.map((row) => row[k].length)));
  for (const row of rows)
    lines.push(`  ${row.map((cell, k) => cell.padEnd(widths[k])).join('  ')}`.trimEnd());
  if (changed.length === 0) lines.push('  no region changed');
  else if (changed.length > SHOWN)
    lines.push(`  … and ${changed.length - SHOWN} more regions changed (diff.json lists all)`);
  const c = diff.dead_zones.counts;
  lines.push('');
  lines.push(
    `  dead zones: ${c.new} new, ${c.closed} closed, ${c.shrunk} shrunk, ${c.grown} grown, ${c.unchanged} unchanged, ${c.split} split, ${c.merged} merged`,
  );
  for (const [status, date] of [
    ['new', diff.new.date],
    ['closed', diff.old.date],
  ] as const) {
    const zones = tracking.zones
      .filter((z) => z.status === status)
      .sort(bySize(date))
      .slice(0, LARGEST);
    if (zones.length > 0) lines.push(`  largest ${status}:`);
    for (const zone of zones)
      lines.push(
        `    ${zone.id.padEnd(32)} ${km2(zone.areaKm2[date]).padStart(14)} ${count(zone.households[date]).padStart(8)} households`,
      );
  }
  if (written.length > 0) lines.push('', `  written: ${written.join(', ')}`);
  return lines.join('\n');
}

/** The figures of the table; a region where none of them changed is not listed. */
const SHOWN_FIGURES = ['households_5g', 'share_5g', 'households_no_lte', 'lte_dead_zone_area_km2'];

function hasChanged(region: RegionChange): boolean {
  return SHOWN_FIGURES.some((name) => (region.figures[name]?.change ?? 0) !== 0);
}

/** Households that gained or lost 5G or LTE first, then the dead-zone area changed, then the id. */
function byChange(a: RegionChange, b: RegionChange): number {
  const households = (r: RegionChange) =>
    Math.abs(r.figures.households_5g?.change ?? 0) + Math.abs(r.figures.households_no_lte?.change ?? 0);
  const area = (r: RegionChange) => Math.abs(r.figures.lte_dead_zone_area_km2?.change ?? 0);
  return households(b) - households(a) || area(b) - area(a) || (a.id < b.id ? -1 : 1);
}

/** The table's figures, each as `old → new (change)`. */
function cells(figures: Record<string, FigureChange>): string[] {
  const cell = (name: string, show: (v: number) => string, delta: (v: number) => string) => {
    const f = figures[name];
    if (!f || f.old === null || f.new === null) return 'n/a';
    return `${show(f.old)} → ${show(f.new)} (${signed(f.change as number, delta)})`;
  };
  return [
    cell('households_5g', count, count),
    cell('share_5g', pct, pp),
    cell('households_no_lte', count, count),
    cell('lte_dead_zone_area_km2', km2, km2),
  ];
}

function bySize(date: string) {
  return (a: TrackedDeadZone, b: TrackedDeadZone) =>
    b.households[date] - a.households[date] || b.areaKm2[date] - a.areaKm2[date] || (a.id < b.id ? -1 : 1);
}
