import { shiftedThresholds, signedDb } from './margin-levels.js';
import { type PredictedLayer, type PredictOptions, predictCoverage } from './predict.js';
import type { Site } from './site.js';
import { thresholdFor } from './thresholds.js';

/** The layers predicted at one margin level: every threshold moved by `marginDb`. */
export interface MarginLayers {
  marginDb: number;
  /** In the nominal layers' order (operator × technology as first met in the sites). */
  layers: PredictedLayer[];
}

/**
 * Each level but the nominal 0 predicted again with its thresholds moved (a level of +3 dB is 3 dB
 * stricter). Run after the nominal prediction, which refuses any technology without a threshold.
 */
export function predictMargins(
  sites: readonly Site[],
  options: PredictOptions,
  levels: readonly number[],
): MarginLayers[] {
  const nominal: Record<string, number> = Object.create(null);
  for (const { technology } of sites) {
    const threshold = thresholdFor(technology, options.thresholds);
    if (threshold !== undefined) nominal[technology] = threshold.dbm;
  }
  return levels
    .filter((db) => db !== 0)
    .map((marginDb) => ({
      marginDb,
      layers: predictCoverage(sites, { ...options, thresholds: shiftedThresholds(nominal, marginDb) }),
    }));
}

/** A level's file name beside the nominal layer's: `coverage-telekom-lte@+3dB`. */
export function marginFileName(nominal: string, marginDb: number): string {
  return `${nominal}@${signedDb(marginDb)}dB`;
}

/** Whether a path names a margin level's layer rather than a nominal one. */
export function isMarginFile(path: string): boolean {
  return /@[+-]\d+(\.\d+)?dB\.(geojson|fgb)$/.test(path);
}

/**
 * predict.json's `margins`: per nominal layer (the same order as its `layers`), each level's files
 * and features; level 0 is the nominal layer itself. `analyze --margin` finds the level files here.
 */
export function marginMetadata(
  levels: readonly number[],
  names: readonly string[],
  margins: readonly MarginLayers[],
) {
  const layerAt = (db: number, k: number) => margins.find((m) => m.marginDb === db)?.layers[k];
  return {
    levels_db: [...levels],
    meaning:
      'a level of +3 dB raises every threshold by 3 dB (stricter: less is covered), −3 dB lowers it (looser); level 0 is the nominal layer',
    layers: names.map((name, k) => ({
      files: [`${name}.geojson`, `${name}.fgb`],
      levels: levels.map((db) => {
        const layer = layerAt(db, k);
        const file = db === 0 ? name : marginFileName(name, db);
        return {
          margin_db: db,
          files: [`${file}.geojson`, `${file}.fgb`],
          ...(layer ? { features: layer.sites.filter((p) => p.footprint !== null).length } : {}),
        };
      }),
    })),
  };
}
