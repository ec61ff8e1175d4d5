import { InputError } from '../../errors.js';
import type { CellGrid } from '../../geometry/cell-polygons.js';
import { type Crs, crsMismatchHint, resolveCrs } from '../../geometry/crs.js';

/** The georeferencing tags of a GeoTIFF, as read. */
export interface GeoTags {
  readonly tiepoint?: ArrayLike<number>;
  readonly pixelScale?: ArrayLike<number>;
  readonly transformation?: ArrayLike<number>;
  readonly geoKeys: Readonly<Record<string, unknown>> | null;
}

const USER_DEFINED = 32767;
const PIXEL_IS_POINT = 2;
const NORTH_UP_HINT = 'resample it to a north-up grid: gdalwarp -t_srs EPSG:25832 in.tif out.tif';

/**
 * The grid of a north-up GeoTIFF: origin and cell size from ModelTiepoint + ModelPixelScale (or an
 * unrotated ModelTransformation), the CRS from its EPSG GeoKey (else `fallbackCrs`, `--input-crs`).
 */
export function cellGridOf(
  tags: GeoTags,
  columns: number,
  rows: number,
  path: string,
  fallbackCrs?: Crs,
): CellGrid {
  let x0: number;
  let y0: number;
  let cellWidth: number;
  let cellHeight: number;
  const { tiepoint, pixelScale, transformation } = tags;
  if (tiepoint && pixelScale) {
    if (tiepoint.length !== 6)
      throw new InputError(`${tiepoint.length / 6} tie points (ground control points), not a grid`, {
        file: path,
        field: 'ModelTiepoint',
        hint: NORTH_UP_HINT,
      });
    [cellWidth, cellHeight] = [pixelScale[0], pixelScale[1]];
    x0 = tiepoint[3] - tiepoint[0] * cellWidth;
    y0 = tiepoint[4] + tiepoint[1] * cellHeight;
  } else if (transformation && transformation.length >= 8) {
    // Row-major 4 × 4: x = a·column + b·row + c, y = d·column + e·row + f.
    const [a, b, , c, d, e, , f] = Array.from(transformation);
    if (b !== 0 || d !== 0)
      throw new InputError('rotated or sheared grid', {
        file: path,
        field: 'ModelTransformation',
        value: [a, b, d, e],
        hint: NORTH_UP_HINT,
      });
    [x0, y0, cellWidth, cellHeight] = [c, f, a, -e];
  } else {
    throw new InputError('no georeferencing (needs ModelTiepoint and ModelPixelScale)', {
      file: path,
      hint: 'georeference it: gdal_translate -a_srs EPSG:25832 -a_ullr <ulx> <uly> <lrx> <lry> in.tif out.tif',
    });
  }
  if (!(cellWidth > 0 && cellHeight > 0) || ![x0, y0, cellWidth, cellHeight].every(Number.isFinite))
    throw new InputError('cell size must be positive with rows running south (north-up)', {
      file: path,
      field: tiepoint && pixelScale ? 'ModelPixelScale' : 'ModelTransformation',
      value: [cellWidth, cellHeight],
      hint: NORTH_UP_HINT,
    });
  // PixelIsPoint: the tie point is a cell's centre, not its corner (as GDAL reads it).
  if (tags.geoKeys?.GTRasterTypeGeoKey === PIXEL_IS_POINT) {
    x0 -= cellWidth / 2;
    y0 += cellHeight / 2;
  }
  const crs = crsOf(tags.geoKeys, path, fallbackCrs);
  checkPlacement(path, crs, [x0, y0, x0 + columns * cellWidth, y0 - rows * cellHeight]);
  return { crs, x0, y0, cellWidth, cellHeight, columns, rows };
}

function crsOf(keys: GeoTags['geoKeys'], path: string, fallback: Crs | undefined): Crs {
  const model = keys?.GTModelTypeGeoKey;
  const field = model === 2 ? 'GeographicTypeGeoKey' : 'ProjectedCSTypeGeoKey';
  const code = keys?.[field];
  if (typeof code === 'number' && code > 0 && code !== USER_DEFINED && (model === 1 || model === 2))
    return resolveCrs(`EPSG:${code}`, { file: path, field });
  if (fallback) return fallback;
  throw new InputError('no EPSG code in the GeoKeys', {
    file: path,
    field,
    value: code === USER_DEFINED ? 'user-defined' : (code ?? null),
    hint: 'assign one: gdal_translate -a_srs EPSG:25832 in.tif out.tif, or give read.inputCrs',
  });
}

/**
 * The raster's corners must land in lon/lat: a raster in metres tagged as degrees, or in degrees
 * under a projected --input-crs, would otherwise put every cell far away or at NaN, quietly outside
 * all regions. Checked once per raster, not per cell.
 */
function checkPlacement(path: string, crs: Crs, [left, top, right, bottom]: number[]): void {
  if (
    crs.flag &&
    !crs.degrees &&
    [left, right].every((x) => Math.abs(x) <= 180) &&
    [top, bottom].every((y) => Math.abs(y) <= 90)
  )
    throw new InputError(`the raster's extent looks like lon/lat degrees, but ${crs.flag} says ${crs.name}`, {
      file: path,
      field: 'georeferencing',
      value: [left, bottom, right, top],
      hint: `${crsMismatchHint(crs.flag)}, or assign it one: gdal_translate -a_srs EPSG:4326 in.tif out.tif`,
    });
  const corners = [left, top, right, top, right, bottom, left, bottom];
  if (!crs.geographic) crs.toLonLat(corners);
  for (let k = 0; k < corners.length; k += 2) {
    if (!(Math.abs(corners[k]) <= 180 && Math.abs(corners[k + 1]) <= 90))
      throw new InputError(`the raster's extent cannot be placed in lon/lat from ${crs.name}`, {
        file: path,
        field: 'georeferencing',
        value: [left, bottom, right, top],
        hint: 'is its CRS right? check it with gdalinfo; assign one with gdal_translate -a_srs EPSG:<code>',
      });
  }
}
