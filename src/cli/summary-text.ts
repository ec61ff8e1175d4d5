import { basename, join } from 'node:path';
import { share } from '../analysis/stats.js';
import { goalsTable } from '../goals/goals-table.js';
import type { MarginLevelFigures, MarginsSummary } from '../model/summary.js';
import type { AnalysisResult } from '../pipeline/analyze.js';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const pct = (v: number | null) => (v === null ? '   n/a' : `${(100 * v).toFixed(1).padStart(5)} %`);
const km2 = (v: number) => `${v.toFixed(1)} km²`;

/** One screen: the latest snapshot's totals, the snapshots, the goals, the largest dead zones. */
export function summaryText(result: AnalysisResult, outDir: string, written: readonly string[]): string {
  const { summary, deadZones, regions } = result;
  const t = summary.totals;
  const lines: string[] = [];
  lines.push(
    `funkatlas ${summary.tool.version} — ${plural(summary.regions.length, 'region')}, ${int.format(t.households)} households`,
  );
  const synthetic = [
    ...new Set(summary.inputs.filter((input) => input.synthetic).map((input) => input.path)),
  ];
  if (synthetic.length > 0)
    lines.push(`  coverage is SYNTHETIC (marked so in ${synthetic.join(', ')}): no real operator's network`);
  const predicted = [
    ...new Set(summary.inputs.filter((input) => input.predicted).map((input) => input.path)),
  ];
  if (predicted.length > 0)
    lines.push(
      `  coverage is PREDICTED (funkatlas predict: ${predicted.join(', ')}): a model, not a measurement`,
    );
  const invalid = summary.invalid;
  if (invalid && (invalid.skipped.length > 0 || invalid.repaired_total > 0)) {
    const reasons = invalid.skipped
      .map((s) => `${int.format(s.features)} ${s.reason}${s.role === 'households' ? '' : ` (${s.role})`}`)
      .join(', ');
    const households = int.format(summary.households_balance.skipped);
    if (reasons) lines.push(`  skipped: ${reasons} (${households} households) — see summary.json "invalid"`);
    if (invalid.skipped.some((s) => s.role === 'regions'))
      lines.push('  a skipped region is not analysed: its households count as outside all regions');
    if (invalid.skipped.some((s) => s.reason === 'no-household-size'))
      lines.push(
        '  cells with population but no household size were left out: give --household-size to count them',
      );
    if (invalid.repaired_total > 0)
      lines.push(
        `  repaired: ${plural(invalid.repaired_total, 'geometry', 'geometries')} (--invalid=repair)`,
      );
  }
  lines.push('');
  lines.push(`  5G households      ${int.format(t.households_5g).padStart(12)}  ${pct(t.share_5g)}`);
  lines.push(`  LTE households     ${int.format(t.households_lte).padStart(12)}  ${pct(t.share_lte)}`);
  lines.push(
    `  no LTE (white)     ${int.format(t.households_no_lte).padStart(12)}  ${pct(share(t.households_no_lte, t.households))}`,
  );
  lines.push(
    `  one LTE op. (grey) ${int.format(t.households_single_lte).padStart(12)}  ${pct(share(t.households_single_lte, t.households))}`,
  );
  lines.push(
    `  area with 5G       ${km2(t.area_5g_km2).padStart(14)} of ${km2(t.area_km2)}  ${pct(t.share_area_5g)}`,
  );
  lines.push(
    `  LTE dead zones     ${km2(t.lte_dead_zone_area_km2).padStart(14)} in ${plural(deadZones.length, 'part')}`,
  );
  if (t.funkloch_cells && summary.funkloch_cells)
    lines.push(
      `  Funkloch cells     ${int.format(t.funkloch_cells.count).padStart(12)}  of ${int.format(t.funkloch_cells.inhabited_cells)} inhabited ${summary.funkloch_cells.cell_size} m cells (${int.format(t.funkloch_cells.households)} households)`,
    );
  for (const [name, op] of Object.entries(t.operators)) {
    lines.push(`  ${name.padEnd(18)} 5G ${pct(op.share_5g)}   LTE ${pct(op.share_lte)}`);
  }
  if (summary.outside_regions.points > 0)
    lines.push(
      `  outside ${summary.options.region_filter ? 'the selected' : 'all'} regions: ${int.format(summary.outside_regions.households)} households at ${plural(summary.outside_regions.points, 'point')}`,
    );

  if (summary.margins) lines.push(...marginLines(summary.margins, summary.snapshots.length > 1));

  if (summary.snapshots.length > 1) {
    lines.push('');
    lines.push('Snapshots:            5G households   no LTE (white)   LTE dead zones');
    for (const snap of summary.snapshots)
      lines.push(
        `  ${snap.date ?? 'undated'}          ${pct(snap.totals.share_5g)}   ${int.format(snap.totals.households_no_lte).padStart(14)}   ${plural(snap.lte_dead_zones.count, 'part').padStart(14)}`,
      );
  }
  const changes = summary.dead_zone_changes;
  if (changes) {
    const said = Object.entries(changes.counts)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${int.format(n)} ${status}`);
    lines.push(`  LTE dead zones from ${changes.from} to ${changes.to}: ${said.join(', ') || 'none'}`);
  }
  lines.push('');
  lines.push(...goalsTable(summary.goals));

  const worst = deadZones.filter((z) => z.households > 0).slice(0, 5);
  lines.push('');
  lines.push(
    worst.length > 0 ? 'Largest LTE dead zones by households:' : 'No household lies in an LTE dead zone.',
  );
  for (const z of worst) {
    const r = z.region;
    lines.push(
      `  ${int.format(z.households).padStart(8)} households  ${km2(z.area_km2).padStart(11)}  ${regions.names[r]} (${regions.ids[r]})`,
    );
  }
  lines.push('');
  lines.push(`Wrote ${join(outDir, `{${written.map((path) => basename(path)).join(', ')}}`)}`);
  return lines.join('\n');
}

/** Each headline metric with its values at the loosest and the strictest level. */
function marginLines(margins: MarginsSummary, dated: boolean): string[] {
  const { levels } = margins.totals;
  const [loose, strict] = [levels[0], levels[levels.length - 1]];
  const nominal = levels.find((l) => l.margin_db === 0) as MarginLevelFigures;
  const db = (l: MarginLevelFigures) =>
    `${l.margin_db > 0 ? '+' : l.margin_db < 0 ? '−' : ''}${Math.abs(l.margin_db)} dB`;
  const range = (label: string, value: (l: MarginLevelFigures) => string) =>
    `  ${label.padEnd(18)} ${value(nominal).trim()}  (${db(loose)} ${value(loose).trim()} … ${db(strict)} ${value(strict).trim()})`;
  const count = (key: 'households_no_lte' | 'households_single_lte') => (l: MarginLevelFigures) =>
    int.format(l[key]);
  return [
    '',
    `How sure (threshold moved ${db(loose)} … ${db(strict)}; + is stricter${dated ? '; the latest snapshot' : ''}):`,
    range('5G households', (l) => pct(l.share_5g)),
    range('LTE households', (l) => pct(l.share_lte)),
    range('no LTE (white)', count('households_no_lte')),
    range('one LTE op. (grey)', count('households_single_lte')),
  ];
}

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${int.format(count)} ${count === 1 ? noun : nouns}`;
}
