import { DATA, HAND } from '../helpers.js';

const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;
/** The hand-built scenario with two dated snapshots (the golden case hand-snapshots). */
export const handSnapshots = (out: string, ...extra: string[]) => [
  'analyze',
  '--households',
  `${HAND}households.geojson`,
  '--coverage',
  `2023-12-31=${SNAPSHOTS}coverage-2023q4.geojson`,
  '--coverage',
  `2024-12-31=${SNAPSHOTS}coverage-2024q4.geojson`,
  '--regions',
  `${HAND}regions.geojson`,
  '--out',
  out,
  '--quiet',
  ...extra,
];

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
