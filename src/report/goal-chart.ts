import type { GoalResult } from '../goals/goal-result.js';
import type { Summary } from '../model/summary.js';
import { escapeXml } from './escape.js';
import { type Lang, label } from './labels.js';
import { formatNumber, formatPercent } from './number-format.js';
import { PAGE_COLORS, VIRIDIS_5 } from './palette.js';

const W = 420;
const H = 220;
const PAD = { left: 64, right: 16, top: 16, bottom: 40 };
const DAY = 86_400_000;

interface Point {
  t: number;
  v: number;
}

/**
 * One goal's chart as inline SVG: its metric over the snapshots (the total; the regions' own lines
 * faint for an every-region goal), the goal line, the deadline and the projection to the projected date.
 */
export function goalChartSvg(goal: GoalResult, summary: Summary, lang: Lang): string {
  const isShare = goal.metric.startsWith('share');
  const format = (v: number) => (isShare ? formatPercent(v, lang, 0) : formatNumber(v, lang));
  const main = mainSeries(goal, summary);
  const regional = goal.results.length > 1 ? goal.results.map((r) => points(r.values)) : [];
  const last = main.at(-1);
  const projected = goal.projected_date === null ? undefined : time(goal.projected_date);
  const times = [...main.map((p) => p.t), time(goal.deadline), ...(projected ? [projected] : [])];
  const values = [goal.target, ...main.map((p) => p.v), ...regional.flat().map((p) => p.v)];
  const [t0, t1] = padded(Math.min(...times), Math.max(...times), 30 * DAY);
  const [v0, v1] = isShare ? [0, 1] : [0, Math.max(...values, 1) * 1.1];
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((v - v0) / (v1 - v0)) * (H - PAD.top - PAD.bottom);
  const line = (ps: Point[]) =>
    ps.map((p, k) => `${k === 0 ? 'M' : 'L'}${r1(x(p.t))} ${r1(y(p.v))}`).join('');
  const parts: string[] = [];
  for (const v of ticks(v0, v1))
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${r1(y(v))}" y2="${r1(y(v))}" stroke="#e0e0e0"/><text x="${PAD.left - 6}" y="${r1(y(v)) + 4}" text-anchor="end">${escapeXml(format(v))}</text>`,
    );
  for (const year of yearsBetween(t0, t1))
    parts.push(
      `<text x="${r1(x(year.t))}" y="${H - PAD.bottom + 16}" text-anchor="middle">${year.label}</text>`,
    );
  for (const ps of regional)
    parts.push(`<path d="${line(ps)}" fill="none" stroke="#b8b8d0" stroke-width="1"/>`);
  const goalY = r1(y(goal.target));
  parts.push(
    `<line class="goal-line" x1="${PAD.left}" x2="${W - PAD.right}" y1="${goalY}" y2="${goalY}" stroke="${VIRIDIS_5[2]}" stroke-width="2"/><text x="${W - PAD.right}" y="${goalY - 4}" text-anchor="end" fill="${PAGE_COLORS.text}">${escapeXml(`${label(lang, 'target')} ${format(goal.target)}`)}</text>`,
  );
  const deadlineX = r1(x(time(goal.deadline)));
  // Near the right edge the label goes left of its line, or it is cut off.
  const deadlineText =
    deadlineX > W - 110 ? `x="${deadlineX - 3}" text-anchor="end"` : `x="${deadlineX + 3}"`;
  parts.push(
    `<line class="deadline" x1="${deadlineX}" x2="${deadlineX}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#b00020" stroke-dasharray="4 3"/><text ${deadlineText} y="${PAD.top + 10}" fill="#b00020">${escapeXml(`${label(lang, 'deadline')} ${goal.deadline}`)}</text>`,
  );
  if (last && projected)
    parts.push(
      `<path class="projection" d="${line([last, { t: projected, v: goal.target }])}" fill="none" stroke="${VIRIDIS_5[0]}" stroke-width="2" stroke-dasharray="5 4"/><text x="${r1(x(projected))}" y="${H - PAD.bottom - 6}" text-anchor="end">${escapeXml(`${label(lang, 'projectedDate')} ${goal.projected_date}`)}</text>`,
    );
  parts.push(
    `<path class="series" d="${line(main)}" fill="none" stroke="${VIRIDIS_5[0]}" stroke-width="2.5"/>`,
  );
  for (const p of main)
    parts.push(
      `<circle cx="${r1(x(p.t))}" cy="${r1(y(p.v))}" r="3.5" fill="${VIRIDIS_5[0]}"><title>${new Date(p.t).toISOString().slice(0, 10)}: ${escapeXml(format(p.v))}</title></circle>`,
    );
  return `<svg xmlns="http://www.w3.org/2000/svg" class="goal-chart" data-goal-id="${escapeXml(goal.id)}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(goal.title)}" font-size="11" fill="${PAGE_COLORS.muted}">${parts.join('')}</svg>`;
}

/** The total over the snapshots: the goal's own values for a total goal, else the snapshots' totals. */
function mainSeries(goal: GoalResult, summary: Summary): Point[] {
  if (goal.results.length === 1) return points(goal.results[0].values);
  return summary.snapshots
    .filter((s) => s.date !== null)
    .map((s) => ({ date: s.date, value: (s.totals as unknown as Record<string, unknown>)[goal.metric] }))
    .filter((s): s is { date: string; value: number } => typeof s.value === 'number')
    .map((s) => ({ t: time(s.date), v: s.value }));
}

function points(values: readonly { date: string | null; value: number | null }[]): Point[] {
  return values
    .filter((p): p is { date: string; value: number } => p.date !== null && p.value !== null)
    .map((p) => ({ t: time(p.date), v: p.value }));
}

function time(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function padded(a: number, b: number, pad: number): [number, number] {
  return a === b ? [a - 180 * DAY, b + 180 * DAY] : [a - pad, b + pad];
}

function ticks(v0: number, v1: number): number[] {
  const step = niceStep((v1 - v0) / 4);
  const out: number[] = [];
  for (let v = v0; v <= v1 + 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

/** 1 January of each year inside (t0, t1], at most 8 of them. */
function yearsBetween(t0: number, t1: number): { t: number; label: string }[] {
  const first = new Date(t0).getUTCFullYear() + 1;
  const last = new Date(t1).getUTCFullYear();
  const every = Math.max(1, Math.ceil((last - first + 1) / 8));
  const out: { t: number; label: string }[] = [];
  for (let year = first; year <= last; year += every)
    out.push({ t: Date.UTC(year, 0, 1), label: String(year) });
  return out;
}

function r1(v: number): number {
  return Math.round(v * 10) / 10;
}
