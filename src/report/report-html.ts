import type { RegionStats } from '../model/stats.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { escapeXml, scriptJson } from './escape.js';
import { goalChartSvg } from './goal-chart.js';
import { type Lang, label, statusLabel } from './labels.js';
import { mapSvg } from './map-svg.js';
import { MAP_METRICS, metricScale } from './metrics.js';
import { formatNumber, formatPercent } from './number-format.js';
import { DEAD_ZONE_COLORS } from './palette.js';
import {
  coverageKind,
  type ReportInput,
  type ResolvedReportOptions,
  shownDeadZones,
} from './report-input.js';
import { REPORT_CSS } from './report-style.js';
import { attributions } from './sources.js';
import { deadZoneColumns, operatorTable, regionColumns, tableHtml } from './tables.js';

/** How many of the largest dead zones the table lists. */
const DEAD_ZONE_ROWS = 50;

/** report.html: one self-contained page (styles, script, data and the map inline; no request). */
export function reportHtml(input: ReportInput, options: ResolvedReportOptions): string {
  const { summary } = input;
  const { lang } = options;
  const kind = coverageKind(summary);
  const flags = [
    kind.synthetic ? label(lang, 'synthetic') : '',
    kind.predicted ? label(lang, 'predicted') : '',
  ]
    .filter((t) => t !== '')
    .map((t) => `<span class="badge">${escapeXml(t)}</span>`);
  const title = `${label(lang, 'title')}${summary.as_of ? ` — ${label(lang, 'asOf')} ${summary.as_of}` : ''}${kind.synthetic ? ` (${syntheticWord(lang)})` : ''}`;
  const columns = regionColumns(lang);
  const totals: RegionStats = { ...summary.totals, id: '', name: label(lang, 'totals') };
  const headline = [
    `${label(lang, 'households')}: <strong>${formatNumber(summary.totals.households, lang)}</strong>`,
    `${label(lang, 'share_5g')}: <strong>${formatPercent(summary.totals.share_5g, lang)}</strong>`,
    `${label(lang, 'share_lte')}: <strong>${formatPercent(summary.totals.share_lte, lang, 2)}</strong>`,
    `${label(lang, 'households_no_lte')}: <strong>${formatNumber(summary.totals.households_no_lte, lang)}</strong>`,
  ].join(' · ');
  const zones = shownDeadZones(input.deadZones, options.minHouseholds);
  const names = new Map(summary.regions.map((r) => [r.id, r.name]));
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeXml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${escapeXml(title)}</h1>
<p>${flags.join(' ')}</p>
<p>${headline}</p>
</header>
<section id="map-section">
<h2>${escapeXml(label(lang, 'map'))}</h2>
<p class="controls"><label for="metric">${escapeXml(label(lang, 'metric'))}</label>
<select id="metric">${MAP_METRICS.map((m) => `<option value="${m}"${m === options.metric ? ' selected' : ''}>${escapeXml(label(lang, m))}</option>`).join('')}</select>
<span class="muted">${escapeXml(label(lang, 'clickRegion'))}</span></p>
<div class="map-layout">
<div id="map-frame">${mapSvg(input, options)}<div id="tooltip" role="status" hidden></div></div>
<div class="side">${legendsHtml(input, options)}
<p class="muted">${escapeXml(label(lang, 'zonesShown', { shown: formatNumber(zones.length, lang), total: formatNumber(input.deadZones.length, lang) }))}${options.minHouseholds > 0 ? `; ${escapeXml(label(lang, 'hiddenDeadZones', { k: formatNumber(options.minHouseholds, lang) }))}` : ''}.</p>
<p class="muted">${escapeXml(label(lang, 'simplified', { m: options.simplifyMetres }))}</p>
</div></div>
</section>
<section id="goals-section">
<h2>${escapeXml(label(lang, 'goals'))}</h2>
<div class="goals">${summary.goals.map((g) => goalFigure(g, input, options)).join('\n')}</div>
</section>
<section id="tables">
<h2>${escapeXml(label(lang, 'regions'))}</h2>
<p class="controls"><label for="region-filter">${escapeXml(label(lang, 'filter'))}</label> <input type="search" id="region-filter" autocomplete="off"></p>
${tableHtml('regions', label(lang, 'regions'), columns, summary.regions, (r) => r.id)}
<table class="totals"><caption>${escapeXml(label(lang, 'totals'))}</caption><tbody><tr>${columns
    .slice(1)
    .map((c) => `<th scope="row">${escapeXml(c.head)}</th>`)
    .join('')}</tr><tr>${columns
    .slice(1)
    .map((c) => `<td${c.numeric ? ' class="num"' : ''}>${escapeXml(c.cell(totals).text)}</td>`)
    .join('')}</tr></tbody></table>
${tableHtml('dead-zones', label(lang, 'largestDeadZones'), deadZoneColumns(lang, names), zones.slice(0, DEAD_ZONE_ROWS))}
${operatorTable(summary, lang)}
</section>
<footer>${footerHtml(input, options)}</footer>
<script type="application/json" id="report-data">${scriptJson(clientData(input, options))}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

/** `goal` or `goal: > 90 %` where the goal's comparison says whether its break itself meets it. */
function goalLabel(scale: { goalText(lang: Lang): string }, lang: Lang): string {
  const text = scale.goalText(lang);
  return text ? `${label(lang, 'goal')}: ${text}` : label(lang, 'goal');
}

function legendsHtml(input: ReportInput, options: ResolvedReportOptions): string {
  const { lang } = options;
  return MAP_METRICS.map((metric) => {
    const scale = metricScale(metric, input.summary.goals);
    const rows = scale.classLabels(lang).map((text, k) => {
      const goal = k === scale.goalClass;
      return `<li${goal ? ' class="goal-break"' : ''}><span class="swatch" style="background:${scale.colors[k]}"></span>${escapeXml(text)}${goal ? ` — ${escapeXml(goalLabel(scale, lang))}` : ''}</li>`;
    });
    rows.push(
      `<li><span class="swatch" style="background:${DEAD_ZONE_COLORS.fill}"></span>${escapeXml(label(lang, 'deadZone'))}</li>`,
    );
    if (input.changesFrom !== undefined)
      rows.push(
        `<li><span class="swatch new"></span>${escapeXml(`${label(lang, 'deadZone')}, ${label(lang, 'newDeadZone')} ${input.changesFrom}`)}</li>`,
      );
    return `<div class="legend" data-metric="${metric}"${metric === options.metric ? '' : ' hidden'}><strong>${escapeXml(label(lang, metric))}</strong><ul>${rows.join('')}</ul></div>`;
  }).join('');
}

function goalFigure(
  goal: ReportInput['summary']['goals'][number],
  input: ReportInput,
  options: ResolvedReportOptions,
): string {
  const { lang } = options;
  const regions = goal.results.length > 1;
  const met = (goal.counts.met ?? 0) + (goal.counts['met-late'] ?? 0);
  const facts = [
    `${label(lang, 'status')}: <strong>${escapeXml(statusLabel(lang, goal.status))}</strong>`,
    `${label(lang, 'deadline')}: ${goal.deadline}`,
    goal.projected_date ? `${label(lang, 'projectedDate')}: ${goal.projected_date}` : '',
    regions ? escapeXml(label(lang, 'regionsMet', { n: met, total: goal.results.length })) : '',
  ].filter((f) => f !== '');
  return `<figure class="goal" data-goal-id="${escapeXml(goal.id)}"><figcaption>${escapeXml(goal.title)}</figcaption>${goalChartSvg(goal, input.summary, lang)}<p class="muted">${facts.join(' · ')}</p></figure>`;
}

/** What the script needs: each metric's classes, each region's values and its figures as shown. */
function clientData(input: ReportInput, options: ResolvedReportOptions) {
  const { summary } = input;
  const { lang } = options;
  const scales = MAP_METRICS.map((m) => metricScale(m, summary.goals));
  const columns = regionColumns(lang).slice(2);
  return {
    metrics: Object.fromEntries(scales.map((s) => [s.metric, { breaks: s.breaks, colors: s.colors }])),
    values: Object.fromEntries(
      summary.regions.map((r) => [
        r.id,
        {
          name: r.name,
          ...Object.fromEntries(scales.map((s) => [s.metric, s.value(r)])),
          text: Object.fromEntries(scales.map((s) => [s.metric, s.format(s.value(r), lang)])),
        },
      ]),
    ),
    tooltips: Object.fromEntries(
      summary.regions.map((r) => [
        r.id,
        `<strong>${escapeXml(r.name)}</strong> <span class="muted">${escapeXml(r.id)}</span><dl>${columns
          .map((c) => {
            const { text, sort } = c.cell(r);
            return `<dt>${escapeXml(c.head)}</dt><dd data-field="${c.key}" data-value="${sort ?? ''}">${escapeXml(text)}</dd>`;
          })
          .join('')}</dl>`,
      ]),
    ),
  };
}

function footerHtml(input: ReportInput, options: ResolvedReportOptions): string {
  const { summary } = input;
  const { lang } = options;
  const syntheticMark = ` <strong>(${escapeXml(syntheticWord(lang))})</strong>`;
  const inputs = summary.inputs
    .map(
      (i) =>
        `<li>${escapeXml(i.role)}: ${escapeXml(i.path)}${i.synthetic ? syntheticMark : ''} <span class="muted">sha256 ${i.sha256.slice(0, 12)}…</span></li>`,
    )
    .join('');
  const sources = attributions(summary.inputs)
    .map((line) => `<li>${escapeXml(line)}</li>`)
    .join('');
  return `<h2>${escapeXml(label(lang, 'sources'))}</h2><ul>${sources}</ul><p>${escapeXml(label(lang, 'inputs'))}:</p><ul>${inputs}</ul><p>${escapeXml(label(lang, 'generated', { tool: `${summary.tool.name} ${summary.tool.version}`, date: summary.generated_at }))} ${escapeXml(label(lang, 'simplified', { m: options.simplifyMetres }))}</p>`;
}

/** `synthetic` / `synthetisch`: the first word of the badge, for the title and the inputs. */
function syntheticWord(lang: Lang): string {
  return label(lang, 'synthetic').split(' ')[0].toLowerCase();
}
