import { InputError } from '../../errors.js';
import { crsRecord } from '../../geometry/crs.js';
import { MAX_WEIGHT } from '../../model/households.js';
import { PointColumns } from '../../model/point-columns.js';
import { HouseholdTotal } from '../household-total.js';
import type { ResolvedReadOptions as ReadOptions } from '../read-options.js';
import type { HouseholdsFileRead } from '../read-result.js';
import { CumulativeRounding } from './cumulative-rounding.js';
import { digestFile } from './digest.js';
import { openRaster, type Raster } from './raster.js';
import { rowWindows, WINDOW_CELLS } from './windows.js';

/** What band 1 counts, from the metadata item QUANTITY (`gdal_translate -mo QUANTITY=population`). */
type Quantity =
  | { kind: 'households' }
  /** Persons; households = persons / (band 2, or the constant `size`), rounded cumulatively. */
  | { kind: 'population'; size?: number };

const NOT_HOUSEHOLDS = `households must be a whole number from 0 to ${MAX_WEIGHT}`;
const PERSONS_HINT =
  'if it counts persons: gdal_translate -mo QUANTITY=population, and give read.householdSize';
const MARK_HINT =
  'mark it: gdal_translate -mo QUANTITY=households (or QUANTITY=population with read.householdSize)';

/**
 * A household raster: each cell with households > 0 becomes a weighted point at its centre. Band 1
 * holds households per cell, or persons when QUANTITY=population (then band 2, or
 * `options.householdSize`, is persons per household). Nodata (and NaN) cells hold no households.
 * `features` is the number of cells read.
 */
export async function readGeoTiffHouseholds(
  path: string,
  options: ReadOptions,
  windowCells = WINDOW_CELLS,
): Promise<HouseholdsFileRead> {
  const raster = await openRaster(path, options.inputCrs);
  const digest = digestFile(path);
  digest.catch(() => {}); // awaited below; not an unhandled rejection if reading fails first
  const points = new PointColumns();
  const total = new HouseholdTotal(path);
  try {
    const quantity = quantityOf(raster, options);
    const population = quantity.kind === 'population';
    const bands = population && quantity.size === undefined ? [0, 1] : [0];
    const rounding = new CumulativeRounding();
    const { x0, y0, cellWidth, cellHeight, columns } = raster.grid;
    const nodata = raster.nodata;
    for await (const window of rowWindows(raster, bands, windowCells)) {
      const start = points.count;
      const [values, sizes] = window.bands;
      for (let r = 0, k = 0; r < window.rows; r++) {
        const row = window.row0 + r;
        const y = y0 - (row + 0.5) * cellHeight;
        for (let c = 0; c < columns; c++, k++) {
          const value = values[k];
          if (value === nodata || Number.isNaN(value)) continue;
          let households: number;
          if (!population) {
            if (!(value >= 0 && value <= MAX_WEIGHT && Number.isInteger(value)))
              throw cellError(raster, c, row, 1, value, NOT_HOUSEHOLDS, PERSONS_HINT);
            households = value;
          } else {
            if (!(value >= 0 && Number.isFinite(value)))
              throw cellError(raster, c, row, 1, value, 'persons must be a number ≥ 0');
            if (value === 0) continue;
            const size = quantity.size ?? sizes[k];
            if (!(size > 0 && Number.isFinite(size) && size !== nodata))
              throw cellError(
                raster,
                c,
                row,
                2,
                size,
                'persons per household must be a number > 0 where persons live',
              );
            households = rounding.next(value / size);
          }
          if (households === 0) continue;
          if (!total.add(households)) throw total.passed({ field: 'band 1' }, ` at column ${c}, row ${row}`);
          points.push(x0 + (c + 0.5) * cellWidth, y, households);
        }
      }
      points.transform(start, (xy) => raster.grid.crs.toLonLat(xy));
    }
  } finally {
    await raster.close();
  }
  const crs = raster.grid.crs;
  return {
    households: points.finish(),
    features: raster.grid.columns * raster.grid.rows,
    digest: await digest,
    ...crsRecord(crs),
  };
}

function quantityOf(raster: Raster, options: ReadOptions): Quantity {
  const { path, bands, metadata } = raster;
  const quantity = metadata.QUANTITY?.toLowerCase();
  if (quantity !== undefined && quantity !== 'households' && quantity !== 'population')
    throw new InputError('unknown QUANTITY; households or population', {
      file: path,
      field: 'QUANTITY',
      value: metadata.QUANTITY,
      hint: MARK_HINT,
    });
  if (quantity === 'population') {
    if (bands > 2)
      throw new InputError(
        `${bands} bands; a population raster has persons and optionally persons per household`,
        {
          file: path,
          hint: 'keep those two: gdal_translate -b 1 -b 2',
        },
      );
    if (bands === 2 && options.householdSize !== undefined)
      throw new InputError('has a band of persons per household and read.householdSize was given', {
        file: path,
        field: 'read.householdSize',
        value: options.householdSize,
        hint: 'drop read.householdSize to use the band, or keep only persons: gdal_translate -b 1',
      });
    if (bands === 1 && options.householdSize === undefined)
      throw new InputError('a population raster needs persons per household', {
        file: path,
        field: 'read.householdSize',
        hint: 'give read.householdSize (e.g. 2.0), or add persons per household as band 2',
      });
    return bands === 2 ? { kind: 'population' } : { kind: 'population', size: options.householdSize };
  }
  if (bands !== 1)
    throw new InputError(`${bands} bands; a households raster has one`, {
      file: path,
      hint: 'keep band 1 (gdal_translate -b 1), or mark persons + household size: -mo QUANTITY=population',
    });
  if (quantity === undefined && raster.kind === 'float')
    throw new InputError(`a ${raster.dataType} raster must say whether it counts households or persons`, {
      file: path,
      field: 'QUANTITY',
      hint: MARK_HINT,
    });
  return { kind: 'households' };
}

function cellError(
  raster: Raster,
  column: number,
  row: number,
  band: number,
  value: number,
  problem: string,
  hint?: string,
) {
  return new InputError(`${problem} at column ${column}, row ${row}`, {
    file: raster.path,
    field: `band ${band}`,
    value,
    hint,
  });
}
