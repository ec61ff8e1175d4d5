/**
 * A seeded synthetic DEM over NRW for `predict --dem`'s bench: EPSG:25832, 100 m cells, hills of a few
 * hundred metres over kilometres (sums of sines, like the Sauerland's relief), ~25 MB of Float32.
 */
import { resolveCrs } from '../src/geometry/crs.js';
import { Dem } from '../src/planning/terrain-dem.js';

export function nrwSyntheticDem(cellM = 100): Dem {
  const crs = resolveCrs('EPSG:25832');
  const [x0, y0, x1, y1] = [270_000, 5_840_000, 540_000, 5_570_000];
  const columns = Math.round((x1 - x0) / cellM);
  const rows = Math.round((y0 - y1) / cellM);
  const heights = new Float32Array(columns * rows);
  for (let r = 0; r < rows; r++) {
    const y = y0 - (r + 0.5) * cellM;
    for (let c = 0; c < columns; c++) {
      const x = x0 + (c + 0.5) * cellM;
      heights[r * columns + c] =
        250 +
        150 * Math.sin(x / 7000) * Math.cos(y / 9000) +
        60 * Math.sin(x / 2300 + y / 3100) +
        25 * Math.sin(x / 610) * Math.cos(y / 830);
    }
  }
  return new Dem({ crs, x0, y0, cellWidth: cellM, cellHeight: cellM, columns, rows }, heights, {
    path: 'synthetic',
    sha256: '',
    bytes: heights.byteLength,
  });
}
