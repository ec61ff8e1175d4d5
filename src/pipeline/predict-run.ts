import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { AtomicFileSet, removeStaleTempFiles } from '../io/files/atomic-write.js';
import { prepareOutputDir } from '../io/files/output-dir.js';
import { lockOutputDir } from '../io/files/output-lock.js';
import { flatGeobufChunks } from '../io/flatgeobuf/flatgeobuf-write.js';
import { geoJsonChunks, type OutputFeature } from '../io/geojson/write.js';
import { readDem } from '../io/geotiff/dem-read.js';
import { readHouseholds } from '../io/households.js';
import { readSites } from '../io/sites-read.js';
import { withDensityEnvironment } from '../planning/environment.js';
import { footprintPolygons } from '../planning/footprint-polygons.js';
import { marginLevels } from '../planning/margin-levels.js';
import {
  type MarginLayers,
  marginFileName,
  marginMetadata,
  predictMargins,
} from '../planning/margin-predict.js';
import { type PredictedLayer, type PredictOptions, predictCoverage } from '../planning/predict.js';
import { predictionMetadata } from '../planning/predict-metadata.js';
import { checkSites } from '../planning/site.js';
import { toolInfo } from './tool-version.js';

export const PREDICT_METADATA_FILE = 'predict.json';

export interface PredictRun {
  sites: string;
  out: string;
  force: boolean;
  options: PredictOptions;
  /** Households (any format analyze reads): sites without an environment take it from the density around them. */
  households?: string;
  /** dB amounts (`[3, 6]`): each layer again at every threshold ± each amount, in its own files. */
  margin?: readonly number[];
  /** A DEM GeoTIFF in metres: terrain diffraction along each radial (overrides options.dem). */
  dem?: string;
}

export interface PredictResult {
  layers: PredictedLayer[];
  /** With `margin`: the layers of each level but 0, ascending. */
  margins?: MarginLayers[];
  /** The files written, metadata last. */
  files: string[];
}

/** `funkatlas predict`: reads the sites, predicts each footprint, writes one GeoJSON and FlatGeobuf a layer. */
export async function runPredict(run: PredictRun): Promise<PredictResult> {
  const read = readSites(run.sites);
  const levels = run.margin === undefined ? undefined : marginLevels(run.margin, 'margin');
  let sites = checkSites(read.sites);
  if (sites.length === 0)
    throw new InputError('the sites file has no sites', { file: run.sites, hint: 'one row or Point a site' });
  if (run.households !== undefined)
    sites = withDensityEnvironment(sites, (await readHouseholds(run.households)).households);
  const options = run.dem === undefined ? run.options : { ...run.options, dem: await readDem(run.dem) };
  const layers = predictCoverage(sites, options);
  const names = layerFileNames(layers);
  const margins = levels ? predictMargins(sites, options, levels) : [];
  const outputs = [
    ...layers.map((layer, k) => ({ name: names[k], layer, marginDb: undefined as number | undefined })),
    ...margins.flatMap(({ marginDb, layers: moved }) =>
      moved.map((layer, k) => ({ name: marginFileName(names[k], marginDb), layer, marginDb })),
    ),
  ];
  prepareOutputDir(run.out);
  const lock = lockOutputDir(run.out);
  try {
    removeStaleTempFiles(run.out);
    const paths = [
      ...outputs.flatMap(({ name: n }) => [`${n}.geojson`, `${n}.fgb`]),
      PREDICT_METADATA_FILE,
    ].map((n) => join(run.out, n));
    for (const path of paths)
      if (!run.force && existsSync(path))
        throw new InputError('output exists already', {
          file: path,
          hint: 'use --force to overwrite, or another --out',
        });
    // With --force, the files an earlier prediction here listed and this one does not write go: a
    // glob over the folder must not pick up the old layers.
    const stale = run.force ? earlierFiles(run.out).filter((path) => !paths.includes(path)) : [];
    const files = new AtomicFileSet();
    for (const { name, layer, marginDb } of outputs) {
      const features = layerFeatures(layer, marginDb);
      files.write(join(run.out, `${name}.geojson`), geoJsonChunks(features));
      files.write(join(run.out, `${name}.fgb`), flatGeobufChunks(features, { name }));
    }
    const metadata = predictionMetadata(layers, names, options, {
      path: run.sites,
      format: read.format,
      ...read.digest,
      generatedAt: new Date().toISOString(),
      tool: toolInfo(),
    });
    const withMargins = levels ? { ...metadata, margins: marginMetadata(levels, names, margins) } : metadata;
    files.write(join(run.out, PREDICT_METADATA_FILE), [`${JSON.stringify(withMargins, null, 2)}\n`]);
    files.commit();
    for (const path of stale) rmSync(path, { force: true });
    return { layers, ...(levels ? { margins } : {}), files: paths };
  } finally {
    lock.release();
  }
}

/** One feature a site that covers something, as `analyze --coverage` reads it (`predicted: true`). */
export function layerFeatures(layer: PredictedLayer, marginDb?: number): OutputFeature[] {
  const features: OutputFeature[] = [];
  for (const p of layer.sites) {
    if (p.footprint === null) continue;
    let near = Number.POSITIVE_INFINITY;
    let far = 0;
    for (const edge of p.footprint.edges) {
      if (edge > 0 && edge < near) near = edge;
      if (edge > far) far = edge;
    }
    const terrain =
      p.footprint.polygons === undefined ? {} : { terrain: true, dem_cut_radials: p.footprint.cutRadials };
    features.push({
      polygons: footprintPolygons(p),
      properties: {
        operator: layer.operator,
        technology: layer.technology,
        site_id: p.site.id,
        predicted: true,
        model: p.model,
        environment: p.site.environment,
        environment_from: p.site.environmentFrom,
        threshold_dbm: p.thresholdDbm,
        edge_min_m: Math.round(near),
        edge_max_m: Math.round(far),
        extrapolated: p.extrapolation.length > 0,
        extrapolation: p.extrapolation.join('; '),
        ...(marginDb === undefined ? {} : { margin_db: marginDb }),
        ...terrain,
      },
    });
  }
  return features;
}

/** `coverage-<operator>-<technology>`, lower case, safe in any file system; clashes get a number. */
function layerFileNames(layers: readonly PredictedLayer[]): string[] {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x';
  const used = new Set<string>();
  return layers.map((layer) => {
    const base = `coverage-${slug(layer.operator)}-${slug(layer.technology)}`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}`;
    used.add(name);
    return name;
  });
}

/** The coverage files an earlier predict.json in `dir` listed (its layers and margin levels), as paths. */
function earlierFiles(dir: string): string[] {
  const path = join(dir, PREDICT_METADATA_FILE);
  if (!existsSync(path)) return [];
  try {
    const earlier = JSON.parse(readFileSync(path, 'utf8')) as {
      layers?: { files?: string[] }[];
      margins?: { layers?: { levels?: { files?: string[] }[] }[] };
    };
    const names = [
      ...(earlier.layers ?? []).flatMap((l) => l.files ?? []),
      ...(earlier.margins?.layers ?? []).flatMap((m) => (m.levels ?? []).flatMap((l) => l.files ?? [])),
    ];
    // Only plain file names: a predict.json edited to name a path elsewhere removes nothing there.
    return names
      .filter((n) => typeof n === 'string' && /^[\w@+.-]+$/.test(n) && n !== PREDICT_METADATA_FILE)
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}
