import geodesic from 'geographiclib-geodesic';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { polygonAreaM2 } from '../../src/geometry/area.js';
import { laeaForward, laeaInverse } from '../../src/geometry/laea.js';
import { readRegions } from '../../src/io/regions.js';
import { DATA } from '../helpers.js';

proj4.defs(
  'EPSG:3035',
  '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs',
);

describe('EPSG:3035 (LAEA Europe)', () => {
  it.each([
    [10, 52],
    [6.95, 50.94],
    [-9.5, 38.7],
    [28, 66],
  ])('matches proj4 forward and round-trips at (%f, %f)', (lon, lat) => {
    const out = [0, 0];
    laeaForward(lon, lat, out);
    const [x, y] = proj4('EPSG:4326', 'EPSG:3035', [lon, lat]);
    expect(out[0]).toBeCloseTo(x, 4);
    expect(out[1]).toBeCloseTo(y, 4);
    const back = [0, 0];
    laeaInverse(out[0], out[1], back);
    expect(back[0]).toBeCloseTo(lon, 10);
    expect(back[1]).toBeCloseTo(lat, 10);
  });

  it('puts the Zensus cell 1kmN3030E4065 centre where the grid says', () => {
    const out = [0, 0];
    laeaInverse(4065500, 3030500, out);
    const [x, y] = proj4('EPSG:4326', 'EPSG:3035', out);
    expect(x).toBeCloseTo(4065500, 4);
    expect(y).toBeCloseTo(3030500, 4);
  });
});

describe('ellipsoidal area', () => {
  it('agrees with GeographicLib (what PostGIS ST_Area(geography) uses) within 0.01 % for every NRW Kreis', () => {
    const { regions } = readRegions(`${DATA}kreise.geojson`, 'AGS', 'GN');
    const geod = geodesic.Geodesic.WGS84;
    const set = regions.polygons;
    let total = 0;
    for (let p = 0; p < set.polygonCount; p++) {
      let reference = 0;
      for (let r = set.ringStart[p]; r < set.ringStart[p + 1]; r++) {
        const poly = geod.Polygon(false);
        for (let v = set.ringOffset[r]; v < set.ringOffset[r + 1] - 1; v++) {
          poly.AddPoint(set.coords[2 * v + 1], set.coords[2 * v]);
        }
        const a = Math.abs(poly.Compute(false, true).area!);
        reference += r === set.ringStart[p] ? a : -a;
      }
      const ours = polygonAreaM2(set, p);
      expect(Math.abs(ours - reference) / reference).toBeLessThan(1e-4);
      total += ours;
    }
    // NRW is 34,110 km² (IT.NRW); DVG2 is generalised, so within half a percent.
    expect(total / 1e6).toBeGreaterThan(34110 * 0.995);
    expect(total / 1e6).toBeLessThan(34110 * 1.005);
  });

  it('is not the spherical area: a 1°×1° box at 51°N differs from the sphere by more than 0.1 %', () => {
    const builder = [7, 51, 8, 51, 8, 52, 7, 52, 7, 51];
    const ours = (() => {
      const set = {
        ringStart: Uint32Array.of(0, 1),
        ringOffset: Uint32Array.of(0, 5),
        coords: Float64Array.from(builder),
      };
      return polygonAreaM2(set as never, 0);
    })();
    const R = 6371008.8;
    const spherical =
      R * R * (Math.PI / 180) * (Math.sin((52 * Math.PI) / 180) - Math.sin((51 * Math.PI) / 180));
    expect(Math.abs(ours - spherical) / ours).toBeGreaterThan(0.001);
  });
});
