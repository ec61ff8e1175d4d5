import { InputError } from '../../errors.js';

/** Where a raster's blocks (strips or tiles) lie in its file. */
export interface BlockLayout {
  /** `StripOffsets` or `TileOffsets`, for the error. */
  readonly field: string;
  readonly offsets: ArrayLike<number | bigint>;
  readonly byteCounts: ArrayLike<number | bigint>;
  /** Blocks the image needs: blocks across × down (× bands when planar). */
  readonly expected: number;
}

/**
 * Checks that every block lies inside the file. geotiff.js reads past the end of a truncated file
 * as zeros (its file source does not check the bytes read), which would pass silently as "no
 * households" or "not covered"; a missing (sparse) block would decode as garbage or zeros too.
 */
export function checkBlocks(layout: BlockLayout, fileBytes: number, path: string): void {
  const { field, offsets, byteCounts, expected } = layout;
  if (offsets.length < expected || byteCounts.length < expected)
    throw new InputError(
      `${expected} blocks needed but ${Math.min(offsets.length, byteCounts.length)} listed`,
      {
        file: path,
        field,
        hint: 'the file is damaged; write it again with gdal_translate',
      },
    );
  for (let k = 0; k < expected; k++) {
    const offset = Number(offsets[k]);
    const length = Number(byteCounts[k]);
    if (offset === 0 || length === 0)
      throw new InputError(`block ${k} is empty (sparse file)`, {
        file: path,
        field,
        value: offset,
        hint: 'write every block: gdal_translate -co SPARSE_OK=FALSE in.tif out.tif',
      });
    if (offset + length > fileBytes)
      throw new InputError(
        `block ${k} at offset ${offset} (${length} bytes) ends past the end of the file (${fileBytes} bytes)`,
        { file: path, field, hint: 'the file is truncated; copy or download it again' },
      );
  }
}
