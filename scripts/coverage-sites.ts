import { seededRandom } from './random.js';
import { laeaInverse } from './scenario-projection.js';
import { sectorWedge } from './sector.js';
import type { GridCell } from './zensus-grid.js';

export const OPERATORS = ['synthetic-a', 'synthetic-b', 'synthetic-c'] as const;
export const LTE_NAMES = ['LTE', '4G', 'lte'];
export const NR_NAMES = ['5G', 'NR', '5G-NSA'];

/** A synthetic antenna site: three 130° sectors around (x, y) in EPSG:3035 metres. */
export interface Site {
  operator: string;
  /** The technology as written in the file (`LTE`, `4G`, `5G`, `NR`, …). */
  technology: string;
  lte: boolean;
  x: number;
  y: number;
  azimuth: number;
  radius: number;
}

/**
 * The sites of data/coverage-synthetic.geojson.gz, in file order: per operator, sites where people
 * live (denser with more households). The random draws are those of the first generator, in its
 * order, so the file regenerates byte for byte.
 */
export function defaultSites(cells: readonly GridCell[]): Site[] {
  const sites: Site[] = [];
  OPERATORS.forEach((operator, o) => {
    const rnd = seededRandom(100 + o);
    for (const cell of cells) {
      const density = cell.households / 1000;
      // LTE: every dense cell, a share of the rural ones (the rest leave Funklöcher).
      const lteSites = Math.floor(density / 5) + (rnd() < 0.03 + 0.25 * density ? 1 : 0);
      for (let s = 0; s < lteSites; s++) {
        const radius = density > 1 ? 1500 + 1500 * rnd() : 2500 + 3500 * rnd();
        sites.push(siteInCell(operator, LTE_NAMES[(o + s) % 3], true, cell, radius, rnd));
      }
      // 5G: mostly urban, smaller cells.
      const nrSites = Math.floor(density / 10) + (rnd() < 0.005 + density * (0.12 - 0.03 * o) ? 1 : 0);
      for (let s = 0; s < nrSites; s++) {
        const radius = 800 + 1700 * rnd();
        sites.push(siteInCell(operator, NR_NAMES[(o + s) % 3], false, cell, radius, rnd));
      }
    }
  });
  return sites;
}

/** A site at a random spot of the 1 km cell, facing a random way. */
export function siteInCell(
  operator: string,
  technology: string,
  lte: boolean,
  cell: { x: number; y: number },
  radius: number,
  rnd: () => number,
): Site {
  const x = cell.x - 500 + 1000 * rnd();
  const y = cell.y - 500 + 1000 * rnd();
  return { operator, technology, lte, x, y, azimuth: 360 * rnd(), radius };
}

/**
 * The site as GeoJSON feature text: LTE one MultiPolygon of its three sectors, 5G one Polygon
 * feature per sector; every feature `"synthetic": true`.
 */
export function siteFeatures(site: Site): string {
  const { x, y, azimuth, radius } = site;
  const sectors = [0, 120, 240].map((turn) => sectorWedge(x, y, azimuth + turn, 130, radius).map(toLonLat));
  const props = JSON.stringify({ operator: site.operator, technology: site.technology, synthetic: true });
  if (site.lte) {
    return `{"type":"Feature","properties":${props},"geometry":{"type":"MultiPolygon","coordinates":${JSON.stringify(sectors.map((ring) => [ring]))}}}`;
  }
  return sectors
    .map(
      (ring) =>
        `{"type":"Feature","properties":${props},"geometry":{"type":"Polygon","coordinates":${JSON.stringify([ring])}}}`,
    )
    .join(',\n');
}

/** A FeatureCollection of the sites, as the default scenario writes it (one feature a line). */
export function coverageGeoJson(name: string, sites: readonly Site[]): string {
  return `{"type":"FeatureCollection","name":"${name}","features":[\n${sites.map(siteFeatures).join(',\n')}\n]}\n`;
}

const lonLat = [0, 0];

function toLonLat([px, py]: [number, number]): [number, number] {
  laeaInverse(px, py, lonLat);
  return [Number(lonLat[0].toFixed(6)), Number(lonLat[1].toFixed(6))];
}
