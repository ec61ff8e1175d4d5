import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/random.js';
import { buildEdgeBands } from '../../src/geometry/edge-bands.js';
import { polygonCovers } from '../../src/geometry/point-in-polygon.js';
import { readRegions } from '../../src/io/regions.js';
import { DATA } from '../helpers.js';

describe('edge bands', () => {
  it('give the unbanded answer on the real NRW Kreise, for random points, vertices and edge midpoints', () => {
    const { regions } = readRegions(`${DATA}kreise.geojson`, 'AGS', 'GN');
    const set = regions.polygons;
    const bands = buildEdgeBands(set);
    expect(bands.firstBand.some((b) => b >= 0)).toBe(true);
    const rnd = seededRandom(3);
    const points: [number, number][] = [];
    for (let k = 0; k < 5000; k++) points.push([5.8 + 3.8 * rnd(), 50.3 + 2 * rnd()]);
    for (let v = 0; v < set.coords.length / 2 - 1; v += 13) {
      points.push([set.coords[2 * v], set.coords[2 * v + 1]]);
      points.push([
        (set.coords[2 * v] + set.coords[2 * v + 2]) / 2,
        (set.coords[2 * v + 1] + set.coords[2 * v + 3]) / 2,
      ]);
    }
    let differ = 0;
    for (const [x, y] of points) {
      for (let p = 0; p < set.polygonCount; p++) {
        const b = set.bbox;
        if (x < b[4 * p] || x > b[4 * p + 2] || y < b[4 * p + 1] || y > b[4 * p + 3]) continue;
        if (polygonCovers(set, p, x, y) !== polygonCovers(set, p, x, y, bands)) differ++;
      }
    }
    expect(differ).toBe(0);
  });
});
