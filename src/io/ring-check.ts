import { InputError } from '../errors.js';
import { ringAreaM2 } from '../geometry/area.js';
import { type Crs, crsMismatchHint } from '../geometry/crs.js';
import type { Repair } from './skipped.js';

/** Where a geometry problem is reported. */
export interface GeometryContext {
  file: string;
  feature: number;
  id?: string | number;
  /** The CRS of the coordinates (default lon/lat); they are returned in lon/lat. */
  crs?: Crs;
}

/**
 * One ring of flat coordinates, checked: every position, closed, at least 4 positions; returned
 * in lon/lat. `written` is the ring as the file wrote it (JSON), for the error values; flat rings
 * report [x, y]. Under `repair` (`repairs` set) an open ring is closed and a short one gives null.
 * A null ring stands for a JSON ring that was not an array.
 */
export function checkedRing(
  ring: Float64Array | null,
  written: unknown,
  where: GeometryContext,
  ringField: string,
  repairs: Repair[] | undefined,
): Float64Array | null {
  const positions = written as unknown[] | undefined;
  const at = (k: number) => (positions ? positions[k] : [ring?.[2 * k], ring?.[2 * k + 1]]);
  if (ring === null)
    throw new InputError('a ring must be an array of positions', {
      ...where,
      field: ringField,
      value: written,
      code: 'bad-coordinates',
    });
  const n = ring.length / 2;
  const crs = where.crs;
  // Lon/lat (the common case): one range test per position, which NaN and ±Infinity fail too.
  const lonLat = !crs || crs.degrees;
  for (let k = 0; k < n; k++) {
    const x = ring[2 * k];
    const y = ring[2 * k + 1];
    if (lonLat ? !(Math.abs(x) <= 180 && Math.abs(y) <= 90) : positionProblem(x, y, crs))
      checkPosition(x, y, where, `${ringField}[${k}]`, at(k));
  }
  const open = n > 0 && (ring[0] !== ring[2 * n - 2] || ring[1] !== ring[2 * n - 1]);
  if (open && !repairs)
    throw new InputError('ring is not closed (its last position differs from its first)', {
      ...where,
      field: ringField,
      value: [at(0), at(n - 1)],
      hint: 'repeat the first position at the end, or run with read.invalid=repair',
      code: 'unclosed-ring',
    });
  if ((open ? n + 1 : n) < 4) {
    if (!repairs)
      throw new InputError(`a ring needs at least 4 positions, has ${n}`, {
        ...where,
        field: ringField,
        value: positions ?? Array.from({ length: n }, (_, k) => at(k)),
        code: 'too-few-points',
      });
    repairs.push({
      feature: where.feature,
      id: where.id,
      reason: 'too-few-points',
      areaBeforeM2: 0,
      areaAfterM2: 0,
    });
    return null;
  }
  let flat = ring;
  if (open) {
    flat = new Float64Array(ring.length + 2);
    flat.set(ring);
    flat[ring.length] = ring[0];
    flat[ring.length + 1] = ring[1];
  }
  if (where.crs && !where.crs.geographic) toLonLat(flat, where, ringField, at(0));
  if (open && repairs) {
    // Closing changes no area: the ring as given is read as closed by every tool that accepts it.
    const areaM2 = ringAreaM2(flat, 0, flat.length / 2);
    repairs.push({
      feature: where.feature,
      id: where.id,
      reason: 'unclosed-ring',
      areaBeforeM2: areaM2,
      areaAfterM2: areaM2,
    });
  }
  return flat;
}

/** True when `checkPosition` would refuse projected x, y: not finite, or degrees under a projected flag. */
function positionProblem(x: number, y: number, crs: Crs): boolean {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return true;
  return Boolean(crs.flag) && Math.abs(x) <= 180 && Math.abs(y) <= 90;
}

/**
 * Refuses a position: not finite (NaN stands for what JSON held that is no number), degrees under a
 * projected flag, or out of the lon/lat range. `value` is the position as written.
 */
export function checkPosition(
  x: number,
  y: number,
  where: GeometryContext,
  field: string,
  value: unknown,
): void {
  if (!Number.isFinite(x) || !Number.isFinite(y))
    throw new InputError(
      !Array.isArray(value) || value.length < 2
        ? 'a position must be [lon, lat]'
        : 'coordinates must be finite numbers',
      { ...where, field, value, code: 'bad-coordinates' },
    );
  if (where.crs && !where.crs.degrees) {
    // Real projected coordinates in Europe are 10⁵–10⁷ m: degrees here mean the flag was meant for another file.
    if (where.crs.flag && Math.abs(x) <= 180 && Math.abs(y) <= 90)
      throw new InputError(
        `coordinates look like lon/lat degrees, but ${where.crs.flag} says ${where.crs.name}`,
        {
          ...where,
          field,
          value,
          hint: crsMismatchHint(where.crs.flag),
          code: 'degrees-not-metres',
        },
      );
    return;
  }
  if (Math.abs(x) > 180 || Math.abs(y) > 90)
    throw new InputError('coordinates out of range for WGS84 lon/lat', {
      ...where,
      field,
      value,
      hint: looksLikeMetres(x, y)
        ? 'these look like metres in a projected CRS: give their CRS (read.householdsCrs, read.coverageCrs or read.regionsCrs for this input alone, read.inputCrs for every input without one; e.g. EPSG:25832) or convert with ogr2ogr -t_srs EPSG:4326'
        : 'expected [longitude, latitude] in degrees',
      code: looksLikeMetres(x, y) ? 'projected-coordinates' : 'out-of-range',
    });
}

/** Projected coordinates to lon/lat in place; a position the CRS cannot transform is the user's error. */
export function toLonLat(
  xy: Float64Array | number[],
  where: GeometryContext,
  field: string,
  sample: unknown,
): void {
  const crs = where.crs as Crs;
  crs.toLonLat(xy);
  for (let k = 0; k < xy.length; k += 2) {
    if (
      !Number.isFinite(xy[k]) ||
      !Number.isFinite(xy[k + 1]) ||
      Math.abs(xy[k]) > 180 ||
      Math.abs(xy[k + 1]) > 90
    )
      throw new InputError(`coordinates cannot be transformed from ${crs.name} to lon/lat`, {
        ...where,
        field,
        value: sample,
        hint: "is the CRS right? (--input-crs, or the file's crs)",
      });
  }
}

/** Eastings and northings of European projected CRSs: 10³ to 10⁸ metres. */
function looksLikeMetres(x: number, y: number): boolean {
  const big = Math.max(Math.abs(x), Math.abs(y));
  return big > 1000 && big < 1e8;
}
