import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { isStdin } from '../io/files/input-stream.js';
import { COVERAGE_FORMATS, detectFormat } from '../io/formats.js';
import { openRaster } from '../io/geotiff/raster.js';
import { readOptionsFor } from '../io/read-options.js';
import type { MarginInput } from '../model/summary.js';
import { marginLevels, shiftedThresholds } from '../planning/margin-levels.js';
import type { PreparedOptions } from './options.js';
import { PREDICT_METADATA_FILE as PREDICT_METADATA } from './predict-run.js';

const FIELD = 'options.margin';
const HINT =
  'give coverage rasters of signal strength (with a threshold), or predict with --margin and give its nominal layers';

/** How each level's coverage is read: the latest snapshot's files, thresholds moved or predicted level files. */
export interface MarginPlan {
  levels: number[];
  /** The snapshot the margins are of: the latest (index into the prepared snapshots). */
  snapshot: number;
  inputs: MarginInput[];
}

/**
 * Checks that every coverage file of the latest snapshot can be moved by a threshold: a GeoTIFF of
 * signal strength (signed or float samples), or a layer of `funkatlas predict` whose predict.json
 * lists each level. Anything else (masks, vector coverage, grids) is refused in one line.
 */
export async function planMargins(options: PreparedOptions): Promise<MarginPlan> {
  const levels = marginLevels(options.margin, FIELD);
  const snapshot = options.snapshots.length - 1;
  const inputs: MarginInput[] = [];
  for (const path of options.snapshots[snapshot].coverage) {
    if (isStdin(path))
      throw new InputError(`${FIELD} reads coverage from files`, { file: path, field: FIELD, hint: HINT });
    const format = detectFormat(path, COVERAGE_FORMATS, options.coverageFormat, 'options.coverageFormat');
    if (format === 'geotiff') inputs.push(await rasterInput(path, options));
    else if (format === 'geojson' || format === 'fgb') inputs.push(predictedInput(path, levels));
    else
      throw new InputError(`${FIELD} needs signal strength, which a ${format} coverage file has not`, {
        file: path,
        field: FIELD,
        hint: HINT,
      });
  }
  return { levels, snapshot, inputs };
}

/** Level `db`'s coverage files and read options (thresholds moved by `db`). */
export function levelCoverage(
  options: PreparedOptions,
  plan: MarginPlan,
  db: number,
): { paths: string[]; options: PreparedOptions } {
  const paths = plan.inputs.map((input) => (input.by === 'threshold' ? input.path : levelFile(input, db)));
  const thresholds = shiftedThresholds(options.read.thresholds ?? {}, db);
  return { paths, options: { ...options, read: { ...options.read, thresholds } } };
}

function levelFile(input: MarginInput, db: number): string {
  const file = input.levels?.find((l) => l.margin_db === db)?.path;
  if (file === undefined) throw new Error(`no level ${db} dB planned for ${input.path}`);
  return file;
}

async function rasterInput(path: string, options: PreparedOptions): Promise<MarginInput> {
  const raster = await openRaster(path, readOptionsFor(options.read, 'coverage').inputCrs);
  await raster.close();
  if (raster.kind === 'unsigned')
    throw new InputError(
      `${FIELD} needs signal strength; this raster is a coverage mask (unsigned samples)`,
      {
        file: path,
        field: FIELD,
        hint: HINT,
      },
    );
  return { path, by: 'threshold' };
}

/** A predicted layer's file at each level, from the predict.json beside it. */
function predictedInput(path: string, levels: readonly number[]): MarginInput {
  const metadataPath = join(dirname(path), PREDICT_METADATA);
  const refuse = (why: string) =>
    new InputError(`${FIELD} needs signal strength or predicted levels: ${why}`, {
      file: path,
      field: FIELD,
      hint: HINT,
    });
  if (!existsSync(metadataPath)) throw refuse(`no ${PREDICT_METADATA} beside this coverage`);
  let layers: unknown;
  try {
    layers = JSON.parse(readFileSync(metadataPath, 'utf8'))?.margins?.layers;
  } catch {
    throw refuse(`${PREDICT_METADATA} beside it is no JSON`);
  }
  const name = basename(path);
  const layer = (Array.isArray(layers) ? layers : []).find(
    (l) => Array.isArray(l?.files) && l.files.includes(name),
  );
  if (layer === undefined) throw refuse(`${PREDICT_METADATA} lists no margin levels for this layer`);
  const extension = name.slice(name.lastIndexOf('.'));
  return {
    path,
    by: 'predicted-levels',
    levels: levels.map((db) => {
      const level = (Array.isArray(layer.levels) ? layer.levels : []).find(
        (l: { margin_db?: unknown }) => l?.margin_db === db,
      );
      const file = level?.files?.find?.((f: unknown) => typeof f === 'string' && f.endsWith(extension));
      if (typeof file !== 'string') throw refuse(`${PREDICT_METADATA} has no level of ${db} dB for it`);
      const levelPath = join(dirname(path), basename(file));
      if (!existsSync(levelPath)) throw refuse(`its level file ${levelPath} is missing`);
      return { margin_db: db, path: levelPath };
    }),
  };
}
