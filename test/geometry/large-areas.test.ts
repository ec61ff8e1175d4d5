import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { ringAreaM2 } from '../../src/geometry/area.js';
import { handArgsWith, runCli } from '../cli/run-cli.js';
import { boxRing, featureCollection, invalidSummaries, tempDir, validateSummary } from '../helpers.js';

type Ring = number[][];
const geod = geodesic.Geodesic.WGS84;

/** GeographicLib's area (geodesic edges, as PostGIS ST_Area(geography)) of a closed ring. */
function geodesicArea(ring: Ring): number {
  const polygon = geod.Polygon(false);
  for (const [lon, lat] of ring.slice(0, -1)) polygon.AddPoint(lat, lon);
  return Math.abs(polygon.Compute(false, true).area as number);
}

/** The ring with every edge cut into steps of ≤ 0.05°: its geodesic edges then follow the lon/lat-straight ones. */
function densified(ring: Ring, step = 0.05): Ring {
  const out: Ring = [];
  for (let k = 0; k < ring.length - 1; k++) {
    const [x0, y0] = ring[k];
    const [x1, y1] = ring[k + 1];
    const n = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) / step));
    for (let s = 0; s < n; s++) out.push([x0 + ((x1 - x0) * s) / n, y0 + ((y1 - y0) * s) / n]);
  }
  out.push(ring[ring.length - 1]);
  return out;
}

const ours = (ring: Ring) => ringAreaM2(Float64Array.from(ring.flat()), 0, ring.length);
/** Boxes of 90° × 90° at most, whose edges (meridians, the equator, the poles) are geodesics. */
const boxesArea = (boxes: number[][]) =>
  boxes.reduce((sum, [x0, y0, x1, y1]) => sum + geodesicArea(boxRing(x0, y0, x1, y1)), 0);
const quarters = (y0: number, y1: number) => [-180, -90, 0, 90].map((x) => [x, y0, x + 90, y1]);
const relative = (a: number, b: number) => Math.abs(a - b) / b;

describe('areas of lon/lat regions of any size (finite, ellipsoidal)', () => {
  it('the whole world: the ellipsoid, as GeographicLib sums its eight octants', async () => {
    const world = ours(boxRing(-180, -90, 180, 90));
    const reference = boxesArea([...quarters(-90, 0), ...quarters(0, 90)]);
    expect(Number.isFinite(world)).toBe(true);
    expect(relative(world, reference)).toBeLessThan(1e-9);
    expect(world / 1e6).toBeCloseTo(510_065_621.7, 0);
  });

  it.each([
    [
      'east',
      [0, -90, 180, 90],
      [
        [0, -90, 90, 90],
        [90, -90, 180, 90],
      ],
    ],
    [
      'west',
      [-180, -90, 0, 90],
      [
        [-180, -90, -90, 90],
        [-90, -90, 0, 90],
      ],
    ],
    ['north', [-180, 0, 180, 90], quarters(0, 90)],
    ['south', [-180, -90, 180, 0], quarters(-90, 0)],
  ])('the %s hemisphere: half of it, within 0.1 % of GeographicLib', (_, box, parts) => {
    const [x0, y0, x1, y1] = box as number[];
    expect(relative(ours(boxRing(x0, y0, x1, y1)), boxesArea(parts as number[][]))).toBeLessThan(1e-3);
  });

  it.each([
    ['east of the antimeridian', boxRing(179, 50, 180, 51)],
    ['west of the antimeridian', boxRing(-180, -10, -179, -9)],
    ['touching it, near EPSG:3035’s antipode (170°W, 52°S)', boxRing(-180, -52.5, -179.5, -52)],
    [
      'a triangle at the antipode',
      [
        [-170, -52],
        [-169.9, -52],
        [-170, -51.9],
        [-170, -52],
      ],
    ],
    ['a Kreis-sized box in Brazil', boxRing(-47.5, -15.9, -47.3, -15.7)],
  ])('%s: within 0.1 % of GeographicLib', (_, ring) => {
    const area = ours(ring);
    expect(Number.isFinite(area)).toBe(true);
    expect(relative(area, geodesicArea(ring))).toBeLessThan(1e-3);
  });

  it.each([
    ['10° along the antimeridian', boxRing(170, -60, 180, -40)],
    ['across the antipode', boxRing(-180, -60, -160, -40)],
    ['Australia-sized', boxRing(110, -40, 155, -10)],
  ])('%s: the ring with edges straight in lon/lat, exactly', (_, ring) => {
    // Long parallels are not geodesics: the reference is the ring with its edges cut short.
    expect(relative(ours(ring), geodesicArea(densified(ring)))).toBeLessThan(1e-6);
  });

  it('keeps EPSG:3035 where it always was: a 1° box in Germany within 0.01 % of GeographicLib', async () => {
    const ring = boxRing(7, 51, 8, 52);
    expect(relative(ours(ring), geodesicArea(ring))).toBeLessThan(1e-4);
  });
});

describe('summary.json of world-sized and antimeridian regions', () => {
  it('writes finite areas that validate against the shipped schema, exit 0', {
    timeout: 120_000,
  }, async () => {
    const dir = tempDir();
    const regions = join(dir, 'regions.geojson');
    const region = (id: string, ring: Ring) => ({
      type: 'Feature',
      properties: { id, name: id },
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
    // The world box, over the hand-built scenario (Germany) and two regions at the antimeridian.
    writeFileSync(
      regions,
      featureCollection([
        region('world', boxRing(-180, -90, 180, 90)),
        region('east', boxRing(170, -60, 180, -40)),
        region('antipode', boxRing(-180, -60, -170, -40)),
      ]),
    );
    mkdirSync(join(dir, 'runs'));
    const out = join(dir, 'runs', 'out');
    const run = await runCli(handArgsWith({ regions }, out));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
    const areas = Object.fromEntries(
      summary.regions.map((r: { id: string; area_km2: number }) => [r.id, r.area_km2]),
    );
    expect(areas.world).toBeCloseTo(510_065_621.7, 0);
    expect(relative(areas.east * 1e6, geodesicArea(densified(boxRing(170, -60, 180, -40))))).toBeLessThan(
      1e-6,
    );
    expect(areas.antipode).toBeCloseTo(areas.east, 6);
  });

  it('the schema check of every summary.json a test writes finds a broken one', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'summary.json'),
      JSON.stringify({ schema: 'summary@1', regions: [{ area_km2: null }] }),
    );
    expect(invalidSummaries([dir])).toHaveLength(1);
    rmSync(join(dir, 'summary.json')); // nothing broken left behind for test/setup.ts
    expect(invalidSummaries([dir])).toEqual([]);
  });
});
