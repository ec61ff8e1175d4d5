import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { RawSite } from '../planning/site.js';
import { SITE_COLUMNS } from '../planning/site.js';
import { decodeText } from './csv/decode.js';
import { headerFields, lineFields } from './csv/fields.js';
import { digestOf, type FileDigest } from './files/source.js';

/** An antenna sites file as read: one raw record a row (CSV) or Point feature (GeoJSON), lon/lat WGS84. */
export interface SitesRead {
  sites: RawSite[];
  format: 'csv' | 'geojson';
  digest: FileDigest;
}

/** Reads `sites.csv` or `sites.geojson` (format from the name, else from the first character). */
export function readSites(path: string): SitesRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read the sites file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      file: path,
    });
  }
  const text = decodeText(bytes).replace(/^\ufeff/, '');
  const geojson = /\.(geo)?json$/i.test(path) || (!/\.csv$/i.test(path) && text.trimStart().startsWith('{'));
  return {
    sites: geojson ? geoJsonSites(path, text) : csvSites(path, text),
    format: geojson ? 'geojson' : 'csv',
    digest: digestOf(bytes),
  };
}

function csvSites(file: string, text: string): RawSite[] {
  const lines = text.split(/\r?\n/);
  const { names, separator } = headerFields(lines[0] ?? '');
  const columns = names.map((n) => n.toLowerCase());
  for (const column of SITE_COLUMNS)
    if (!columns.includes(column))
      throw new InputError(`the sites file has no ${column} column`, {
        file,
        line: 1,
        field: column,
        hint: `columns: ${SITE_COLUMNS.join(', ')}; optional azimuth_deg, beamwidth_deg, tilt_deg, vbeamwidth_deg, environment`,
      });
  const sites: RawSite[] = [];
  for (let k = 1; k < lines.length; k++) {
    if (lines[k].trim() === '') continue;
    const fields = lineFields(lines[k], separator);
    if (fields.length !== columns.length)
      throw new InputError(`the row has ${fields.length} fields, the header ${columns.length}`, {
        file,
        line: k + 1,
        value: lines[k],
      });
    const values: Record<string, unknown> = Object.create(null);
    // `;`-separated files (German spreadsheets) write decimal commas.
    columns.forEach((c, j) => {
      values[c] =
        separator === ';' && /^[-+]?\d+,\d+$/.test(fields[j]) ? fields[j].replace(',', '.') : fields[j];
    });
    sites.push({ values, where: { file, line: k + 1 } });
  }
  return sites;
}

function geoJsonSites(file: string, text: string): RawSite[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`, { file });
  }
  const collection = json as { type?: unknown; features?: unknown };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features))
    throw new InputError('the sites file must be a GeoJSON FeatureCollection of Points', {
      file,
      field: 'type',
      value: collection?.type,
    });
  return collection.features.map((f: unknown, feature): RawSite => {
    const g = (f as { geometry?: { type?: unknown; coordinates?: unknown } })?.geometry;
    const c = g?.coordinates;
    if (g?.type !== 'Point' || !Array.isArray(c) || c.length < 2)
      throw new InputError('a site must be a Point', {
        file,
        feature,
        field: 'geometry',
        value: g?.type ?? null,
      });
    const properties = (f as { properties?: unknown }).properties;
    const values: Record<string, unknown> = Object.create(null);
    if (properties !== null && typeof properties === 'object')
      for (const [key, value] of Object.entries(properties)) values[key.toLowerCase()] = value;
    values.lon = c[0];
    values.lat = c[1];
    return { values, where: { file, feature } };
  });
}
