import { join } from 'node:path';
import type { Crs } from '../geometry/crs.js';
import { csvChunks } from '../io/csv/write.js';
import { AtomicFileSet } from '../io/files/atomic-write.js';
import { MANIFEST_FILE, type Manifest, manifestText, previousOutputs } from '../io/files/output-manifest.js';
import { flatGeobufChunks } from '../io/flatgeobuf/flatgeobuf-write.js';
import { geoJsonChunks } from '../io/geojson/write.js';
import { geoPackageBytes } from '../io/gpkg/gpkg-write.js';
import { deadZonesQml, regionsQml } from '../report/qgis-style.js';
import { reportHtml } from '../report/report-html.js';
import { resolveReportOptions } from '../report/report-input.js';
import { DEAD_ZONE_CHANGES_FILE, deadZoneChangesGeoJson } from '../tracking/dead-zone-changes.js';
import type { AnalysisResult } from './analyze.js';
import { commitOutputs, ioStep, type StagedOutputs } from './commit-outputs.js';
import { checkOptionKeys } from './option-keys.js';
import {
  FGB_OUTPUT_FILES,
  FUNKLOCH_OUTPUT_FILES,
  GPKG_OUTPUT_FILES,
  OUTPUT_FILES,
  type OutputFile,
  outputFiles,
  REPORT_OUTPUT_FILES,
  ROLLUP_OUTPUT_FILES,
  resolvedChoice,
  STYLE_OUTPUT_FILES,
  TRACKING_OUTPUT_FILES,
  WRITE_OPTIONS,
  type WriteOptions,
} from './output-choice.js';
import { isFraction, outputFeatures } from './output-features.js';
import { canonical, claimOutputs } from './output-folder.js';
import { reportInputOf } from './report-output.js';

export { commitOutputs, type StagedOutputs } from './commit-outputs.js';
export {
  FGB_OUTPUT_FILES,
  GPKG_OUTPUT_FILES,
  OUTPUT_FILES,
  OUTPUT_FORMATS,
  type OutputChoice,
  type OutputFile,
  type OutputFormat,
  outputFiles,
  REPORT_OUTPUT_FILES,
  STYLE_OUTPUT_FILES,
  type WriteOptions,
} from './output-choice.js';
export { checkOutputs, claimOutputs } from './output-folder.js';

/** Writes the outputs (GeoJSON, CSV, summary; FlatGeobuf if asked) into `outDir`, atomically as a set. */
export function writeOutputs(result: AnalysisResult, outDir: string, given: WriteOptions = {}): string[] {
  const inputs = result.summary.inputs.map((i) => i.path);
  const lock = claimOutputs(outDir, inputs, given.force, given, given.heldLock);
  try {
    checkOptionKeys(given, WRITE_OPTIONS, 'writeOutputs()');
    const staged = stageOutputSet(result, outDir, resolvedChoice(given));
    commitOutputs(staged);
    return staged.written;
  } finally {
    lock.release();
  }
}

/**
 * Writes every output to its temp file (the caller holds the folder's lock: `claimOutputs`, or its
 * token as `heldLock`); nothing is in place until `commitOutputs`. The CLI stages on its job thread
 * and commits on its main thread, so a signal comes before the commit or after it, never within.
 */
export function stageOutputs(
  result: AnalysisResult,
  outDir: string,
  given: WriteOptions = {},
): StagedOutputs {
  checkOptionKeys(given, WRITE_OPTIONS, 'writeOutputs()');
  const options = resolvedChoice(given);
  const inputs = result.summary.inputs.map((i) => i.path);
  const lock = claimOutputs(outDir, inputs, options.force, options, options.heldLock);
  try {
    return stageOutputSet(result, outDir, options);
  } finally {
    lock.release();
  }
}

function stageOutputSet(
  result: AnalysisResult,
  outDir: string,
  options: WriteOptions & { outputCrs?: Crs },
): StagedOutputs {
  const { summary } = result;
  // Checked first: a wrong option fails before any file is staged.
  const report = options.report === false ? undefined : resolveReportOptions(options.report ?? {});
  const tracked = result.deadZoneTracking;
  const rolled = result.rollup;
  const cells = result.snapshots.at(-1)?.funklochCells;
  const files = outputFiles(options.formats).filter(
    (name) =>
      (tracked || name !== DEAD_ZONE_CHANGES_FILE) &&
      (rolled || !(ROLLUP_OUTPUT_FILES as readonly string[]).includes(name)) &&
      (cells || !(FUNKLOCH_OUTPUT_FILES as readonly string[]).includes(name)) &&
      (report || !(REPORT_OUTPUT_FILES as readonly string[]).includes(name)),
  );
  const progress = options.onProgress ?? (() => {});
  const features = outputFeatures(result);

  const set = new AtomicFileSet();
  const written: string[] = [];
  const manifest: Manifest['files'] = [];
  const write = (name: OutputFile, chunks: Iterable<string | Uint8Array>) => {
    const path = join(outDir, name);
    ioStep(path, 'no output file was changed', () => manifest.push({ name, ...set.write(path, chunks) }));
    written.push(path);
    // The manifest comes last, one more file.
    progress({ stage: 'write', done: written.length, total: files.length + 1 });
  };
  write('regions.geojson', geoJsonChunks(features.regions()));
  write('lte-dead-zones.geojson', geoJsonChunks(features.deadZones()));
  if (files.includes('regions.fgb')) {
    // FlatGeobuf needs every feature twice (schema and index first), so they are listed, not generated.
    const layer = { crs: options.outputCrs, doubles: isFraction };
    write('regions.fgb', flatGeobufChunks([...features.regions()], { ...layer, name: 'regions' }));
    write(
      'lte-dead-zones.fgb',
      flatGeobufChunks([...features.deadZones()], { ...layer, name: 'lte-dead-zones' }),
    );
  }
  if (files.includes('funkatlas.gpkg')) {
    // Built whole in memory and staged as one chunk: SQLite writes pages at offsets, not a stream.
    const layers = [
      { name: 'regions', features: [...features.regions()] },
      { name: 'lte_dead_zones', features: [...features.deadZones()] },
    ];
    write('funkatlas.gpkg', [
      geoPackageBytes(layers, { doubles: isFraction, lastChange: summary.generated_at }),
    ]);
  }
  if (tracked) write(DEAD_ZONE_CHANGES_FILE, deadZoneChangesGeoJson(tracked));
  if (cells) write('funkloch-cells.geojson', geoJsonChunks(features.funklochCells()));
  write('regions.csv', csvChunks(features.header, features.rows(), options.csvDialect));
  write(
    'timeseries.csv',
    csvChunks(features.timeseriesHeader, features.timeseriesRows(), options.csvDialect),
  );
  if (rolled) {
    write('regions-rollup.geojson', geoJsonChunks(features.rollupRegions()));
    write('regions-rollup.csv', csvChunks(features.rollupHeader, features.rollupRows(), options.csvDialect));
  }
  write('regions.qml', [regionsQml()]);
  write('lte-dead-zones.qml', [deadZonesQml()]);
  if (report) write('report.html', [reportHtml(reportInputOf(result, features.regions()), report)]);
  write('summary.json', [`${JSON.stringify(summary, null, 2)}\n`]);
  const manifestPath = join(outDir, MANIFEST_FILE);
  ioStep(manifestPath, 'no output file was changed', () => set.write(manifestPath, [manifestText(manifest)]));
  progress({ stage: 'write', done: written.length + 1, total: files.length + 1 });
  // The last run's outputs that this one does not write again (a FlatGeobuf it was asked for, now
  // not): only funkatlas's own names, unchanged since, and never an input of this run.
  const inputs = new Set(result.summary.inputs.map((i) => canonical(i.path)));
  const notRewritten = [
    ...OUTPUT_FILES,
    ...FGB_OUTPUT_FILES,
    ...GPKG_OUTPUT_FILES,
    ...TRACKING_OUTPUT_FILES,
    ...ROLLUP_OUTPUT_FILES,
    ...FUNKLOCH_OUTPUT_FILES,
    ...STYLE_OUTPUT_FILES,
    ...REPORT_OUTPUT_FILES,
  ].filter((name) => !files.includes(name));
  const stale = previousOutputs(outDir, notRewritten)
    .map((name) => join(outDir, name))
    .filter((path) => !inputs.has(canonical(path)));
  return { outDir, files: set.handOver(), stale, written: [...written, manifestPath] };
}
