import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { laeaForward } from '../src/geometry/laea.js';
import {
  coverageGeoJson,
  defaultSites,
  LTE_NAMES,
  NR_NAMES,
  OPERATORS,
  type Site,
  siteInCell,
} from './coverage-sites.js';
import { seededRandom } from './random.js';
import { opensOwnDeadZone, SiteDisks } from './site-disks.js';
import { type GridCell, readZensusGrid } from './zensus-grid.js';

const DATA = new URL('../data/', import.meta.url);

/** One dated coverage file of the default scenario's rollout. */
export interface Snapshot {
  date: string;
  file: string;
  sites: Site[];
}

export interface Rollout {
  /** Oldest first; the middle one is data/coverage-synthetic.geojson.gz itself. */
  snapshots: Snapshot[];
  /** The LTE site of 2023-12-31 that is off on 2024-06-30, and the households only it reached. */
  switchedOff: { site: Site; households: number };
}

/** A household point of data/households.csv.gz in EPSG:3035 metres. */
interface HouseholdPoint {
  x: number;
  y: number;
  households: number;
}

/**
 * The default scenario's coverage at three dates: 2023-12-31 is today's file; half a year before,
 * a seeded fifth of its 5G sites and a tenth of its rural LTE sites were not built yet; half a year
 * after, more LTE sites stand in uncovered cells, more 5G sites in populated ones, and one LTE
 * site whose disk only it covered is switched off (a new Funkloch).
 */
export function planRollout(cells: readonly GridCell[], points: readonly HouseholdPoint[]): Rollout {
  const middle = defaultSites(cells);

  const early = seededRandom(20230630);
  const earlier = middle.filter((site) => {
    const draw = early();
    return site.lte ? !(site.radius > 3000 && draw < 0.1) : !(draw < 0.2);
  });

  const late = seededRandom(20240630);
  const middleLte = new SiteDisks(middle.filter((site) => site.lte));
  const builtLte: Site[] = [];
  const built5g: Site[] = [];
  const covering: number[] = [];
  for (const cell of cells) {
    const draw = late();
    if (draw < 0.35 && middleLte.covering(cell.x, cell.y, covering).length === 0) {
      const o = Math.floor(late() * OPERATORS.length);
      builtLte.push(siteInCell(OPERATORS[o], LTE_NAMES[o], true, cell, 2500 + 3500 * late(), late));
    }
    const density = cell.households / 1000;
    if (late() < 0.002 + 0.04 * density) {
      const o = Math.floor(late() * OPERATORS.length);
      built5g.push(siteInCell(OPERATORS[o], NR_NAMES[o], false, cell, 800 + 1700 * late(), late));
    }
  }

  const laterLte = [...middleLte.sites, ...builtLte];
  const switchedOff = siteToSwitchOff(new SiteDisks(laterLte), middleLte.sites.length, points);
  const later = [...middle.filter((site) => site !== switchedOff.site), ...builtLte, ...built5g];
  return {
    snapshots: [
      { date: '2023-06-30', file: 'coverage-synthetic-2023-06-30.geojson.gz', sites: earlier },
      { date: '2023-12-31', file: 'coverage-synthetic.geojson.gz', sites: middle },
      { date: '2024-06-30', file: 'coverage-synthetic-2024-06-30.geojson.gz', sites: later },
    ],
    switchedOff,
  };
}

/** At least this many 100 m grid points (0.5 km²) for the new Funkloch: a visible one. */
const MIN_POINTS = 50;
/** A village's worth of households, not a town's: the story is one mast, not a blackout. */
const MAX_HOUSEHOLDS = 400;

/**
 * Among the existing LTE sites (the first `existing` of `disks`), the one reaching the most
 * households no other site reaches (up to MAX_HOUSEHOLDS) whose switch-off opens a dead zone of
 * its own.
 */
function siteToSwitchOff(
  disks: SiteDisks,
  existing: number,
  points: readonly HouseholdPoint[],
): { site: Site; households: number } {
  const only = new Float64Array(disks.sites.length);
  const covering: number[] = [];
  for (const p of points) {
    disks.covering(p.x, p.y, covering);
    if (covering.length === 1) only[covering[0]] += p.households;
  }
  const candidates = [...only.keys()]
    .filter((k) => k < existing && only[k] > 0 && only[k] <= MAX_HOUSEHOLDS)
    .sort((a, b) => only[b] - only[a] || a - b);
  for (const k of candidates)
    if (opensOwnDeadZone(disks, k, MIN_POINTS)) return { site: disks.sites[k], households: only[k] };
  throw new Error('no LTE site opens a dead zone of its own when switched off');
}

/** data/households.csv.gz's points, projected to EPSG:3035. */
export function readHouseholdPoints(path: string): HouseholdPoint[] {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n').slice(1);
  const xy = [0, 0];
  return lines.map((line) => {
    const [lon, lat, households] = line.split(',').map(Number);
    laeaForward(lon, lat, xy);
    return { x: xy[0], y: xy[1], households };
  });
}

/** The rollout planned from data/, each snapshot as its file's GeoJSON text and gzipped bytes. */
export function rolloutFiles(): { rollout: Rollout; files: { file: string; text: string; gz: Buffer }[] } {
  const cells = readZensusGrid(new URL('zensus2011-grid-1km.csv.gz', DATA).pathname);
  const points = readHouseholdPoints(new URL('households.csv.gz', DATA).pathname);
  const rollout = planRollout(cells, points);
  const files = rollout.snapshots.map(({ date, file, sites }) => {
    // The middle file keeps the name it always had: its bytes are the golden tests'.
    const name =
      file === 'coverage-synthetic.geojson.gz' ? 'coverage-synthetic' : `coverage-synthetic-${date}`;
    const text = coverageGeoJson(name, sites);
    return { file, text, gz: gzipSync(text, { level: 9 }) };
  });
  return { rollout, files };
}
