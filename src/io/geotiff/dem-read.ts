import { InputError } from '../../errors.js';
import { Dem } from '../../planning/terrain-dem.js';
import { digestFile } from './digest.js';
import { openRaster } from './raster.js';
import { rowWindows } from './windows.js';

/** 2^28 heights are 1 GiB of Float32: a larger DEM is resampled first. */
const MAX_CELLS = 1 << 28;
/** Below the Dead Sea shore or above Everest: not metres above sea level (centimetres, feet ×10, a scale). */
const LOWEST_M = -500;
const HIGHEST_M = 9000;
const RESAMPLE = 'resample it: gdalwarp -tr 25 25 -r average dgm1.vrt dem.tif (NRW: EPSG:25832)';

/**
 * A DEM GeoTIFF (one band, heights in metres above sea level, any CRS funkatlas knows from its EPSG
 * GeoKey) read whole into memory. Nodata and NaN cells stay NaN: a radial stops there. A height
 * outside −500 … 9000 m is refused (the file is not in metres).
 */
export async function readDem(path: string): Promise<Dem> {
  const raster = await openRaster(path);
  const digest = digestFile(path);
  digest.catch(() => {}); // awaited below; not an unhandled rejection if reading fails first
  let heights: Float32Array;
  try {
    const { columns, rows } = raster.grid;
    if (raster.bands !== 1)
      throw new InputError(`${raster.bands} bands; a DEM has one (heights in metres)`, {
        file: path,
        field: 'SamplesPerPixel',
        value: raster.bands,
        hint: 'keep the heights: gdal_translate -b 1 in.tif dem.tif',
      });
    if (columns * rows > MAX_CELLS)
      throw new InputError(`${columns} × ${rows} cells is more than a DEM held in memory may have`, {
        file: path,
        field: 'size',
        value: columns * rows,
        hint: RESAMPLE,
      });
    heights = new Float32Array(columns * rows);
    for await (const window of rowWindows(raster, [0])) {
      const values = window.bands[0];
      const at = window.row0 * columns;
      for (let k = 0; k < values.length; k++) {
        const v = values[k];
        if (v === raster.nodata || Number.isNaN(v)) {
          heights[at + k] = Number.NaN;
          continue;
        }
        if (!(v >= LOWEST_M && v <= HIGHEST_M)) {
          const row = window.row0 + Math.floor(k / columns);
          throw new InputError(
            `height ${v} at row ${row}, column ${k % columns} is not metres above sea level`,
            {
              file: path,
              field: 'height',
              value: v,
              hint: `heights must lie within ${LOWEST_M} … ${HIGHEST_M} m; set the nodata value (gdal_edit -a_nodata) or convert the units`,
            },
          );
        }
        heights[at + k] = v;
      }
    }
  } finally {
    await raster.close();
  }
  const { sha256, bytes } = await digest;
  return new Dem(raster.grid, heights, { path, sha256, bytes });
}
