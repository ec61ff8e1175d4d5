import { statSync } from 'node:fs';
import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import { InputError } from '../../errors.js';
import type { CellGrid } from '../../geometry/cell-polygons.js';
import type { Crs } from '../../geometry/crs.js';
import { nullRecord } from '../../model/user-keys.js';
import { checkSeekableFile } from '../files/source.js';
import { checkBlocks } from './blocks.js';
import { checkDirectory } from './directory.js';
import { cellGridOf } from './georef.js';

/** How a band's numbers are stored. */
export type SampleKind = 'unsigned' | 'signed' | 'float';

/** A GeoTIFF's first image, checked to be readable in windows: structure, compression, grid. */
export interface Raster {
  readonly path: string;
  readonly grid: CellGrid;
  readonly bands: number;
  readonly kind: SampleKind;
  /** GDAL's name of the data type (`Byte`, `Int16`, `Float32`, …), for messages. */
  readonly dataType: string;
  /** GDAL_NODATA as the band's data type holds it (all bands share it), or undefined. */
  readonly nodata?: number;
  /** Dataset metadata items, as `gdal_translate -mo KEY=VALUE` writes them. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Rows per strip or tile: windows are whole multiples, so no block is decoded twice. */
  readonly blockRows: number;
  readonly image: GeoTIFFImage;
  close(): Promise<void>;
}

/** Compressions geotiff.js decodes losslessly and we test; everything else is refused. */
const SUPPORTED = new Set([1, 5, 8, 32946, 32773, 50000]);
const COMPRESSION_NAMES: Record<number, string> = {
  5: 'LZW',
  6: 'old-style JPEG',
  7: 'JPEG',
  8: 'DEFLATE',
  32946: 'DEFLATE',
  32773: 'PACKBITS',
  34887: 'LERC',
  34925: 'LZMA',
  50000: 'ZSTD',
  50001: 'WEBP',
  50002: 'JPEG-XL',
};
const REWRITE = 'rewrite it: gdal_translate -co COMPRESS=DEFLATE in.tif out.tif';

export async function openRaster(path: string, fallbackCrs?: Crs): Promise<Raster> {
  checkSeekableFile(path, 'GeoTIFF');
  if (path.toLowerCase().endsWith('.gz'))
    throw new InputError('a gzipped GeoTIFF cannot be read in windows', {
      file: path,
      hint: 'gunzip it, or compress inside the TIFF: gdal_translate -co COMPRESS=DEFLATE',
    });
  const fileBytes = statSync(path).size;
  checkDirectory(path, fileBytes);
  let tiff: GeoTIFF | undefined;
  let image: GeoTIFFImage;
  try {
    // Parsing the header and first directory: what fails here is the file, not our code.
    // Loaded on first use: geotiff and its decoders take ~45 ms to import, which every other run would pay.
    const { fromFile } = await import('geotiff');
    tiff = await fromFile(path);
    image = await tiff.getImage(0);
  } catch (error) {
    await tiff?.close();
    throw new InputError(`not a readable TIFF file (${(error as Error).message})`, { file: path });
  }
  try {
    const raster = await describe(path, image, fileBytes, fallbackCrs);
    const opened = tiff;
    return { ...raster, image, close: async () => void (await opened.close()) };
  } catch (error) {
    await tiff.close();
    throw error;
  }
}

async function describe(
  path: string,
  image: GeoTIFFImage,
  fileBytes: number,
  fallbackCrs: Crs | undefined,
): Promise<Omit<Raster, 'image' | 'close'>> {
  const dir = image.getFileDirectory();
  const compression = Number((await dir.loadValue('Compression')) ?? 1);
  if (!SUPPORTED.has(compression))
    throw new InputError(
      compression === 7 || compression === 50001
        ? `lossy ${COMPRESSION_NAMES[compression]} compression changes cell values`
        : `unsupported compression ${COMPRESSION_NAMES[compression] ?? compression}`,
      { file: path, field: 'Compression', value: compression, hint: REWRITE },
    );
  const bands = image.getSamplesPerPixel();
  const { kind, dataType } = sampleType(
    Array.from((await dir.loadValue('SampleFormat')) ?? [1]),
    Array.from((await dir.loadValue('BitsPerSample')) ?? [1]),
    path,
  );
  const width = image.getWidth();
  const height = image.getHeight();
  const tiled = image.isTiled;
  const blockWidth = tiled ? image.getTileWidth() : width;
  const blockRows = Math.min(height, image.getTileHeight());
  const planar = image.planarConfiguration === 2 ? bands : 1;
  const field = tiled ? 'TileOffsets' : 'StripOffsets';
  checkBlocks(
    {
      field,
      offsets: (await dir.loadValue(field)) ?? [],
      byteCounts: (await dir.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) ?? [],
      expected: Math.ceil(width / blockWidth) * Math.ceil(height / blockRows) * planar,
    },
    fileBytes,
    path,
  );
  const grid = cellGridOf(
    {
      tiepoint: await dir.loadValue('ModelTiepoint'),
      pixelScale: await dir.loadValue('ModelPixelScale'),
      transformation: await dir.loadValue('ModelTransformation'),
      geoKeys: image.getGeoKeys(),
    },
    width,
    height,
    path,
    fallbackCrs,
  );
  const noDataText = await dir.loadValue('GDAL_NODATA');
  let nodata: number | undefined;
  if (typeof noDataText === 'string' && noDataText.replace(/\0/g, '').trim() !== '') {
    nodata = Number(noDataText.replace(/\0/g, '').trim());
    // A Float32 band holds the nearest float32 of what GDAL wrote as text.
    if (dataType === 'Float32') nodata = Math.fround(nodata);
  }
  const items = (await image.getGDALMetadata()) ?? {};
  const metadata = nullRecord<string>();
  for (const [key, value] of Object.entries(items)) metadata[key.toUpperCase()] = unescapeXml(String(value));
  return {
    path,
    grid,
    bands,
    kind,
    dataType,
    metadata,
    blockRows,
    ...(nodata === undefined ? {} : { nodata }),
  };
}

const TYPES: Record<string, string> = {
  'unsigned 8': 'Byte',
  'unsigned 16': 'UInt16',
  'unsigned 32': 'UInt32',
  'signed 8': 'Int8',
  'signed 16': 'Int16',
  'signed 32': 'Int32',
  'float 32': 'Float32',
  'float 64': 'Float64',
};

function sampleType(formats: number[], bits: number[], path: string): { kind: SampleKind; dataType: string } {
  const kinds: SampleKind[] = formats.map((f) => (f === 2 ? 'signed' : f === 3 ? 'float' : 'unsigned'));
  const types = kinds.map((k, i) => TYPES[`${k} ${bits[i] ?? bits[0]}`]);
  if (types.some((t) => t === undefined) || new Set(types).size > 1)
    throw new InputError('unsupported data type', {
      file: path,
      field: 'BitsPerSample',
      value: { SampleFormat: formats, BitsPerSample: bits },
      hint: 'convert it: gdal_translate -ot Byte (masks), -ot UInt32 (counts) or -ot Float32',
    });
  return { kind: kinds[0], dataType: types[0] };
}

function unescapeXml(text: string): string {
  return text
    .trim()
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
