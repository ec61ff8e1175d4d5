import { describe, expect, it } from 'vitest';
import type { FunklochCellCounts } from '../../src/analysis/funkloch-cells.js';
import { resolveCrs } from '../../src/geometry/crs.js';
import { laeaInverse } from '../../src/geometry/laea.js';
import { polygonCovers } from '../../src/geometry/point-in-polygon.js';
import type { Regions } from '../../src/model/regions.js';
import { boxRegions, lonLatOf, type Point, run } from './funkloch-cells-scene.js';

/** A seeded generator (mulberry32): the same scene every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The rule as written: proj4 both ways, floor, a Map of string keys, every region tested in file order. */
function naive(points: readonly Point[], regions: Regions, technologyBits: number) {
  const crs = resolveCrs('EPSG:25832');
  const cells = new Map<string, { col: number; row: number; households: number; covered: number }>();
  for (const p of points) {
    if (p.weight === 0) continue;
    const xy = [p.lon, p.lat];
    crs.fromLonLat(xy);
    const col = Math.floor(xy[0] / 100);
    const row = Math.floor(xy[1] / 100);
    const key = `${col},${row}`;
    const cell = cells.get(key) ?? { col, row, households: 0, covered: 0 };
    cell.households += p.weight;
    if ((p.mask & technologyBits) !== 0) cell.covered += p.weight;
    cells.set(key, cell);
  }
  const zero = (): FunklochCellCounts => ({ count: 0, households: 0, inhabited_cells: 0 });
  const perRegion = regions.ids.map(zero);
  const outside = zero();
  const layer: string[] = [];
  const sorted = [...cells.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  for (const cell of sorted) {
    const centre = [(cell.col + 0.5) * 100, (cell.row + 0.5) * 100];
    crs.toLonLat(centre);
    let region = -1;
    for (let p = 0; p < regions.polygons.polygonCount && region < 0; p++)
      if (polygonCovers(regions.polygons, p, centre[0], centre[1])) region = regions.polygons.owner[p];
    const counts = region < 0 ? outside : perRegion[region];
    counts.inhabited_cells++;
    if (cell.covered / cell.households >= 0.5) continue;
    counts.count++;
    counts.households += cell.households;
    if (region >= 0) layer.push(`${cell.col},${cell.row} r${region} ${cell.covered}/${cell.households}`);
  }
  return { perRegion, outside, layer };
}

describe('funklochCells against the rule as written', () => {
  it('agrees with a naive implementation on random households', () => {
    const next = random(14);
    // Three overlapping boxes near Köln with gaps between them: file order decides the overlaps.
    const regions = boxRegions({
      a: [6.95, 50.93, 6.99, 50.96],
      b: [6.97, 50.9, 7.02, 50.95],
      c: [6.9, 50.94, 6.96, 50.98],
    });
    const points: Point[] = [];
    // Cells with several households each, so shares fall on both sides of 50 %.
    for (let k = 0; k < 500; k++) {
      const col = 3550 + Math.floor(next() * 90);
      const row = 56420 + Math.floor(next() * 90);
      const n = 1 + Math.floor(next() * 8);
      for (let j = 0; j < n; j++) {
        const [lon, lat] = lonLatOf((col + next()) * 100, (row + next()) * 100);
        points.push({ lon, lat, weight: Math.floor(next() * 6), mask: Math.floor(next() * 4) });
      }
    }
    for (let k = 0; k < 800; k++)
      points.push({
        lon: 6.88 + next() * 0.16,
        lat: 50.88 + next() * 0.12,
        weight: 1,
        mask: next() < 0.5 ? 1 : 0,
      });
    expect(points.length).toBeGreaterThan(2000);

    const result = run(points, regions);
    const expected = naive(points, regions, 0b01);
    expect(result.regions).toEqual(expected.perRegion);
    expect(result.outside).toEqual(expected.outside);
    const sum = (key: keyof FunklochCellCounts) => expected.perRegion.reduce((s, r) => s + r[key], 0);
    expect(result.total).toEqual({
      count: sum('count'),
      households: sum('households'),
      inhabited_cells: sum('inhabited_cells'),
    });
    expect(result.layer.count).toBe(expected.layer.length);
    const layer = Array.from(
      { length: result.layer.count },
      (_, k) =>
        `${result.layer.col[k]},${result.layer.row[k]} r${result.layer.region[k]} ${result.layer.covered[k]}/${result.layer.households[k]}`,
    );
    expect(layer).toEqual(expected.layer);
    expect(expected.perRegion.every((r) => r.count > 10 && r.inhabited_cells > r.count)).toBe(true);
    expect(result.warnings).toEqual([]);
  });
});

/** Households on the EPSG:3035 lattice of Zensus cell centres of `size` metres, `n` × `n` of them. */
function zensusLattice(size: number, n: number): Point[] {
  const next = random(size);
  const points: Point[] = [];
  const lonLat = [0, 0];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      laeaInverse(4_100_000 + size * i + size / 2, 3_100_000 + size * j + size / 2, lonLat);
      points.push({
        lon: lonLat[0],
        lat: lonLat[1],
        weight: 1 + Math.floor(next() * 300),
        mask: next() < 0.7 ? 1 : 0,
      });
    }
  return points;
}

describe('funklochCells on coarse households', () => {
  const regions = boxRegions({ all: [5, 49, 10, 53] });
  const coarse = 'funkloch-cells-coarse-households';

  it('warns when the households are Zensus 1 km centres counted in 100 m cells', () => {
    const result = run(zensusLattice(1000, 20), regions);
    expect(result.warnings.map((w) => w.code)).toEqual([coarse]);
    expect(result.warnings[0].message).toMatch(
      /^funkloch_cells: 100 % of the households lie in 100 m cells with no inhabited neighbour/,
    );
  });

  it('does not warn for Zensus 100 m centres, nor for 1 km centres in 1 km cells', () => {
    expect(run(zensusLattice(100, 30), regions).warnings).toEqual([]);
    expect(run(zensusLattice(1000, 20), regions, { cellSize: 1000 }).warnings).toEqual([]);
  });

  it('warns for a 250 m lattice too, and says nothing about a handful of cells', () => {
    expect(run(zensusLattice(250, 12), regions).warnings.map((w) => w.code)).toEqual([coarse]);
    expect(run(zensusLattice(1000, 5), regions).warnings).toEqual([]);
  });
});
