import { type Utm, utmZone } from '../geometry/utm.js';

/** Projects lon/lat into the SVG's pixels: the UTM zone of the extent's centre, fitted to `width`. */
export interface MapFrame {
  width: number;
  height: number;
  /** Metres of UTM per SVG pixel. */
  metresPerPixel: number;
  zone: number;
  /** UTM metres of (lon, lat) into out[0], out[1]. */
  toMetres(lon: number, lat: number, out: number[]): void;
  /** SVG pixel x, y of UTM metres. */
  x(easting: number): number;
  y(northing: number): number;
}

/** The frame around every vertex of `rings` (lon/lat, interleaved), `margin` pixels on each side. */
export function fitFrame(rings: readonly Float64Array[], width: number, margin = 8): MapFrame {
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (const ring of rings)
    for (let k = 0; k < ring.length; k += 2) {
      minLon = Math.min(minLon, ring[k]);
      maxLon = Math.max(maxLon, ring[k]);
    }
  if (!(minLon <= maxLon)) throw new Error('fitFrame: no vertex to fit');
  // The UTM zone of the centre keeps the extent of a German Land within ~0.1 % of true scale.
  const zone = Math.min(60, Math.max(1, Math.floor(((minLon + maxLon) / 2 + 180) / 6) + 1));
  const utm: Utm = utmZone(zone);
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const p = [0, 0];
  for (const ring of rings)
    for (let k = 0; k < ring.length; k += 2) {
      utm.forward(ring[k], ring[k + 1], p);
      box[0] = Math.min(box[0], p[0]);
      box[1] = Math.min(box[1], p[1]);
      box[2] = Math.max(box[2], p[0]);
      box[3] = Math.max(box[3], p[1]);
    }
  const metresPerPixel = Math.max(box[2] - box[0], 1) / (width - 2 * margin);
  const height = Math.ceil(Math.max(box[3] - box[1], 1) / metresPerPixel + 2 * margin);
  return {
    width,
    height,
    metresPerPixel,
    zone,
    toMetres: (lon, lat, out) => utm.forward(lon, lat, out),
    x: (e) => margin + (e - box[0]) / metresPerPixel,
    y: (n) => margin + (box[3] - n) / metresPerPixel,
  };
}
