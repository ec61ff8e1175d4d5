import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/random.js';
import { resolveCrs } from '../../src/geometry/crs.js';
import { readBnetzaCoverage } from '../../src/io/bnetza/grid-read.js';
import { readCoverage } from '../../src/io/coverage.js';
import type { CoverageSink } from '../../src/io/read-result.js';
import { type AnalysisResult, analyze } from '../../src/pipeline/analyze.js';
import { boxRing, featureCollection, tempDir, validateSummary } from '../helpers.js';

const BREMEN = new URL('../fixtures/bnetza/mobilfunk-monitoring-2024-01-bremen-100m.csv.gz', import.meta.url)
  .pathname;
const UTM = resolveCrs('EPSG:25832');
const HEADER = 'id,gsm_out,lte,nr_dss,nr_nsa_sa,nr_gesamt';

function writeTemp(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

/** A sink that records what it is given. */
function recordingSink() {
  const added: { operator: string; technology: string; rings: Float64Array[] }[] = [];
  const sink: CoverageSink = {
    add: (operator, technology, rings) => added.push({ operator, technology, rings: [...rings] }),
  };
  return { sink, added };
}

const lonLat = (...xy: number[]) => {
  const out = Float64Array.from(xy);
  UTM.toLonLat(out);
  return Array.from(out);
};

describe('Bundesnetzagentur grid as operator-count coverage', () => {
  it('makes a layer ops{k} per technology for "at least k operators", cells dissolved', () => {
    const path = writeTemp(
      'grid.csv',
      `${HEADER}\n100mN58000E4000,3,1,0,0,0\n100mN58000E4001,3,3,1,2,2\r\n\n100mN58001E4000,0,0,0,0,0\n`,
    );
    const { sink, added } = recordingSink();
    const read = readBnetzaCoverage(path, sink, {});
    expect(read).toMatchObject({
      features: 3,
      synthetic: false,
      crs: 'EPSG:25832',
      semantics: 'operator-count',
    });
    expect(added.map((a) => `${a.technology}/${a.operator}:${a.rings.map((r) => r.length / 2)}`)).toEqual([
      'lte/ops1:7', // both southern cells, one polygon, the shared corner kept on the long edges
      'lte/ops2:5',
      'lte/ops3:5',
      '5g/ops1:5',
      '5g/ops2:5',
      '2g/ops1:7',
      '2g/ops2:7',
      '2g/ops3:7',
    ]);
    // The eastern cell's square, counter-clockwise from its north-west corner, in lon/lat.
    expect(Array.from(added[1].rings[0])).toEqual(
      lonLat(400100, 5800100, 400100, 5800000, 400200, 5800000, 400200, 5800100, 400100, 5800100),
    );
  });

  it('names line, field and value of a bad row', () => {
    const bad = (row: string) => () =>
      readBnetzaCoverage(writeTemp('bad.csv', `${HEADER}\n${row}\n`), recordingSink().sink, {});
    expect(bad('100mN58000E4000,3,x,0,0,0')).toThrow(
      /bad\.csv, line 2, field lte: operator count must be .*\(value: "x"\)$/,
    );
    expect(bad('100mN58000E4000,3,3,0,0,11')).toThrow(/line 2, field nr_gesamt: .*\(value: "11"\)/);
    expect(bad('1kmN58000E4000,3,3,0,0,1')).toThrow(
      /line 2, field id: not a 100 m cell id \(value: "1kmN58000E4000"\)/,
    );
    expect(bad('100mN58000E4000,3,3,0,0,1\n100mN58000E4000,3,3,0,0,1')).toThrow(
      /line 3, field id: cell listed twice/,
    );
    expect(bad('100mN1E1,3,3,0,0,1\n100mN99999999E99999999,3,3,0,0,1')).toThrow(
      /field id: cells span 99999999 × 99999999 \(100 m\), more than the 120000000 a grid may have/,
    );
    expect(bad('100mN58000E4000,3,3')).toThrow(/line 2: row has 3 fields, the header 6/);
    expect(() =>
      readBnetzaCoverage(writeTemp('h.csv', 'id,gsm_out,lte\n'), recordingSink().sink, {}),
    ).toThrow(/h\.csv, line 1: Bundesnetzagentur grid header lacks nr_gesamt/);
  });

  it('reads the real Bremen grid (Bundesnetzagentur, dl-de/by-2-0) by its header', async () => {
    const read = await readCoverage([BREMEN]);
    expect(read.inputs.map((i) => i.format)).toEqual(['bnetza']);
    expect(read.semantics).toBe('operator-count');
    expect(read.inputs.map((i) => i.features)).toEqual([40255]);
    expect(read.inputs.map((i) => i.crs)).toEqual(['EPSG:25832']);
    expect(read.coverage.layers.map((l) => `${l.technology}/${l.operator}`)).toEqual([
      'lte/ops1',
      'lte/ops2',
      'lte/ops3',
      '5g/ops1',
      '5g/ops2',
      '5g/ops3',
      '2g/ops1',
      '2g/ops2',
      '2g/ops3',
    ]);
  });
});

describe('Bremen: households classified against the grid equal a direct cell lookup', () => {
  /** Cell (hectometre east, north) → [gsm_out, lte, nr_gesamt], parsed independently of the reader. */
  const cells = new Map<string, number[]>();
  const households: { lon: number; lat: number; weight: number }[] = [];
  const boxes = [
    { id: 'west', box: [8.55, 53.03, 8.76, 53.16] },
    { id: 'east', box: [8.76, 53.04, 8.99, 53.2] },
    { id: 'bremerhaven', box: [8.5, 53.5, 8.65, 53.6] },
  ];
  let result: AnalysisResult;

  /**
   * The naive answer: the point in EPSG:25832, floored to its 100 m cell. A point within 1 µm of a
   * cell side (the generated corners) is in every cell it touches and takes the highest count — the
   * engine's polygons are closed, a point on a boundary is covered.
   */
  function countsAt(lon: number, lat: number): number[] {
    const xy = [lon, lat];
    UTM.fromLonLat(xy);
    const candidates = (v: number) => {
      const h = v / 100;
      const near = Math.round(h);
      return Math.abs(h - near) < 1e-8 ? [near - 1, near] : [Math.floor(h)];
    };
    const best = [0, 0, 0];
    for (const e of candidates(xy[0]))
      for (const n of candidates(xy[1])) {
        const c = cells.get(`${e},${n}`);
        if (c) for (let t = 0; t < 3; t++) best[t] = Math.max(best[t], c[t]);
      }
    return best;
  }

  beforeAll(async () => {
    const lines = gunzipSync(readFileSync(BREMEN)).toString('utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const [id, gsm, lte, , , nr] = line.trim().split(',');
      const [, n, e] = /^100mN(\d+)E(\d+)$/.exec(id)!;
      cells.set(`${e},${n}`, [Number(gsm), Number(lte), Number(nr)]);
    }
    const random = seededRandom(2024);
    const weight = () => 1 + Math.floor(random() * 4);
    let k = 0;
    // Every 23rd cell, and every cell with fewer than three LTE or two 5G operators (the rare cases).
    for (const [key, [, lte, nr]] of cells) {
      if (k++ % 23 !== 0 && lte === 3 && nr >= 2) continue;
      const [e, n] = key.split(',').map(Number);
      const [cx, cy, lx, ly] = lonLat(e * 100 + 50, n * 100 + 50, e * 100, n * 100);
      households.push({ lon: cx, lat: cy, weight: weight() }, { lon: lx, lat: ly, weight: weight() });
    }
    for (let i = 0; i < 4000; i++)
      households.push({ lon: 8.45 + random() * 0.6, lat: 53.0 + random() * 0.62, weight: weight() });

    const dir = tempDir();
    const householdsPath = join(dir, 'households.csv');
    writeFileSync(
      householdsPath,
      `lon,lat,households\n${households.map((h) => `${h.lon},${h.lat},${h.weight}`).join('\n')}\n`,
    );
    const regionsPath = join(dir, 'regions.geojson');
    writeFileSync(
      regionsPath,
      featureCollection(
        boxes.map(({ id, box: [x0, y0, x1, y1] }) => ({
          type: 'Feature',
          properties: { id, name: id },
          geometry: { type: 'Polygon', coordinates: [boxRing(x0, y0, x1, y1)] },
        })),
      ),
    );
    result = await analyze({
      households: householdsPath,
      coverage: [BREMEN],
      regions: regionsPath,
      workers: 0,
    });
  }, 120_000);

  it('gives per region the 5G, white-spot and grey-spot households of the naive lookup', () => {
    for (const { id, box } of boxes) {
      const expected = {
        households: 0,
        households_5g: 0,
        households_no_lte: 0,
        households_single_lte: 0,
        gsm: 0,
      };
      for (const h of households) {
        if (!(h.lon > box[0] && h.lon < box[2] && h.lat > box[1] && h.lat < box[3])) continue;
        const [gsm, lte, nr] = countsAt(h.lon, h.lat);
        expected.households += h.weight;
        if (nr >= 1) expected.households_5g += h.weight;
        if (lte === 0) expected.households_no_lte += h.weight;
        if (lte === 1) expected.households_single_lte += h.weight;
        if (gsm >= 1) expected.gsm += h.weight;
      }
      const region = result.summary.regions.find((r) => r.id === id)!;
      expect({
        households: region.households,
        households_5g: region.households_5g,
        households_no_lte: region.households_no_lte,
        households_single_lte: region.households_single_lte,
        gsm: region.other_technologies?.['2g']?.households ?? 0,
      }).toEqual(expected);
      expect(expected.households_5g).toBeGreaterThan(0);
    }
    // Bremen has 4 grey cells and white spots only off its cells: make sure both are tested.
    const totals = result.summary.totals;
    expect(totals.households_no_lte).toBeGreaterThan(0);
    expect(totals.households_single_lte).toBeGreaterThan(0);
  });

  it('reports operator-count semantics in a summary that validates', () => {
    expect(result.summary.coverage_semantics).toBe('operator-count');
    expect(validateSummary(result.summary), JSON.stringify(validateSummary.errors)).toBe(true);
    expect(result.summary.inputs.find((i) => i.role === 'coverage')).toMatchObject({
      format: 'bnetza',
      crs: 'EPSG:25832',
      features: 40255,
    });
  });
});
