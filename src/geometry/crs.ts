import { createRequire } from 'node:module';
import type proj4Type from 'proj4';
import { InputError } from '../errors.js';

/**
 * A coordinate reference system an input may be in, and how to bring its coordinates to lon/lat
 * (EPSG:4326), the engine's only CRS. ETRS89 and WGS84 are treated as equal (they differ by < 1 m in
 * Germany, as in every tool that does not apply a time-dependent transformation).
 */
export interface Crs {
  /** As the user or the file named it, normalised: `EPSG:25832`, or the proj4 string given. */
  readonly name: string;
  /** Already WGS84 lon/lat: nothing to transform. */
  readonly geographic: boolean;
  /** Coordinates in degrees (lon/lat of some datum): range checks apply before transforming. */
  readonly degrees: boolean;
  /** The flag or option it came from (`read.inputCrs`), when the user gave it, not a file. */
  readonly flag?: string;
  /** Transforms flat [x0, y0, x1, y1, …] to lon/lat in place. */
  toLonLat(xy: Float64Array | number[]): void;
  /** Transforms flat lon/lat to this CRS in place. */
  fromLonLat(xy: Float64Array | number[]): void;
}

/**
 * proj4 ships no definitions for the CRSs German data comes in; these are EPSG's own (towgs84 zero
 * for the ETRS89 ones; Gauss-Krüger with the usual DHDN 7-parameter shift).
 */
const DEFINITIONS: Record<number, string> = {
  4258: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs',
  25832: '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  25833: '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  3035: '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  32632: '+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs',
  32633: '+proj=utm +zone=33 +datum=WGS84 +units=m +no_defs',
  31466:
    '+proj=tmerc +lat_0=0 +lon_0=6 +k=1 +x_0=2500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs',
  31467:
    '+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs',
};

const GEOGRAPHIC_CODES = new Set([4326, 4258]);
let proj4: typeof proj4Type | undefined;

/** proj4 with our definitions, loaded on first use: importing it costs ~45 ms that lon/lat runs need not pay. */
function projector(): typeof proj4Type {
  if (proj4) return proj4;
  proj4 = createRequire(import.meta.url)('proj4') as typeof proj4Type;
  for (const [code, definition] of Object.entries(DEFINITIONS)) proj4.defs(`EPSG:${code}`, definition);
  return proj4;
}

/** The EPSG codes funkatlas knows without a proj4 string. */
export const KNOWN_EPSG = [4326, 3857, ...Object.keys(DEFINITIONS).map(Number)].sort((a, b) => a - b);

export const WGS84: Crs = {
  name: 'EPSG:4326',
  geographic: true,
  degrees: true,
  toLonLat: () => {},
  fromLonLat: () => {},
};

/**
 * A CRS from what a file or the user names it: `EPSG:25832`, `25832`, `urn:ogc:def:crs:EPSG::25832`,
 * `http://www.opengis.net/def/crs/EPSG/0/25832`, `OGC:CRS84`, or a proj4 string (`+proj=…`).
 * `source` says where the name came from, for the error.
 */
export function resolveCrs(spec: string, source: { file?: string; field?: string } = {}): Crs {
  const text = spec.trim();
  if (/^(OGC:)?CRS84$/i.test(text) || /crs:OGC:1\.3:CRS84$/i.test(text) || /OGC\/1\.3\/CRS84$/i.test(text))
    return wgs84(source);
  const epsg = /^(?:EPSG:{1,2})?(\d+)$/i.exec(text) ?? /EPSG(?::[\d.]*:|\/\d+\/)(\d+)$/i.exec(text);
  if (epsg) {
    const code = Number(epsg[1]);
    if (GEOGRAPHIC_CODES.has(code)) return wgs84(source);
    if (code !== 3857 && !(code in DEFINITIONS))
      throw new InputError(`unknown CRS EPSG:${code}`, {
        ...source,
        value: spec,
        hint: `known: ${KNOWN_EPSG.map((c) => `EPSG:${c}`).join(', ')}; or give ${userOption(source) ?? 'read.inputCrs'} a proj4 string, or reproject with ogr2ogr -t_srs EPSG:4326`,
      });
    return projected(`EPSG:${code}`, `EPSG:${code}`, userOption(source));
  }
  if (text.startsWith('+proj=')) {
    try {
      projector()(text, 'EPSG:4326', [0, 0]);
    } catch (error) {
      throw new InputError(`proj4 cannot use this CRS (${(error as Error).message})`, {
        ...source,
        value: spec,
      });
    }
    if (/\+proj=(longlat|latlong|lonlat|latlon)\b/.test(text) && !/\+towgs84|\+datum|\+nadgrids/.test(text))
      return wgs84(source);
    return projected(text, text, userOption(source));
  }
  throw new InputError('unrecognised CRS', {
    ...source,
    value: spec,
    hint: 'use EPSG:<code> (e.g. EPSG:25832) or a proj4 string',
  });
}

/**
 * What to do when a file without a CRS looks like lon/lat under a projected CRS flag: the flag was
 * meant for another input (GeoJSON without a `crs` member is lon/lat by RFC 7946).
 */
export function crsMismatchHint(flag: string): string {
  if (flag !== 'read.inputCrs') return `check the CRS given with ${flag}`;
  return `${flag} applies to every input without a CRS of its own: give the projected input's CRS to its role alone (read.householdsCrs, read.coverageCrs, …)`;
}

/** WGS84, marked with the option it came from when the user gave it (for errors that name it). */
function wgs84(source: { file?: string; field?: string }): Crs {
  const flag = userOption(source);
  return flag ? { ...WGS84, flag } : WGS84;
}

/** The flag or option a CRS name came from when the user gave it: a name read from a file has its file. */
function userOption(source: { file?: string; field?: string }): string | undefined {
  return source.file === undefined ? source.field : undefined;
}

/**
 * A CRS option of the library: a resolved Crs, or a name as `resolveCrs` takes it; errors name
 * `option` (`read.inputCrs`, `outputCrs`).
 */
export function crsOption(value: Crs | string | undefined, option: string): Crs | undefined {
  if (value === undefined || isCrs(value)) return value;
  if (typeof value !== 'string')
    throw new InputError('a CRS must be a name such as EPSG:25832, a proj4 string or a resolved Crs', {
      field: option,
      value,
    });
  return resolveCrs(value, { field: option });
}

function isCrs(value: unknown): value is Crs {
  return typeof value === 'object' && value !== null && typeof (value as Crs).toLonLat === 'function';
}

function projected(name: string, definition: string, flag?: string): Crs {
  const converter = projector()(definition, 'EPSG:4326');
  return {
    name,
    geographic: false,
    // Lon/lat on another datum (DHDN, …): degrees, but shifted on the way to WGS84.
    degrees: /\+proj=(longlat|latlong|lonlat|latlon)\b/.test(definition),
    ...(flag ? { flag } : {}),
    toLonLat: (xy) => eachPoint(xy, (p) => converter.forward(p)),
    fromLonLat: (xy) => eachPoint(xy, (p) => converter.inverse(p)),
  };
}

/** Replaces each x, y pair of a flat array by `transform([x, y])`. */
function eachPoint(xy: Float64Array | number[], transform: (p: number[]) => number[]): void {
  const p = [0, 0];
  for (let k = 0; k + 1 < xy.length; k += 2) {
    p[0] = xy[k];
    p[1] = xy[k + 1];
    const [x, y] = transform(p);
    xy[k] = x;
    xy[k + 1] = y;
  }
}

/** What summary.json records of an input's CRS: its name, unless it was WGS84 lon/lat already. */
export function crsRecord(crs: Crs): { crs?: string } {
  return crs.geographic ? {} : { crs: crs.name };
}

/** `EPSG:<code>` → code (a FlatGeobuf header stores it); undefined for a proj4 string. */
export function epsgCode(crs: Crs | undefined): number | undefined {
  const match = /^EPSG:(\d+)$/.exec(crs?.name ?? 'EPSG:4326');
  return match ? Number(match[1]) : undefined;
}
