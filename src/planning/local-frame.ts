/**
 * Metres east and north of a point → lon/lat on the WGS84 ellipsoid, for footprints of a few tens of
 * kilometres: the offsets are scaled by the meridian (M) and prime-vertical (N) radii of curvature and
 * laid off on the sphere of radius √(MN): distances from the centre are the ellipsoid's geodesic ones
 * to 8e-6 at 10 km and 4e-5 at 50 km (checked against Vincenty's inverse at 51.5° N).
 */
const A = 6378137;
const E2 = 0.0066943799901413165;
const DEG = Math.PI / 180;

export class LocalFrame {
  private readonly lon0: number;
  private readonly sinLat0: number;
  private readonly cosLat0: number;
  private readonly eastScale: number;
  private readonly northScale: number;
  private readonly radius: number;

  constructor(lon: number, lat: number) {
    const s = Math.sin(lat * DEG);
    const w = 1 - E2 * s * s;
    const n = A / Math.sqrt(w);
    const m = (A * (1 - E2)) / (w * Math.sqrt(w));
    this.radius = Math.sqrt(m * n);
    this.eastScale = this.radius / n;
    this.northScale = this.radius / m;
    this.lon0 = lon * DEG;
    this.sinLat0 = s;
    this.cosLat0 = Math.cos(lat * DEG);
  }

  /** Writes lon, lat (degrees) of the point `east`, `north` metres from the centre into out[offset…]. */
  toLonLat(east: number, north: number, out: Float64Array, offset: number): void {
    const x = east * this.eastScale;
    const y = north * this.northScale;
    const delta = Math.hypot(x, y) / this.radius;
    if (delta === 0) {
      out[offset] = this.lon0 / DEG;
      out[offset + 1] = Math.asin(this.sinLat0) / DEG;
      return;
    }
    const sinD = Math.sin(delta);
    const cosD = Math.cos(delta);
    const sinAz = x / Math.hypot(x, y);
    const cosAz = y / Math.hypot(x, y);
    const sinLat = this.sinLat0 * cosD + this.cosLat0 * sinD * cosAz;
    const lat = Math.asin(sinLat);
    const lon = this.lon0 + Math.atan2(sinAz * sinD * this.cosLat0, cosD - this.sinLat0 * sinLat);
    out[offset] = lon / DEG;
    out[offset + 1] = lat / DEG;
  }
}
