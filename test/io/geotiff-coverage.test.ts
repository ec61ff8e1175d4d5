import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveCrs } from '../../src/geometry/crs.js';
import { readGeoTiffCoverage } from '../../src/io/geotiff/coverage-read.js';
import type { ResolvedReadOptions as ReadOptions } from '../../src/io/read-options.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { featureCollection, tempDir } from '../helpers.js';

const TIFF = new URL('../fixtures/geotiff/', import.meta.url).pathname;
const UTM32 = resolveCrs('EPSG:25832');

/** A north-up grid as the fixture script writes it. */
interface Grid {
  x0: number;
  y0: number;
  cell: number;
  columns: number;
  rows: number;
}
/** The 40 × 30 tiled/strip rasters: a ring (9 < d² ≤ 90 around column 14, row 12) and a broken stripe. */
const BIG: Grid = { x0: 398000, y0: 5702000, cell: 100, columns: 40, rows: 30 };
const bigCovered = (c: number, r: number) => {
  const d2 = (c - 14) ** 2 + (r - 12) ** 2;
  return (d2 > 9 && d2 <= 90) || (c >= 30 && c <= 33 && r % 7 !== 3);
};
const SMALL: Grid = { x0: 400000, y0: 5702000, cell: 500, columns: 5, rows: 4 };

function toLonLat(...xy: number[]): number[] {
  const out = new Float64Array(xy);
  UTM32.toLonLat(out);
  return Array.from(out);
}

/** Even-odd point in flat rings (shell and holes): the test's own, independent of the engine's. */
function inside(rings: readonly Float64Array[], x: number, y: number): boolean {
  let odd = false;
  for (const ring of rings)
    for (let k = 0; k + 3 < ring.length; k += 2) {
      const [ax, ay, bx, by] = [ring[k], ring[k + 1], ring[k + 2], ring[k + 3]];
      if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) odd = !odd;
    }
  return odd;
}

interface Layered {
  layers: Set<string>;
  polygons: Float64Array[][];
}

async function read(file: string, options: ReadOptions = {}, windowCells?: number): Promise<Layered> {
  const out: Layered = { layers: new Set(), polygons: [] };
  const sink = {
    add(operator: string, technology: string, rings: readonly Float64Array[]) {
      out.layers.add(`${operator}/${technology}`);
      out.polygons.push([...rings]);
    },
  };
  await readGeoTiffCoverage(`${TIFF}${file}`, sink, options, windowCells);
  return out;
}

/** The cells whose centre the polygons cover, as a row-major string of 0/1 per row. */
function coveredCells(grid: Grid, polygons: Float64Array[][]): string[] {
  const rows: string[] = [];
  for (let r = 0; r < grid.rows; r++) {
    let row = '';
    for (let c = 0; c < grid.columns; c++) {
      const [x, y] = toLonLat(grid.x0 + (c + 0.5) * grid.cell, grid.y0 - (r + 0.5) * grid.cell);
      row += polygons.some((rings) => inside(rings, x, y)) ? '1' : '0';
    }
    rows.push(row);
  }
  return rows;
}

const expectedBig = Array.from({ length: BIG.rows }, (_, r) =>
  Array.from({ length: BIG.columns }, (_, c) => (bigCovered(c, r) ? '1' : '0')).join(''),
);

describe('GeoTIFF coverage rasters', () => {
  it('turns a Byte mask into its covered cells; nodata (255) is not covered; layer from metadata', async () => {
    const { layers, polygons } = await read('coverage-bool-25832.tif');
    expect([...layers]).toEqual(['telekom/5g']);
    expect(coveredCells(SMALL, polygons)).toEqual(['11000', '11100', '01110', '00011']);
  });

  it('covers signal strength ≥ the threshold (inclusive), never nodata; operator from the file name', async () => {
    // -90 -105 -110 -111 nd / -120 -100 -95.5 -110.01 -130 / -109.99 -110 -140 -80 -111 / -60 nd -112 -105 -110.5
    let got = await read('vodafone_lte.tif', { thresholds: { lte: -110 } });
    expect([...got.layers]).toEqual(['vodafone/lte']);
    expect(coveredCells(SMALL, got.polygons)).toEqual(['11100', '01100', '11010', '10010']);
    got = await read('vodafone_lte.tif', { thresholds: { '4G': -105 } });
    expect(coveredCells(SMALL, got.polygons)).toEqual(['11000', '01100', '00010', '10010']);
    got = await read('vodafone_lte.tif', { thresholds: { lte: -1e6 } });
    expect(coveredCells(SMALL, got.polygons)).toEqual(['11110', '11111', '11111', '10111']);
  });

  it('reads tiles and strips, DEFLATE, LZW, ZSTD and PACKBITS alike, in windows of any size', async () => {
    for (const file of [
      'coverage-tiled-deflate-25832.tif',
      'coverage-strips-lzw-25832.tif',
      'coverage-strips-zstd-25832.tif',
      'coverage-strips-packbits-25832.tif',
    ])
      for (const windowCells of [undefined, 1, 40 * 9]) {
        const { layers, polygons } = await read(file, {}, windowCells);
        expect([...layers]).toEqual(['o2/lte']);
        expect(coveredCells(BIG, polygons), `${file} ${windowCells}`).toEqual(expectedBig);
      }
  });
});

describe('GeoTIFF coverage through analyze()', () => {
  const dir = tempDir();
  const files = {
    households: join(dir, 'households.geojson'),
    regions: join(dir, 'regions.geojson'),
    squares: join(dir, 'squares.geojson'),
  };
  /** Households per cell centre, and seeded points elsewhere in the cells (≥ 5 m from any edge). */
  const points: { x: number; y: number; weight: number }[] = [];
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let r = 0; r < BIG.rows; r++)
    for (let c = 0; c < BIG.columns; c++) {
      points.push({
        x: BIG.x0 + (c + 0.5) * BIG.cell,
        y: BIG.y0 - (r + 0.5) * BIG.cell,
        weight: 1 + ((c + r) % 3),
      });
      points.push({
        x: BIG.x0 + c * BIG.cell + 5 + random() * 90,
        y: BIG.y0 - r * BIG.cell - 5 - random() * 90,
        weight: 1,
      });
    }
  const cellOf = (x: number, y: number) => [
    Math.floor((x - BIG.x0) / BIG.cell),
    Math.floor((BIG.y0 - y) / BIG.cell),
  ];
  const total = points.reduce((s, p) => s + p.weight, 0);
  const covered = points.reduce(
    (s, p) => s + (bigCovered(...(cellOf(p.x, p.y) as [number, number])) ? p.weight : 0),
    0,
  );

  beforeAll(() => {
    writeFileSync(
      files.households,
      featureCollection(
        points.map((p) => ({
          type: 'Feature',
          properties: { households: p.weight },
          geometry: { type: 'Point', coordinates: toLonLat(p.x, p.y) },
        })),
      ),
    );
    // Two regions, west and east of column 20, a little beyond the raster.
    const [w, s] = toLonLat(BIG.x0 - 500, BIG.y0 - BIG.rows * BIG.cell - 500);
    const [e, n] = toLonLat(BIG.x0 + BIG.columns * BIG.cell + 500, BIG.y0 + 500);
    const mid = toLonLat(BIG.x0 + 20 * BIG.cell + 50, BIG.y0)[0];
    const box = (id: string, x0: number, x1: number) => ({
      type: 'Feature',
      properties: { id, name: id },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x0, s],
            [x1, s],
            [x1, n],
            [x0, n],
            [x0, s],
          ],
        ],
      },
    });
    writeFileSync(files.regions, featureCollection([box('W', w - 0.01, mid), box('E', mid, e + 0.01)]));
    // The covered cells' squares, corners projected from EPSG:25832, as GeoJSON coverage.
    const squares = [];
    for (let r = 0; r < BIG.rows; r++)
      for (let c = 0; c < BIG.columns; c++) {
        if (!bigCovered(c, r)) continue;
        const [l, t] = [BIG.x0 + c * BIG.cell, BIG.y0 - r * BIG.cell];
        const ring = toLonLat(
          l,
          t - BIG.cell,
          l + BIG.cell,
          t - BIG.cell,
          l + BIG.cell,
          t,
          l,
          t,
          l,
          t - BIG.cell,
        );
        squares.push({
          type: 'Feature',
          properties: { operator: 'o2', technology: 'lte' },
          geometry: { type: 'Polygon', coordinates: [[0, 2, 4, 6, 8].map((k) => [ring[k], ring[k + 1]])] },
        });
      }
    writeFileSync(files.squares, featureCollection(squares));
  });

  it('counts the same households as GeoJSON squares of the covered cells, and as the cells themselves', async () => {
    const run = (coverage: string) =>
      analyze({ households: files.households, coverage: [coverage], regions: files.regions, workers: 0 });
    const fromRaster = await run(`${TIFF}coverage-tiled-deflate-25832.tif`);
    const fromSquares = await run(files.squares);
    const counts = (s: typeof fromRaster.summary.totals) => ({
      households: s.households,
      households_lte: s.households_lte,
      households_no_lte: s.households_no_lte,
      households_single_lte: s.households_single_lte,
      operators: s.operators,
    });
    expect(fromRaster.summary.totals.households).toBe(total);
    expect(fromRaster.summary.totals.households_lte).toBe(covered);
    expect(counts(fromRaster.summary.totals)).toEqual(counts(fromSquares.summary.totals));
    expect(fromRaster.summary.regions.map(counts)).toEqual(fromSquares.summary.regions.map(counts));
    expect(fromRaster.summary.totals.lte_dead_zone_area_km2).toBeCloseTo(
      fromSquares.summary.totals.lte_dead_zone_area_km2,
      6,
    );
    const record = fromRaster.summary.inputs.find((i) => i.role === 'coverage')!;
    expect(record).toMatchObject({ format: 'geotiff', crs: 'EPSG:25832', features: 1200 });
  });

  it('reads household rasters too: every household of the raster is counted', async () => {
    const result = await analyze({
      households: `${TIFF}households-3035.tif`,
      coverage: [files.squares],
      regions: files.regions,
      workers: 0,
    });
    // The 3035 raster lies elsewhere (10°E 52°N): all its households are outside these regions.
    expect(result.summary.outside_regions).toEqual({ points: 7, households: 280 });
    const record = result.summary.inputs.find((i) => i.role === 'households')!;
    expect(record).toMatchObject({ format: 'geotiff', crs: 'EPSG:3035', features: 12 });
  });
});
