import { InputError, type InputErrorWhere } from '../errors.js';
import { crsRecord } from '../geometry/crs.js';
import { PolygonSetBuilder } from '../model/polygon-set.js';
import type { Regions } from '../model/regions.js';
import { readFeatures } from './feature-read.js';
import { detectFormat, REGIONS_FORMATS, type RegionsFormat } from './formats.js';
import { polygonsOf, type RawFeature } from './geojson-read.js';
import type { ReadOptions } from './read-options.js';
import { InvalidFeatures, type Repair, type SkipCounts } from './skipped.js';
import type { FileDigest } from './source.js';

export interface RegionsRead {
  regions: Regions;
  features: number;
  digest: FileDigest;
  format: RegionsFormat;
  crs?: string;
  skipped?: SkipCounts;
  repairs?: Repair[];
}

/** Reads region polygons; `idField`/`nameField` name the properties with the key and the name. */
export function readRegions(
  path: string,
  idField = 'id',
  nameField = 'name',
  options: ReadOptions = {},
  format?: string,
): RegionsRead {
  const detected = detectFormat(path, REGIONS_FORMATS, format, '--regions-format');
  const { features: raw, digest, crs } = readFeatures(path, detected, options);
  if (raw.length === 0) throw new InputError('the regions file has no features', { file: path });
  const builder = new PolygonSetBuilder();
  const ids: string[] = [];
  const names: string[] = [];
  const seen = new Map<string, number>();
  const invalid = new InvalidFeatures(options.invalid);
  for (const f of raw) {
    try {
      readRegion(f);
    } catch (error) {
      invalid.skip(error);
    }
  }
  function readRegion(f: RawFeature): void {
    const where = { file: path, feature: f.index, id: f.id, crs };
    const idValue = idField === 'id' && f.properties.id === undefined ? f.id : f.properties[idField];
    if ((typeof idValue !== 'string' && typeof idValue !== 'number') || String(idValue).trim() === '')
      throw new InputError('region has no id', {
        ...where,
        field: `properties.${idField}`,
        value: idValue,
        hint: 'name the id property with --region-id',
        code: 'no-region-id',
      });
    const id = String(idValue);
    const first = seen.get(id);
    if (first !== undefined)
      throw new InputError(`duplicate region id (also feature ${first})`, {
        ...where,
        field: `properties.${idField}`,
        value: id,
        code: 'duplicate-region-id',
      });
    const name = regionName(f.properties[nameField], id, { ...where, id, field: `properties.${nameField}` });
    // Geometry problems name the region by its key, the id a planner knows it by.
    const polygons = polygonsOf(f.geometry, { ...where, id }, invalid);
    seen.set(id, f.index);
    ids.push(id);
    names.push(name);
    for (const rings of polygons) builder.addPolygon(rings, ids.length - 1);
  }
  if (nameField !== 'name' && raw.every((f) => f.properties[nameField] === undefined))
    throw new InputError('no region has this property', {
      file: path,
      field: `properties.${nameField}`,
      hint: `name the property with the region's name with --region-name (properties: ${Object.keys(raw[0].properties).join(', ')})`,
    });
  if (ids.length === 0)
    throw new InputError(`no region is left: all ${raw.length} were invalid and skipped`, { file: path });
  return {
    regions: { ids, names, polygons: builder.finish() },
    features: raw.length,
    digest,
    format: detected,
    ...crsRecord(crs),
    ...invalid.report(),
  };
}

/** A string or number names the region (absent: its id); anything else is refused, not `String()`ed. */
function regionName(value: unknown, id: string, where: InputErrorWhere): string {
  if (value === undefined || value === null) return id;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new InputError('a region name must be a string or a number', {
    ...where,
    value,
    hint: 'name the property with the region names with --region-name',
    code: 'bad-region-name',
  });
}
