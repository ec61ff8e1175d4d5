import { escapeXml } from './escape.js';
import { type Lang, label } from './labels.js';
import { fitFrame, type MapFrame } from './map-projection.js';
import { type MetricScale, metricScale } from './metrics.js';
import { classIndex, DEAD_ZONE_COLORS, PAGE_COLORS } from './palette.js';
import {
  coverageKind,
  type ReportInput,
  type ResolvedReportOptions,
  shownDeadZones,
} from './report-input.js';
import { simplifyRing } from './simplify.js';

/** The choropleth as an `<svg>`: one path per region (`data-region-id`), the dead zones on top. */
export function mapSvg(input: ReportInput, options: ResolvedReportOptions, width = 800): string {
  const { summary } = input;
  const frame = fitFrame(
    input.regions.flatMap((r) => r.polygons.map((p) => p[0])),
    width,
  );
  const scale = metricScale(options.metric, summary.goals);
  const stats = new Map(summary.regions.map((r) => [r.id, r]));
  const regionPaths = input.regions.map((region) => {
    const s = stats.get(region.id);
    const fill = s === undefined ? '#cccccc' : regionFill(scale, scale.value(s));
    const name = s?.name ?? region.id;
    const text = `${name}: ${s === undefined ? label(options.lang, 'noData') : scale.format(scale.value(s), options.lang)}`;
    const d = region.polygons.map((p) => polygonPath(p, frame, options.simplifyMetres)).join('');
    return `<path class="region" data-region-id="${escapeXml(region.id)}" fill="${fill}" tabindex="0" aria-label="${escapeXml(text)}" d="${d}"><title>${escapeXml(text)}</title></path>`;
  });
  const zones = shownDeadZones(input.deadZones, options.minHouseholds);
  // Drawn small ones last, so a large zone does not hide a small one.
  const zonePaths = [...zones].reverse().map((z) => {
    const fill = z.status === 'new' ? 'url(#new-dead-zone)' : DEAD_ZONE_COLORS.fill;
    const edge = z.status === 'new' ? '#000000' : DEAD_ZONE_COLORS.edge;
    return `<path class="dead-zone" data-status="${z.status ?? ''}" fill="${fill}" stroke="${edge}" d="${polygonPath(z.rings, frame, options.simplifyMetres)}"/>`;
  });
  const kind = coverageKind(summary);
  const notes = [kind.synthetic ? 'synthetic' : null, kind.predicted ? 'predicted' : null]
    .filter((k): k is 'synthetic' | 'predicted' => k !== null)
    .map(
      (k, n) =>
        `<text class="map-note" x="${frame.width - 10}" y="${22 + 18 * n}" text-anchor="end" font-size="14" font-weight="bold" fill="#b00020" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(label(options.lang, k))}</text>`,
    );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}" role="group" aria-label="${escapeXml(label(options.lang, 'map'))}">`,
    '<defs><pattern id="new-dead-zone" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">',
    '<rect width="4" height="4" fill="#ffffff"/><rect width="2" height="4" fill="#000000"/></pattern></defs>',
    `<g class="regions" stroke="#ffffff" stroke-width="0.6" fill-rule="evenodd">${regionPaths.join('\n')}</g>`,
    `<g class="dead-zones" stroke-width="0.6" fill-rule="evenodd">${zonePaths.join('\n')}</g>`,
    notes.join(''),
    '</svg>',
  ].join('\n');
}

/** The class colour of `value`, grey without one. */
export function regionFill(scale: MetricScale, value: number | null): string {
  return value === null ? '#cccccc' : scale.colors[classIndex(value, scale.breaks)];
}

/** One polygon's rings as SVG path data, simplified in metres, to 0.1 px. */
function polygonPath(rings: readonly Float64Array[], frame: MapFrame, tolerance: number): string {
  const p = [0, 0];
  return rings
    .map((ring) => {
      const xy = new Float64Array(ring.length);
      for (let k = 0; k < ring.length; k += 2) {
        frame.toMetres(ring[k], ring[k + 1], p);
        xy[k] = p[0];
        xy[k + 1] = p[1];
      }
      const kept = simplifyRing(xy, tolerance);
      const parts: string[] = [];
      // The closing vertex repeats the first: Z draws that edge.
      for (let k = 0; k < kept.length - 2; k += 2)
        parts.push(`${round1(frame.x(kept[k]))} ${round1(frame.y(kept[k + 1]))}`);
      return `M${parts[0]}L${parts.slice(1).join(' ')}Z`;
    })
    .join('');
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** The legend of `scale` as SVG, for the static map (the report draws its legend in HTML). */
export function legendSvg(scale: MetricScale, lang: Lang, x: number, y: number, newSince?: string): string {
  const rows = scale.classLabels(lang).map((text, k) => {
    const text2 = scale.goalText(lang);
    const goal = k === scale.goalClass ? ` (${label(lang, 'goal')}${text2 ? `: ${text2}` : ''})` : '';
    return `<rect x="${x}" y="${y + 20 * k}" width="16" height="14" fill="${scale.colors[k]}" stroke="${PAGE_COLORS.outline}"/><text x="${x + 22}" y="${y + 20 * k + 12}">${escapeXml(text + goal)}</text>`;
  });
  const zoneY = y + 20 * rows.length + 6;
  const zones = [
    `<rect x="${x}" y="${zoneY}" width="16" height="14" fill="${DEAD_ZONE_COLORS.fill}" stroke="${PAGE_COLORS.outline}"/><text x="${x + 22}" y="${zoneY + 12}">${escapeXml(label(lang, 'deadZone'))}</text>`,
  ];
  if (newSince)
    zones.push(
      `<rect x="${x}" y="${zoneY + 20}" width="16" height="14" fill="url(#new-dead-zone)" stroke="#000000"/><text x="${x + 22}" y="${zoneY + 32}">${escapeXml(`${label(lang, 'deadZone')}, ${label(lang, 'newDeadZone')} ${newSince}`)}</text>`,
    );
  return `<g class="legend" font-size="13" fill="${PAGE_COLORS.text}"><text x="${x}" y="${y - 8}" font-weight="bold">${escapeXml(label(lang, scale.label))}</text>${rows.join('')}${zones.join('')}</g>`;
}
