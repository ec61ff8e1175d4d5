import { InputError, type InputErrorWhere } from '../errors.js';
import { crsRecord } from '../geometry/crs.js';
import { PolygonSetBuilder } from '../model/polygon-set.js';
import { DEFAULT_REGION_ID, REGION_NAME_PROPERTIES } from '../model/region-fields.js';
import type { Regions } from '../model/regions.js';
import { ownProperty } from '../model/user-keys.js';
import { readFeatures } from './feature-read.js';
import { detectFormat, REGIONS_FORMATS } from './formats.js';
import { polygonsOf } from './geometry-check.js';
import { type InputRead, inputRead } from './input-read.js';
import type { ResolvedReadOptions as ReadOptions } from './read-options.js';
import type { RawFeature } from './read-result.js';
import { checkSkipLimit } from './skip-limit.js';
import { InvalidFeatures } from './skipped.js';

/** The properties tried, in this order, for a region's name when none is named (GN, GEN: BKG's VG250). */

/** Regions, and the file's record for summary.json. */
export interface RegionsRead {
  regions: Regions;
  input: InputRead;
  /** Set when the ids are used as names because no name property was found: one line for the user. */
  notice?: string;
  /** With `only`: the indexes of the regions selected, in file order. */
  selected?: number[];
}

/**
 * Reads region polygons; `idField` names the property with the key, `nameField` the one with the
 * name (undefined: the first of REGION_NAME_PROPERTIES that the regions have, else the ids). `only`
 * selects the regions with these ids; all are read, as a household on a border belongs to the first
 * region in file order that contains it, selected or not.
 */
export function readRegions(
  path: string,
  idField = DEFAULT_REGION_ID,
  nameField?: string,
  options: ReadOptions = {},
  format?: string,
  only?: readonly string[],
): RegionsRead {
  const detected = detectFormat(path, REGIONS_FORMATS, format, 'options.regionsFormat');
  const { features: raw, digest, crs, file } = readFeatures(path, detected, options);
  if (raw.length === 0) throw new InputError('the regions file has no features', { file });
  const idOf = (f: RawFeature) =>
    idField === DEFAULT_REGION_ID && ownProperty(f.properties, 'id') === undefined
      ? f.id
      : ownProperty(f.properties, idField);
  if (raw.every((f) => idOf(f) === undefined || idOf(f) === null))
    throw new InputError('no region has this property', {
      file,
      field: `properties.${idField}`,
      hint: `name the property with the region's key with --region-id (properties: ${propertyList(raw)})`,
    });
  const names = nameProperty(raw, nameField, file);
  const builder = new PolygonSetBuilder();
  const ids: string[] = [];
  const regionNames: string[] = [];
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
    const where = { file, feature: f.index, id: f.id, crs };
    const idValue = idOf(f);
    if ((typeof idValue !== 'string' && typeof idValue !== 'number') || String(idValue).trim() === '')
      throw new InputError('region has no id', {
        ...where,
        field: `properties.${idField}`,
        value: idValue,
        hint: `name the id property with --region-id (properties: ${propertyList([f])})`,
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
    seen.set(id, f.index);
    const nameValue = names === undefined ? undefined : ownProperty(f.properties, names);
    const name = regionName(nameValue, id, { ...where, id, field: `properties.${names}` });
    // Geometry problems name the region by its key, the id a planner knows it by.
    const polygons = polygonsOf(f.geometry, { ...where, id }, invalid);
    ids.push(id);
    regionNames.push(name);
    for (const rings of polygons) builder.addPolygon(rings, ids.length - 1);
  }
  if (only !== undefined) checkSelection(only, seen, path, idField);
  checkSkipLimit(path, raw.length, invalid.report().skipped, options.maxSkipped);
  if (ids.length === 0)
    throw new InputError(`no region is left: all ${raw.length} were invalid and skipped`, { file: path });
  const wanted = new Set(only);
  const selected = only === undefined ? undefined : ids.flatMap((id, r) => (wanted.has(id) ? [r] : []));
  if (selected?.length === 0)
    throw new InputError('no selected region is left: all were invalid and skipped', {
      file: path,
      field: 'options.regionFilter',
      value: only,
    });
  return {
    regions: { ids, names: regionNames, polygons: builder.finish(), ...(names ? { nameField: names } : {}) },
    input: inputRead('regions', path, detected, {
      features: raw.length,
      digest,
      ...crsRecord(crs),
      ...invalid.report(),
    }),
    ...(names === undefined ? { notice: idsAsNamesNotice(path, idField) } : {}),
    ...(selected ? { selected } : {}),
  };
}

/** What the user is told once when the ids are the names. */
function idsAsNamesNotice(path: string, idField: string): string {
  return `${path}: the regions have no ${REGION_NAME_PROPERTIES.join(', ')} property, so their ids (${idField}) are used as names; name the property with --region-name`;
}

/** The name property: the one given (refused when no region has it), else the first of REGION_NAME_PROPERTIES found. */
function nameProperty(
  raw: readonly RawFeature[],
  given: string | undefined,
  path: string,
): string | undefined {
  const somewhere = (field: string) => raw.some((f) => ownProperty(f.properties, field) !== undefined);
  if (given === undefined) return REGION_NAME_PROPERTIES.find(somewhere);
  if (!somewhere(given))
    throw new InputError('no region has this property', {
      file: path,
      field: `properties.${given}`,
      hint: `name the property with the region's name with --region-name (properties: ${propertyList(raw)})`,
    });
  return given;
}

/** Refuses selected ids that no region has, naming a few that there are. */
function checkSelection(
  only: readonly string[],
  seen: ReadonlyMap<string, number>,
  path: string,
  idField: string,
) {
  if (only.length === 0)
    throw new InputError('the region selection is empty', {
      field: 'options.regionFilter',
      hint: 'give region ids',
    });
  const unknown = only.filter((id) => !seen.has(id));
  if (unknown.length === 0) return;
  const known = [...seen.keys()];
  const examples = known.slice(0, 5).map((id) => JSON.stringify(id));
  throw new InputError(`no region has ${unknown.length === 1 ? 'this id' : 'these ids'}`, {
    file: path,
    field: 'options.regionFilter',
    value: unknown.length === 1 ? unknown[0] : unknown,
    hint: `ids (property ${idField}) are e.g. ${examples.join(', ')}${known.length > 5 ? `, … (${known.length} regions)` : ''}`,
  });
}

/** The property names of the first features, for a hint. */
function propertyList(raw: readonly RawFeature[]): string {
  const names = new Set<string>();
  for (const f of raw.slice(0, 100)) for (const key of Object.keys(f.properties)) names.add(key);
  const list = [...names];
  if (list.length === 0) return 'none';
  return list.length > 20 ? `${list.slice(0, 20).join(', ')}, …` : list.join(', ');
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
