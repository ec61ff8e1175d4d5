import { basename } from 'node:path';
import { InputError } from '../../errors.js';
import { cellPolygons } from '../../geometry/cell-polygons.js';
import { crsRecord } from '../../geometry/crs.js';
import { normaliseTechnology } from '../../model/coverage.js';
import type { ResolvedReadOptions as ReadOptions } from '../read-options.js';
import type { CoverageFileRead, CoverageSink } from '../read-result.js';
import { digestFile } from './digest.js';
import { openRaster, type Raster } from './raster.js';
import { rowWindows, WINDOW_CELLS } from './windows.js';

/**
 * A coverage raster of one operator × technology (metadata items OPERATOR and TECHNOLOGY, else the
 * file name `<operator>_<technology>.tif`) as polygons of its covered cells. An unsigned integer
 * raster is a mask (non-zero = covered); a signed integer or float raster is signal strength in dBm,
 * covered where ≥ `options.thresholds[technology]`. Nodata (and NaN) cells are not covered.
 * Read in strips of rows, each strip's cells traced on their own (coverage is a union, so the
 * polygons need not be dissolved across strips).
 */
export async function readGeoTiffCoverage(
  path: string,
  sink: CoverageSink,
  options: ReadOptions,
  windowCells = WINDOW_CELLS,
): Promise<CoverageFileRead> {
  const raster = await openRaster(path, options.inputCrs);
  const digest = digestFile(path);
  digest.catch(() => {}); // awaited below; not an unhandled rejection if reading fails first
  let named: string;
  try {
    const { operator, technology } = layerOf(raster);
    named = operator;
    const threshold = thresholdOf(raster, technology, options);
    const { grid, nodata } = raster;
    let polygons = 0;
    for await (const window of rowWindows(raster, [0], windowCells)) {
      const values = window.bands[0];
      const mask = new Uint8Array(values.length);
      for (let k = 0; k < values.length; k++) {
        const v = values[k];
        if (v === nodata) continue;
        // NaN fails both tests: not covered.
        mask[k] = threshold === undefined ? (v !== 0 ? 1 : 0) : v >= threshold ? 1 : 0;
      }
      const strip = { ...grid, y0: grid.y0 - window.row0 * grid.cellHeight, rows: window.rows };
      for (const rings of cellPolygons(strip, mask))
        sink.add(operator, technology, rings, {
          file: path,
          feature: polygons++,
          operatorField: 'OPERATOR',
          technologyField: 'TECHNOLOGY',
        });
    }
  } finally {
    await raster.close();
  }
  return {
    features: raster.grid.columns * raster.grid.rows,
    synthetic: false,
    digest: await digest,
    operators: [named],
    ...crsRecord(raster.grid.crs),
  };
}

function layerOf(raster: Raster): { operator: string; technology: string } {
  const fromName = /^(.+)_([^_]+)\.tiff?$/i.exec(basename(raster.path));
  const operator = raster.metadata.OPERATOR?.trim() || fromName?.[1];
  const technology = raster.metadata.TECHNOLOGY?.trim() || fromName?.[2];
  if (!operator || !technology)
    throw new InputError(`no ${operator ? 'technology' : 'operator'} for this coverage raster`, {
      file: raster.path,
      field: operator ? 'TECHNOLOGY' : 'OPERATOR',
      hint: 'name the file <operator>_<technology>.tif or set gdal_translate -mo OPERATOR=telekom -mo TECHNOLOGY=5g',
    });
  return { operator, technology: normaliseTechnology(technology) };
}

/** The dBm threshold of a signal-strength raster; undefined for a mask (unsigned integers). */
function thresholdOf(raster: Raster, technology: string, options: ReadOptions): number | undefined {
  if (raster.bands !== 1)
    throw new InputError(`${raster.bands} bands; a coverage raster has one per operator × technology`, {
      file: raster.path,
      hint: 'split it: gdal_translate -b 1 in.tif <operator>_<technology>.tif',
    });
  if (raster.kind === 'unsigned') return undefined;
  const entry = Object.entries(options.thresholds ?? {}).find(
    ([key]) => normaliseTechnology(key) === technology,
  );
  if (entry === undefined)
    throw new InputError(
      `signal strength in dBm (${raster.dataType} raster) needs a threshold for ${technology}`,
      {
        file: raster.path,
        field: 'read.thresholds',
        hint: `give read.thresholds ${technology}=-110; a 0/1 coverage mask must be unsigned: gdal_translate -ot Byte`,
      },
    );
  return entry[1];
}
