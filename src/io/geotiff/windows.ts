import type { TypedArray } from 'geotiff';
import { InputError } from '../../errors.js';
import type { Raster } from './raster.js';

/** Cells decoded at once (per band): 1 M cells are 4 MB of Float32, whatever the raster's size. */
export const WINDOW_CELLS = 1 << 20;

/** A strip of whole rows of a raster: `bands[b][r * columns + c]` is row `row0 + r`, column c. */
export interface RowWindow {
  readonly row0: number;
  readonly rows: number;
  readonly bands: readonly TypedArray[];
}

/**
 * The raster in strips of rows, north to south, each at most `maxCells` cells (but at least one
 * block high, and a whole number of blocks, so each strip or tile row is decoded once).
 */
export async function* rowWindows(
  raster: Raster,
  bands: readonly number[],
  maxCells = WINDOW_CELLS,
): AsyncGenerator<RowWindow> {
  const { columns, rows } = raster.grid;
  const blocks = Math.max(1, Math.floor(maxCells / (columns * raster.blockRows)));
  const step = blocks * raster.blockRows;
  for (let row0 = 0; row0 < rows; row0 += step) {
    const row1 = Math.min(rows, row0 + step);
    let data: TypedArray[];
    try {
      data = await raster.image.readRasters({
        window: [0, row0, columns, row1],
        samples: [...bands],
        interleave: false,
      });
    } catch (error) {
      // The blocks lie inside the file (checked on opening), so this is damaged compressed data.
      throw new InputError(`cannot decode rows ${row0} to ${row1 - 1} (${(error as Error).message})`, {
        file: raster.path,
        hint: 'the file is damaged; write it again with gdal_translate',
      });
    }
    yield { row0, rows: row1 - row0, bands: data };
  }
}
