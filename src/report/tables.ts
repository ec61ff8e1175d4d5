import type { RegionStats } from '../model/stats.js';
import type { Summary } from '../model/summary.js';
import { escapeXml } from './escape.js';
import { type LabelKey, type Lang, label, statusLabel } from './labels.js';
import { formatNumber, formatPercent } from './number-format.js';
import type { ReportDeadZone } from './report-input.js';

/** A table cell: the text shown, and the raw value it sorts by (null: sorts as text). */
interface Cell {
  text: string;
  sort: number | string | null;
}

export interface Column<T> {
  key: string;
  head: string;
  numeric: boolean;
  cell(row: T): Cell;
}

/** The figures of a region, in the order the region table and the tooltip give them. */
export function regionColumns(lang: Lang): Column<RegionStats>[] {
  const count = (key: LabelKey, get: (r: RegionStats) => number) =>
    num(key, lang, get, (v) => formatNumber(v, lang));
  const share = (key: LabelKey, get: (r: RegionStats) => number | null) =>
    num(key, lang, get, (v) => formatPercent(v, lang));
  return [
    { key: 'id', head: label(lang, 'id'), numeric: false, cell: (r) => ({ text: r.id, sort: r.id }) },
    {
      key: 'name',
      head: label(lang, 'region'),
      numeric: false,
      cell: (r) => ({ text: r.name, sort: r.name }),
    },
    count('households', (r) => r.households),
    share('share_5g', (r) => r.share_5g),
    num(
      'share_lte',
      lang,
      (r) => r.share_lte,
      (v) => formatPercent(v, lang, 2),
    ),
    share('share_area_5g', (r) => r.share_area_5g),
    count('households_no_lte', (r) => r.households_no_lte),
    num(
      'dead_zone_km2',
      lang,
      (r) => r.lte_dead_zone_area_km2,
      (v) => formatNumber(v, lang, 1),
    ),
  ];
}

function num<T>(
  key: LabelKey,
  lang: Lang,
  get: (row: T) => number | null,
  format: (v: number | null) => string,
): Column<T> {
  return {
    key,
    head: label(lang, key),
    numeric: true,
    cell: (row) => ({ text: format(get(row)), sort: get(row) }),
  };
}

/** A sortable table: each header a button; each cell keeps its raw value in `data-sort`. */
export function tableHtml<T>(
  id: string,
  caption: string,
  columns: Column<T>[],
  rows: readonly T[],
  rowId?: (row: T) => string,
): string {
  const head = columns
    .map(
      (c, k) =>
        `<th scope="col" data-col="${k}"${c.numeric ? ' class="num"' : ''}><button type="button" data-type="${c.numeric ? 'num' : 'text'}">${escapeXml(c.head)}</button></th>`,
    )
    .join('');
  const body = rows
    .map((row) => {
      const cells = columns
        .map((c) => {
          const { text, sort } = c.cell(row);
          const attr = sort === null ? '' : ` data-sort="${escapeXml(String(sort))}"`;
          return `<td${c.numeric ? ' class="num"' : ''}${attr}>${escapeXml(text)}</td>`;
        })
        .join('');
      return `<tr${rowId ? ` data-region-id="${escapeXml(rowId(row))}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  return `<table id="${id}" class="sortable"><caption>${escapeXml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The largest dead zones shown: households, km², region, status. */
export function deadZoneColumns(lang: Lang, names: Map<string, string>): Column<ReportDeadZone>[] {
  return [
    num(
      'households',
      lang,
      (z) => z.households,
      (v) => formatNumber(v, lang),
    ),
    num(
      'area_km2',
      lang,
      (z) => z.areaKm2,
      (v) => formatNumber(v, lang, 2),
    ),
    {
      key: 'region',
      head: label(lang, 'region'),
      numeric: false,
      cell: (z) => {
        const text = `${names.get(z.regionId) ?? z.regionId} (${z.regionId})`;
        return { text, sort: text };
      },
    },
    {
      key: 'status',
      head: label(lang, 'status'),
      numeric: false,
      cell: (z) => ({ text: z.status === null ? '–' : statusLabel(lang, z.status), sort: z.status ?? '' }),
    },
  ];
}

interface OperatorRow {
  name: string;
  households_5g: number;
  share_5g: number | null;
  households_lte: number;
  share_lte: number | null;
}

/** The operators' totals, as summary.json's `totals.operators`. */
export function operatorTable(summary: Summary, lang: Lang): string {
  const rows: OperatorRow[] = Object.entries(summary.totals.operators).map(([name, o]) => ({ name, ...o }));
  const columns: Column<OperatorRow>[] = [
    {
      key: 'operator',
      head: label(lang, 'operator'),
      numeric: false,
      cell: (o) => ({ text: o.name, sort: o.name }),
    },
    num(
      'households',
      lang,
      (o) => o.households_5g,
      (v) => formatNumber(v, lang),
    ),
    num(
      'share_5g',
      lang,
      (o) => o.share_5g,
      (v) => formatPercent(v, lang),
    ),
    num(
      'households',
      lang,
      (o) => o.households_lte,
      (v) => formatNumber(v, lang),
    ),
    num(
      'share_lte',
      lang,
      (o) => o.share_lte,
      (v) => formatPercent(v, lang),
    ),
  ];
  columns[1].head = `5G: ${label(lang, 'households')}`;
  columns[3].head = `LTE: ${label(lang, 'households')}`;
  return tableHtml('operators', label(lang, 'operators'), columns, rows);
}
