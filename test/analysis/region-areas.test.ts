import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { polygonAreaM2 } from '../../src/geometry/area.js';
import { PolygonSetBuilder } from '../../src/model/polygon-set.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { boxRing, featureCollection, tempDir } from '../helpers.js';

const box = (x0: number, y0: number, x1: number, y1: number) => [boxRing(x0, y0, x1, y1)];
const fc = featureCollection;

async function run(regionGeometry: object, coverage: object[]) {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'r.geojson'),
    fc([{ type: 'Feature', properties: { id: 'r' }, geometry: regionGeometry }]),
  );
  writeFileSync(join(dir, 'c.geojson'), fc(coverage));
  writeFileSync(join(dir, 'h.csv'), 'lon,lat\n7.05,51.05\n');
  const result = await analyze({
    households: join(dir, 'h.csv'),
    coverage: [join(dir, 'c.geojson')],
    regions: join(dir, 'r.geojson'),
    workers: 0,
  });
  return result.summary.regions[0];
}

describe('region areas', () => {
  it('count overlapping MultiPolygon parts of a region once', async () => {
    const single = await run({ type: 'Polygon', coordinates: box(7, 51, 7.15, 51.1) }, []);
    const overlapping = await run(
      { type: 'MultiPolygon', coordinates: [box(7, 51, 7.1, 51.1), box(7.05, 51, 7.15, 51.1)] },
      [],
    );
    // The union keeps vertices where the parts' edges met on the parallels: a few 1e-7 apart (see README).
    expect(Math.abs(overlapping.area_km2 / single.area_km2 - 1)).toBeLessThan(1e-5);
    expect(overlapping.lte_dead_zone_area_km2).toBeCloseTo(overlapping.area_km2, 6);
  });

  it('measure a single polygon with a hole (no union) as shell minus hole, its 5G and dead zone within it', async () => {
    const rings = [boxRing(7, 51, 7.2, 51.1), [...boxRing(7.05, 51.02, 7.1, 51.08)].reverse()];
    const r = await run({ type: 'Polygon', coordinates: rings }, [
      {
        type: 'Feature',
        properties: { operator: 'A', technology: '5g' },
        geometry: { type: 'Polygon', coordinates: box(7.15, 50.9, 7.3, 51.2) },
      },
    ]);
    const builder = new PolygonSetBuilder();
    builder.addPolygon(
      rings.map((ring) => Float64Array.from(ring.flat())),
      0,
    );
    const expected = polygonAreaM2(builder.finish(), 0) / 1e6;
    expect(Math.abs(r.area_km2 / expected - 1)).toBeLessThan(1e-9);
    expect(r.lte_dead_zone_area_km2).toBeCloseTo(r.area_km2, 9);
    // The 5G box covers a quarter of the shell's width, none of the hole.
    expect(r.share_area_5g).toBeGreaterThan((0.25 * 0.2) / (0.2 - 0.05 * 0.6) - 1e-3);
    expect(r.share_area_5g).toBeLessThan((0.25 * 0.2) / (0.2 - 0.05 * 0.6) + 1e-3);
  });

  it('never report more 5G area than the region has, off the 1e-7° grid', async () => {
    const r = await run(
      { type: 'Polygon', coordinates: box(7.00000004, 51.00000004, 7.09999996, 51.09999996) },
      [
        {
          type: 'Feature',
          properties: { operator: 'A', technology: '5g' },
          geometry: { type: 'Polygon', coordinates: box(6.9, 50.9, 7.2, 51.2) },
        },
      ],
    );
    expect(r.share_area_5g).toBeLessThanOrEqual(1);
    expect(r.share_area_5g).toBeCloseTo(1, 9);
  });
});
