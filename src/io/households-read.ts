import { InputError } from '../errors.js';
import type { Households } from '../model/households.js';
import { pointOf, readGeoJsonFeatures } from './geojson-read.js';
import { formatName } from './source.js';
import { textLines } from './text-lines.js';

/** Household points with their read statistics. */
export interface HouseholdsRead {
  households: Households;
  /** Features (GeoJSON) or data rows (CSV) read. */
  features: number;
}

const MAX_WEIGHT = 0xffffffff;

/** Reads household points from GeoJSON (Point features) or CSV (`lon,lat[,households]`), optionally gzipped. */
export function readHouseholds(path: string): HouseholdsRead {
  return formatName(path).endsWith('.csv') ? readHouseholdsCsv(path) : readHouseholdsGeoJson(path);
}

function readHouseholdsGeoJson(path: string): HouseholdsRead {
  const features = readGeoJsonFeatures(path);
  const columns = allocate(features.length);
  features.forEach((f) => {
    const where = { file: path, feature: f.index, id: f.id };
    const [x, y] = pointOf(f.geometry, where);
    columns.lon[f.index] = x;
    columns.lat[f.index] = y;
    const value = f.properties.households;
    columns.weight[f.index] =
      value === undefined || value === null
        ? 1
        : checkWeight(value, { ...where, field: 'properties.households' });
  });
  return { households: columns, features: features.length };
}

function readHouseholdsCsv(path: string): HouseholdsRead {
  const lines = textLines(path);
  const first = lines.next();
  if (first.done || first.value.trim() === '')
    throw new InputError('CSV file is empty, expected a header lon,lat[,households]', { file: path });
  const headerLine = first.value;
  const header = headerLine.split(',').map((h) => h.trim().toLowerCase());
  const lonCol = header.indexOf('lon');
  const latCol = header.indexOf('lat');
  const weightCol = header.indexOf('households');
  if (lonCol < 0 || latCol < 0)
    throw new InputError('CSV header must name the columns lon and lat (and optionally households)', {
      file: path,
      line: 1,
      value: headerLine,
      hint:
        header.length === 1 && headerLine.includes(';')
          ? 'the separator must be a comma, not ";"'
          : undefined,
    });
  const columns = new GrowingColumns();
  let line = 1;
  for (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    const cells = text.split(',');
    const where = { file: path, line };
    const x = parseCoordinate(cells[lonCol], { ...where, field: 'lon' });
    const y = parseCoordinate(cells[latCol], { ...where, field: 'lat' });
    if (Math.abs(x) > 180 || Math.abs(y) > 90)
      throw new InputError('coordinates out of range for WGS84 lon/lat', {
        ...where,
        field: 'lon,lat',
        value: [x, y],
      });
    const raw = weightCol < 0 ? '' : (cells[weightCol] ?? '').trim();
    columns.push(x, y, raw === '' ? 1 : checkWeight(Number(raw), { ...where, field: 'households' }, raw));
  }
  return { households: columns.finish(), features: columns.count };
}

/** Columns that double as rows arrive, then move into shared memory once. */
class GrowingColumns {
  count = 0;
  private lon = new Float64Array(1 << 16);
  private lat = new Float64Array(1 << 16);
  private weight = new Uint32Array(1 << 16);

  push(x: number, y: number, w: number): void {
    if (this.count === this.lon.length) {
      this.lon = grow(this.lon, new Float64Array(this.count * 2));
      this.lat = grow(this.lat, new Float64Array(this.count * 2));
      this.weight = grow(this.weight, new Uint32Array(this.count * 2));
    }
    this.lon[this.count] = x;
    this.lat[this.count] = y;
    this.weight[this.count++] = w;
  }

  finish(): Households {
    const out = allocate(this.count);
    out.lon.set(this.lon.subarray(0, this.count));
    out.lat.set(this.lat.subarray(0, this.count));
    out.weight.set(this.weight.subarray(0, this.count));
    return out;
  }
}

function grow<T extends Float64Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function allocate(count: number): Households {
  return {
    count,
    lon: new Float64Array(new SharedArrayBuffer(Math.max(1, count) * 8), 0, count),
    lat: new Float64Array(new SharedArrayBuffer(Math.max(1, count) * 8), 0, count),
    weight: new Uint32Array(new SharedArrayBuffer(Math.max(1, count) * 4), 0, count),
  };
}

function parseCoordinate(
  text: string | undefined,
  where: { file: string; line: number; field: string },
): number {
  const value = Number(text?.trim());
  if (text === undefined || text.trim() === '' || !Number.isFinite(value))
    throw new InputError('coordinate must be a finite number', { ...where, value: text });
  return value;
}

function checkWeight(
  value: unknown,
  where: ConstructorParameters<typeof InputError>[1],
  shown: unknown = value,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_WEIGHT)
    throw new InputError(`households must be an integer from 0 to ${MAX_WEIGHT}`, { ...where, value: shown });
  return value;
}
