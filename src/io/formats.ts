import { gunzipSync } from 'node:zlib';
import { InputError } from '../errors.js';
import { headerFields } from './csv/fields.js';
import { peekInput } from './files/input-stream.js';
import { checkInputFile, formatName, isGzipped } from './files/source.js';
import { isGeoPackageName, SQLITE_MAGIC } from './gpkg/layer-path.js';

export const HOUSEHOLDS_FORMATS = ['geojson', 'csv', 'zensus', 'fgb', 'geotiff', 'gpkg'] as const;
export const COVERAGE_FORMATS = ['geojson', 'fgb', 'geotiff', 'bnetza', 'gpkg'] as const;
export const REGIONS_FORMATS = ['geojson', 'fgb', 'gpkg'] as const;

export type HouseholdsFormat = (typeof HOUSEHOLDS_FORMATS)[number];
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];
type RegionsFormat = (typeof REGIONS_FORMATS)[number];
export type InputFormat = HouseholdsFormat | CoverageFormat | RegionsFormat;

/**
 * The format of an input: `override` if given (`--households-format` …), else by extension, else by
 * content (magic bytes, a CSV's header). Throws if the result is not one of `allowed`.
 */
export function detectFormat<F extends InputFormat>(
  path: string,
  allowed: readonly F[],
  override?: string,
  flag?: string,
): F {
  if (override !== undefined) {
    if (!(allowed as readonly string[]).includes(override))
      throw new InputError(`unknown format; one of ${allowed.join(', ')}`, { field: flag, value: override });
    return override as F;
  }
  const format = sniff(path);
  if (format === 'empty')
    throw new InputError('the input is empty', {
      file: path,
      hint: path === '-' ? 'nothing came on standard input' : undefined,
    });
  if (format === undefined || !(allowed as readonly string[]).includes(format))
    throw new InputError(
      format === undefined ? 'cannot tell the format of this file' : `a ${format} file cannot be used here`,
      {
        file: path,
        hint: `name it .geojson/.csv/.fgb/.tif/.gpkg or give ${flag ?? 'the format flag'} (${allowed.join(', ')})`,
      },
    );
  return format as F;
}

function sniff(path: string): InputFormat | 'empty' | undefined {
  // Before the file is looked at: `PATH.gpkg:LAYER` is no file name.
  if (isGeoPackageName(path)) return 'gpkg';
  const name = formatName(path);
  if (name.endsWith('.fgb')) return 'fgb';
  if (name.endsWith('.tif') || name.endsWith('.tiff')) return 'geotiff';
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
  const head = headOf(path);
  // Nothing to tell the format by (an empty pipe, /dev/null): say so, not "cannot tell".
  if (head === undefined) return name.endsWith('.csv') ? 'csv' : 'empty';
  if (head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return 'gpkg';
  if (head.length >= 4 && head[0] === 0x66 && head[1] === 0x67 && head[2] === 0x62) return 'fgb';
  if (head.length >= 4 && ((head[0] === 0x49 && head[1] === 0x49) || (head[0] === 0x4d && head[1] === 0x4d)))
    if (head[2] + head[3] === 42) return 'geotiff';
  const text = head.toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '');
  // The first line only: a head of blank lines must not become millions of strings.
  const firstLine = text
    .slice(0, text.search(/[\r\n]|$/))
    .trim()
    .toLowerCase();
  if (/^gitter_id/.test(firstLine)) return 'zensus';
  if (/^"?id"?[,;]"?gsm_out"?[,;]/.test(firstLine)) return 'bnetza';
  if (name.endsWith('.csv') || isPointCsvHeader(firstLine)) return 'csv';
  if (/^\s*[{[]/.test(text)) return 'geojson';
  return undefined;
}

/** A header naming lon and lat (or x and y) columns: stdin and pipes have no name to tell a CSV by. */
function isPointCsvHeader(line: string): boolean {
  const { names } = headerFields(line);
  return (names.includes('lon') && names.includes('lat')) || (names.includes('x') && names.includes('y'));
}

/** What format detection reads of an input. */
const HEAD_BYTES = 64 * 1024;

/** The first bytes of an input (decompressed when gzipped), undefined when it has none; a stream keeps them for its reader. */
function headOf(path: string): Buffer | undefined {
  checkInputFile(path);
  const bytes = peekInput(path, HEAD_BYTES);
  if (bytes.length === 0) return undefined;
  if (!isGzipped(path, bytes)) return bytes;
  // Inflated from ever more of the compressed head until 64 KiB come out: all 64 KiB of a gzip bomb
  // would inflate to ~64 MB. A truncated stream still yields its first bytes (Z_SYNC_FLUSH).
  let head = Buffer.alloc(0);
  for (let n = 256; head.length < HEAD_BYTES; n *= 4) {
    try {
      head = gunzipSync(bytes.subarray(0, n), { finishFlush: 2 /* Z_SYNC_FLUSH */ });
    } catch {
      break;
    }
    if (n >= bytes.length) break;
  }
  return head.subarray(0, HEAD_BYTES);
}
