import { describe, expect, it } from 'vitest';
import { cellGrid, cellRing } from '../../src/analysis/funkloch-cells-grid.js';
import { InputError } from '../../src/errors.js';
import { utmZone } from '../../src/geometry/utm.js';
import { boxRegions, inCell, layerCells, type Point, run } from './funkloch-cells-scene.js';

// Cells near Köln: col 3560 ≈ 356 km east, row 56450 ≈ 5645 km north in EPSG:25832.
const C = 3560;
const R = 56450;
const koeln = boxRegions({ koeln: [6.5, 50.5, 7.5, 51.5] });
const LTE = 0b01;
const NR = 0b10;

describe('funklochCells: the Mobilfunkpakt rule on the 100 m EPSG:25832 grid', () => {
  it('counts a cell at exactly 50 % as covered and one at 49.9 % as a Funkloch', () => {
    const points = [
      inCell(C, R, 500, LTE, 0.2, 0.2),
      inCell(C, R, 500, 0, 0.8, 0.8),
      inCell(C + 1, R, 499, LTE, 0.3, 0.6),
      inCell(C + 1, R, 501, NR, 0.7, 0.1),
    ];
    const result = run(points, koeln);
    expect(layerCells(result)).toEqual([`${C + 1},${R} r0 499/1000`]);
    expect(result.layer.share[0]).toBe(0.499);
    expect(result.regions[0]).toEqual({ count: 1, households: 1000, inhabited_cells: 2 });
    expect(result.total).toEqual(result.regions[0]);
    expect(result.outside).toEqual({ count: 0, households: 0, inhabited_cells: 0 });
    expect(result.definition).toEqual({
      crs: 'EPSG:25832',
      cell_size: 100,
      threshold: 0.5,
      technologies: ['lte'],
    });
    expect(result.warnings).toEqual([]);
  });

  it('weighs households, not points; a point with no households makes no cell inhabited', () => {
    // 2 of 5 households covered (40 %), though 2 of 3 points are.
    const points = [
      inCell(C, R, 3, 0, 0.1, 0.1),
      inCell(C, R, 1, LTE, 0.5, 0.5),
      inCell(C, R, 1, LTE, 0.9, 0.9),
      inCell(C + 5, R + 5, 0, 0),
    ];
    const result = run(points, koeln);
    expect(layerCells(result)).toEqual([`${C},${R} r0 2/5`]);
    expect(result.total).toEqual({ count: 1, households: 5, inhabited_cells: 1 });
  });

  it('puts a point on a cell edge in the cell whose lower-left corner it is', () => {
    // A 0.25° grid in lon/lat: its edges are exact doubles, so the point lies exactly on them.
    const regions = boxRegions({ all: [6, 50, 8, 52] });
    const points: Point[] = [{ lon: 7.25, lat: 51.5, weight: 1, mask: 0 }];
    const result = run(points, regions, { crs: 'EPSG:4326', cellSize: 0.25 });
    expect(layerCells(result)).toEqual(['29,206 r0 0/1']);
    expect(Array.from(result.layer.rings)).toEqual([
      7.25, 51.5, 7.5, 51.5, 7.5, 51.75, 7.25, 51.75, 7.25, 51.5,
    ]);
  });

  it('gives a cell whose centre lies on a border to the first region in file order', () => {
    // Cell 29,206 of the 0.25° grid has its centre at (7.375, 51.625), on the border of both boxes.
    const west = [7, 51, 7.375, 52];
    const east = [7.375, 51, 8, 52];
    const points: Point[] = [{ lon: 7.45, lat: 51.6, weight: 2, mask: 0 }];
    const options = { crs: 'EPSG:4326', cellSize: 0.25 };
    const westFirst = run(points, boxRegions({ west, east }), options);
    expect(layerCells(westFirst)).toEqual(['29,206 r0 0/2']);
    expect(westFirst.regions.map((r) => r.count)).toEqual([1, 0]);
    const eastFirst = run(points, boxRegions({ east, west }), options);
    expect(layerCells(eastFirst)).toEqual(['29,206 r0 0/2']);
    expect(eastFirst.regions.map((r) => r.count)).toEqual([1, 0]);
    // The household itself lies in `east` only: the cell's centre decides, not the household.
    const westOnly = run(points, boxRegions({ west }), options);
    expect(westOnly.total).toEqual({ count: 1, households: 2, inhabited_cells: 1 });
  });

  it('counts a cell whose centre lies in no region as outside: not in the total, not in the layer', () => {
    // The household is inside the box, its cell's centre (7.125, 51.125) is not.
    const regions = boxRegions({ box: [7.2, 51, 8, 52] });
    const points: Point[] = [{ lon: 7.22, lat: 51.1, weight: 4, mask: 0 }];
    const result = run(points, regions, { crs: 'EPSG:4326', cellSize: 0.25 });
    expect(result.total).toEqual({ count: 0, households: 0, inhabited_cells: 0 });
    expect(result.outside).toEqual({ count: 1, households: 4, inhabited_cells: 1 });
    expect(result.layer.count).toBe(0);
  });

  it('counts the cells of a region not selected as outside', () => {
    const regions = boxRegions({ a: [6, 50, 7, 52], b: [7, 50, 8, 52] });
    const points: Point[] = [
      { lon: 6.5, lat: 51.1, weight: 1, mask: 0 },
      { lon: 7.5, lat: 51.1, weight: 1, mask: 0 },
    ];
    const result = run(points, regions, { crs: 'EPSG:4326', cellSize: 0.25 }, undefined, [1]);
    expect(result.regions).toEqual([
      { count: 0, households: 0, inhabited_cells: 0 },
      { count: 1, households: 1, inhabited_cells: 1 },
    ]);
    expect(result.outside.count).toBe(1);
    expect(layerCells(result)).toEqual(['30,204 r1 0/1']);
  });

  it('counts the technologies asked for, by any alias', () => {
    const points = [inCell(C, R, 1, NR), inCell(C + 1, R, 1, LTE)];
    expect(layerCells(run(points, koeln))).toEqual([`${C},${R} r0 0/1`]);
    expect(layerCells(run(points, koeln, { technologies: ['NR'] }))).toEqual([`${C + 1},${R} r0 0/1`]);
    expect(run(points, koeln, { technologies: ['4G', '5G-NSA'] }).total.count).toBe(0);
    const noLte = run(points, koeln, { technologies: ['3g'] });
    expect(noLte.total.count).toBe(2);
    expect(noLte.warnings.map((w) => w.code)).toEqual(['funkloch-cells-no-technology']);
    expect(noLte.warnings[0].message).toContain('no coverage layer has 3g (the coverage has lte, 5g)');
  });

  it('takes the threshold as a fraction, strictly', () => {
    const points = [
      ...[inCell(C, R, 2, LTE, 0.1), inCell(C, R, 3, 0, 0.9)],
      ...[inCell(C + 1, R, 39, LTE, 0.1), inCell(C + 1, R, 61, 0, 0.9)],
    ];
    expect(layerCells(run(points, koeln, { threshold: 0.4 }))).toEqual([`${C + 1},${R} r0 39/100`]);
    expect(run(points, koeln, { threshold: 0.41 }).total.count).toBe(2);
    expect(run(points, koeln, { threshold: 1 }).total.count).toBe(2);
  });

  it('sums on larger cells when asked', () => {
    // Two 100 m cells of one 1 km cell: 1 household without LTE, 3 with it.
    const points = [inCell(C, R, 1, 0), inCell(C + 1, R, 3, LTE)];
    expect(run(points, koeln).total).toEqual({ count: 1, households: 1, inhabited_cells: 2 });
    const km = run(points, koeln, { cellSize: 1000 });
    expect(km.total).toEqual({ count: 0, households: 0, inhabited_cells: 1 });
    expect(km.definition.cell_size).toBe(1000);
  });

  it('draws each cell as its square: corners on the grid, closed, counter-clockwise', () => {
    const result = run([inCell(C, R, 1, 0)], koeln);
    const ring = result.layer.rings;
    expect(ring.length).toBe(10);
    expect([ring[8], ring[9]]).toEqual([ring[0], ring[1]]);
    const utm = utmZone(32);
    const xy = [0, 0];
    const corners = [
      [C, R],
      [C + 1, R],
      [C + 1, R + 1],
      [C, R + 1],
    ];
    corners.forEach(([col, row], k) => {
      utm.forward(ring[2 * k], ring[2 * k + 1], xy);
      expect(xy[0]).toBeCloseTo(col * 100, 6);
      expect(xy[1]).toBeCloseTo(row * 100, 6);
    });
    let area2 = 0;
    for (let k = 0; k < 4; k++) area2 += ring[2 * k] * ring[2 * k + 3] - ring[2 * k + 2] * ring[2 * k + 1];
    expect(area2).toBeGreaterThan(0);
  });

  it('gives neighbours in a row the same corners, bit for bit, as each alone', () => {
    const result = run([inCell(C, R, 1, 0), inCell(C + 1, R, 1, 0), inCell(C + 3, R, 1, 0)], koeln);
    const grid = cellGrid(undefined, 100, 'funklochCells.crs');
    const alone = new Float64Array(10);
    for (let k = 0; k < 3; k++) {
      cellRing(grid, result.layer.col[k], result.layer.row[k], alone, 0);
      expect(result.layer.rings.subarray(10 * k, 10 * k + 10)).toEqual(alone);
    }
  });

  it('says which option is wrong, in one line', () => {
    const points = [inCell(C, R, 1, 0)];
    expect(() => run(points, koeln, { cellSize: 0 })).toThrow(InputError);
    expect(() => run(points, koeln, { cellSize: 0 })).toThrow(/funklochCells\.cellSize.*0/);
    expect(() => run(points, koeln, { threshold: 50 })).toThrow(/funklochCells\.threshold.*50/);
    expect(() => run(points, koeln, { technologies: [] })).toThrow(/funklochCells\.technologies/);
    expect(() => run(points, koeln, { crs: 'EPSG:9999' })).toThrow(/unknown CRS EPSG:9999/);
  });

  it('gives zeros for no households', () => {
    const result = run([], koeln);
    expect(result.regions).toEqual([{ count: 0, households: 0, inhabited_cells: 0 }]);
    expect(result.layer.count).toBe(0);
    expect(result.warnings).toEqual([]);
  });

  it('warns of households the grid CRS cannot place', () => {
    const points: Point[] = [inCell(C, R, 1, 0), { lon: 99, lat: 0, weight: 7, mask: 0 }];
    const result = run(points, koeln);
    expect(result.total.inhabited_cells).toBe(1);
    expect(result.warnings.map((w) => w.code)).toEqual(['funkloch-cells-off-grid']);
    expect(result.warnings[0].message).toContain('7 households');
  });
});
