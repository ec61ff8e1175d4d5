import { InputError } from '../errors.js';
import type { Households } from '../model/households.js';
import { pointOf, readGeoJsonFeatures } from './geojson-read.js';
import { formatName, readInputText } from './source.js';

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
  const lines = readInputText(path).split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0)
    throw new InputError('CSV file is empty, expected a header lon,lat[,households]', { file: path });
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const lonCol = header.indexOf('lon');
  const latCol = header.indexOf('lat');
  const weightCol = header.indexOf('households');
  if (lonCol < 0 || latCol < 0)
    throw new InputError('CSV header must name the columns lon and lat (and optionally households)', {
      file: path,
      line: 1,
      value: lines[0],
      hint:
        header.length === 1 && lines[0].includes(';') ? 'the separator must be a comma, not ";"' : undefined,
    });
  const rows = lines.length - 1;
  const columns = allocate(rows);
  for (let i = 0; i < rows; i++) {
    const line = i + 2;
    const cells = lines[i + 1].split(',');
    const where = { file: path, line };
    const x = parseCoordinate(cells[lonCol], { ...where, field: 'lon' });
    const y = parseCoordinate(cells[latCol], { ...where, field: 'lat' });
    if (Math.abs(x) > 180 || Math.abs(y) > 90)
      throw new InputError('coordinates out of range for WGS84 lon/lat', {
        ...where,
        field: 'lon,lat',
        value: [x, y],
      });
    columns.lon[i] = x;
    columns.lat[i] = y;
    const raw = weightCol < 0 ? '' : (cells[weightCol] ?? '').trim();
    columns.weight[i] = raw === '' ? 1 : checkWeight(Number(raw), { ...where, field: 'households' }, raw);
  }
  return { households: columns, features: rows };
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
