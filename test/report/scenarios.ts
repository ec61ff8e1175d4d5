import { handArgsWithCoverage, handSnapshot } from '../cli/run-cli.js';
import { DATA } from '../helpers.js';

/** The hand-built scenario with two dated snapshots (the golden case hand-snapshots). */
export const handSnapshots = (out: string, ...extra: string[]) =>
  handArgsWithCoverage(out, [handSnapshot(2023), handSnapshot(2024)], ...extra);

/** `npm start`'s run: the NRW Kreise with three dated synthetic snapshots. */
export const nrwSnapshots = (out: string, ...extra: string[]) => [
  'analyze',
  '--households',
  `${DATA}households.csv.gz`,
  ...[
    '2023-06-30=coverage-synthetic-2023-06-30',
    '2023-12-31=coverage-synthetic',
    '2024-06-30=coverage-synthetic-2024-06-30',
  ].flatMap((c) => ['--coverage', `${c.replace('=', `=${DATA}`)}.geojson.gz`]),
  '--regions',
  `${DATA}kreise.geojson`,
  '--region-id',
  'AGS',
  '--region-name',
  'GN',
  '--out',
  out,
  '--quiet',
  ...extra,
];
