import { InputError } from '../errors.js';
import { normaliseTechnology } from '../model/coverage.js';
import type { Households } from '../model/households.js';
import { DEFAULT_BEAMWIDTH, DEFAULT_VERTICAL_BEAMWIDTH } from './antenna.js';
import type { Objective } from './objective.js';
import type { Site } from './site.js';

/** A generated candidate's mast: the values a sites file would give (`--template` overrides them). */
export interface SiteTemplate {
  heightM: number;
  bandMHz: number;
  eirpDbm: number;
  technology: string;
  operator: string;
}

/** LTE 800 (the rural coverage band) or 5G 3600, 30 m masts, RS EIRP as bench/generate-sites.ts. */
export function defaultTemplate(objective: Objective, operator: string): SiteTemplate {
  return objective === '5g'
    ? { heightM: 30, bandMHz: 3600, eirpDbm: 38, technology: '5G', operator }
    : { heightM: 30, bandMHz: 800, eirpDbm: 33, technology: 'LTE', operator };
}

/** `grid:500m` → 500 (metres), else undefined (a sites file). */
export function gridSpacing(spec: string): number | undefined {
  const match = /^grid:(\d+(?:\.\d+)?)m$/.exec(spec.trim());
  if (!match) {
    if (/^grid:/i.test(spec.trim()))
      throw new InputError('write a candidate grid as grid:SPACINGm', {
        field: '--candidates',
        value: spec,
        hint: 'e.g. grid:500m (metres, 50 to 50000)',
      });
    return undefined;
  }
  const metres = Number(match[1]);
  if (!(metres >= 50 && metres <= 50_000))
    throw new InputError('a candidate grid takes 50 to 50000 m', { field: '--candidates', value: spec });
  return metres;
}

const METRES_PER_DEGREE = 111_320;

/**
 * Candidate masts on a grid of `spacingM` (lon/lat steps of that many metres at the households'
 * mean latitude): one at the centre of every cell holding an objective household, so candidates
 * stand where the households the objective counts are. Omnidirectional, from the template.
 */
export function gridCandidates(
  households: Households,
  objective: Uint32Array,
  spacingM: number,
  template: SiteTemplate,
): Site[] {
  if (objective.length === 0) return [];
  let meanLat = 0;
  for (const i of objective) meanLat += households.lat[i] / objective.length;
  const dy = spacingM / METRES_PER_DEGREE;
  const dx = spacingM / (METRES_PER_DEGREE * Math.cos((meanLat * Math.PI) / 180));
  const cells = new Set<string>();
  const sites: Site[] = [];
  for (const i of objective) {
    const col = Math.floor(households.lon[i] / dx);
    const row = Math.floor(households.lat[i] / dy);
    const key = `${col},${row}`;
    if (cells.has(key)) continue;
    cells.add(key);
    sites.push({
      id: `grid-${col}-${row}`,
      lon: (col + 0.5) * dx,
      lat: (row + 0.5) * dy,
      heightM: template.heightM,
      operator: template.operator,
      technology: normaliseTechnology(template.technology),
      bandMHz: template.bandMHz,
      eirpDbm: template.eirpDbm,
      beamwidthDeg: DEFAULT_BEAMWIDTH,
      tiltDeg: 0,
      vBeamwidthDeg: DEFAULT_VERTICAL_BEAMWIDTH,
      environment: 'suburban',
      environmentFrom: 'default',
      where: { file: `grid:${spacingM}m` },
    });
  }
  // Cells in a fixed order (row, then column): the candidates' order decides ties.
  return sites.sort((a, b) => a.lat - b.lat || a.lon - b.lon);
}
