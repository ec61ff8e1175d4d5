import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveCrs } from '../../src/geometry/crs.js';
import { type AnalysisResult, analyze } from '../../src/pipeline/analyze.js';
import { DATA, validateSummary } from '../helpers.js';

/** One Zensus cell as the test reads it, independently of the reader: centre in lon/lat (proj4), households. */
interface Cell {
  lon: number;
  lat: number;
  households: number;
}

const gunzipText = (path: string) => gunzipSync(readFileSync(path)).toString('utf8');

let result: AnalysisResult;
let cells: Cell[];
let gemeinden: Feature<Polygon | MultiPolygon>[];

beforeAll(async () => {
  // The same inputs as npm run example:nrw-gemeinden (scripts/example-nrw-gemeinden.ts).
  result = await analyze({
    households: `${DATA}zensus2011-grid-1km.csv.gz`,
    coverage: [`${DATA}coverage-synthetic.geojson.gz`],
    regions: `${DATA}gemeinden-dvg2-2022.geojson.gz`,
    regionId: 'AGS',
    regionName: 'GN',
    workers: 0,
  });
  const [header, ...rows] = gunzipText(`${DATA}zensus2011-grid-1km.csv.gz`).trim().split(/\r?\n/);
  const names = header.split(',');
  const column = (name: string) => names.indexOf(name);
  const laea = resolveCrs('EPSG:3035');
  cells = [];
  for (const row of rows) {
    const f = row.split(',');
    const derived = f[column('households_est_derived')];
    if (derived === '') continue;
    const households = Number(derived);
    // The column is round(einwohner / hh_groesse_d) with halves to even: the reader's own rule.
    const quotient = Number(f[column('einwohner')]) / Number(f[column('hh_groesse_d')]);
    const nearest =
      Math.abs(quotient - Math.round(quotient)) === 0.5 ? 2 * Math.round(quotient / 2) : Math.round(quotient);
    if (nearest !== households) throw new Error(`households_est_derived is not the rounded quotient: ${row}`);
    const xy = [Number(f[column('x_mp_1km')]), Number(f[column('y_mp_1km')])];
    laea.toLonLat(xy);
    cells.push({ lon: xy[0], lat: xy[1], households });
  }
  gemeinden = (
    JSON.parse(gunzipText(`${DATA}gemeinden-dvg2-2022.geojson.gz`)) as FeatureCollection<
      Polygon | MultiPolygon
    >
  ).features;
}, 300_000);

/** The first Gemeinde (file order) whose polygon holds the point, by bounding box then Turf. */
function naiveGemeinde(lon: number, lat: number, boxes: number[][]): number {
  for (let g = 0; g < gemeinden.length; g++) {
    const [x0, y0, x1, y1] = boxes[g];
    if (lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
    if (booleanPointInPolygon([lon, lat], gemeinden[g])) return g;
  }
  return -1;
}

describe('NRW Gemeinden with households from the Zensus 2011 1 km grid CSV', () => {
  it('reads every household of the grid: households_est_derived over the cells (all centred in NRW)', () => {
    const total = cells.reduce((sum, c) => sum + c.households, 0);
    expect(total).toBe(8_169_065);
    const { households_balance: balance } = result.summary;
    expect(balance.read).toBe(total);
    expect(balance.in_regions + balance.outside_regions).toBe(total);
    expect(result.summary.regions).toHaveLength(396);
  });

  it('puts each cell into the Gemeinde its centre is in, as a naive point-in-polygon does', () => {
    const boxes = gemeinden.map((g) => {
      const box = [Infinity, Infinity, -Infinity, -Infinity];
      const polygons = g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates;
      for (const polygon of polygons)
        for (const [x, y] of polygon[0]) {
          box[0] = Math.min(box[0], x);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], x);
          box[3] = Math.max(box[3], y);
        }
      return box;
    });
    const perGemeinde = new Map<string, number>();
    let outside = 0;
    for (const cell of cells) {
      const g = naiveGemeinde(cell.lon, cell.lat, boxes);
      if (g < 0) outside += cell.households;
      else {
        const ags = String(gemeinden[g].properties?.AGS);
        perGemeinde.set(ags, (perGemeinde.get(ags) ?? 0) + cell.households);
      }
    }
    const total = cells.reduce((sum, c) => sum + c.households, 0);
    expect(result.summary.households_balance.outside_regions).toBe(outside);
    expect(result.summary.totals.households).toBe(total - outside);
    for (const region of result.summary.regions)
      expect([region.id, region.households]).toEqual([region.id, perGemeinde.get(region.id) ?? 0]);
  });

  it('records the grid as a zensus input in EPSG:3035 and writes a valid summary', () => {
    expect(result.summary.inputs.find((i) => i.role === 'households')).toMatchObject({
      format: 'zensus',
      crs: 'EPSG:3035',
      features: 34_093,
    });
    expect(validateSummary(result.summary), JSON.stringify(validateSummary.errors)).toBe(true);
  });
});
