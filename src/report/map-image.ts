import { escapeXml } from './escape.js';
import { label } from './labels.js';
import { legendSvg, mapSvg } from './map-svg.js';
import { metricScale } from './metrics.js';
import { PAGE_COLORS } from './palette.js';
import type { ReportInput, ResolvedReportOptions } from './report-input.js';
import { attributions } from './sources.js';

const MAP_WIDTH = 1000;
const SIDE = 320;

/** The static choropleth for slides: title, the map (as in the report), legend and sources, one SVG. */
export function mapImageSvg(input: ReportInput, options: ResolvedReportOptions): string {
  const { summary } = input;
  const { lang } = options;
  const map = mapSvg(input, options, MAP_WIDTH);
  const height = Number(/height="(\d+)"/.exec(map)?.[1] ?? 800);
  const scale = metricScale(options.metric, summary.goals);
  const title = `${label(lang, scale.label)}${summary.as_of ? ` — ${label(lang, 'asOf')} ${summary.as_of}` : ''}`;
  const sources = [...attributions(summary.inputs), label(lang, 'simplified', { m: options.simplifyMetres })];
  const top = 40;
  let y = top + 240;
  const sourceText = sources
    .map((line) => {
      const parts = wrap(line, 52);
      const spans = parts.map(
        (part, j) => `<tspan x="${MAP_WIDTH + 16}" dy="${j === 0 ? 0 : 12}">${escapeXml(part)}</tspan>`,
      );
      const text = `<text x="${MAP_WIDTH + 16}" y="${y}" font-size="10" fill="${PAGE_COLORS.muted}">${spans.join('')}</text>`;
      y += 12 * parts.length + 10;
      return text;
    })
    .join('');
  const total = Math.max(top + height, y) + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${MAP_WIDTH + SIDE}" height="${total}" viewBox="0 0 ${MAP_WIDTH + SIDE} ${total}" font-family="DejaVu Sans, Arial, sans-serif">
<rect width="100%" height="100%" fill="${PAGE_COLORS.background}"/>
<text x="16" y="28" font-size="20" font-weight="bold" fill="${PAGE_COLORS.text}">${escapeXml(title)}</text>
<g transform="translate(0 ${top})">${map}</g>
${legendSvg(scale, lang, MAP_WIDTH + 16, top + 30, input.changesFrom)}
${sourceText}
</svg>
`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return line === '' ? lines : [...lines, line];
}
