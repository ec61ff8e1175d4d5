import type { Paths64 } from 'clipper2-ts';
import { InputError } from '../errors.js';
import { PolygonSetBuilder } from '../model/polygon-set.js';
import type { Regions } from '../model/regions.js';
import type { DeadZone, RegionStats } from '../model/stats.js';
import { regionPaths, unitePaths } from './rollup-geometry.js';
import {
  checkRegionKeys,
  type KeySource,
  LEVEL_NAMES,
  type RollupLevel,
  rollupKey,
} from './rollup-levels.js';
import { builtInName } from './rollup-names.js';
import { sumStats } from './rollup-stats.js';

/** A run's regions and their figures: `regionStats[k]` and a dead zone's `region` k are `regions.ids[k]`. */
export interface RollupInput {
  regions: Regions;
  regionStats: readonly RegionStats[];
  deadZones: readonly DeadZone[];
}

export interface RollupOptions extends KeySource {
  /** Names by roll-up key (e.g. AGS → GN of a Kreise file), before the built-in Länder and Regierungsbezirke. */
  names?: ReadonlyMap<string, string>;
}

/** One level's rows: keys ascending. */
export interface RolledUpLevel {
  level: RollupLevel;
  /** Ids (the padded prefix), names, and each row's union of its members' polygons (owner = row). */
  regions: Regions;
  stats: RegionStats[];
  /** Each row's members: indexes into the input's regions, in their order. */
  members: number[][];
  /** The members' dead zones, `region` = row; sorted as a run sorts them. */
  deadZones: DeadZone[];
}

export interface Rollup {
  /** In the order asked for. */
  levels: RolledUpLevel[];
  /** What the caller should tell the user (rows named by their key). */
  notices: string[];
}

/** Members may differ from their union by this share of its area (Clipper rounding); more is overlap. */
const AREA_TOLERANCE = 1e-3;

/**
 * Rows for larger regions from a run on smaller ones whose ids are AGS/ARS keys, by key prefix:
 * households summed exactly, shares from the sums, areas summed. The members must partition each
 * row's region (AGS units do): members that overlap would count their common part twice, so the
 * sum of their areas is checked against the area of their union. Dead zones are the members' own:
 * two that touch across a member border stay two (they were cut there by the run).
 */
export function rollupRegions(
  input: RollupInput,
  levels: readonly RollupLevel[],
  options: RollupOptions = {},
): Rollup {
  const { regions, regionStats } = input;
  if (regionStats.length !== regions.ids.length || regionStats.some((s, k) => s.id !== regions.ids[k]))
    throw new Error('rollupRegions: regionStats do not match the regions one to one');
  checkRegionKeys(regions.ids, options);
  const notices: string[] = [];
  // Finest first: a coarser level unites the unions of a finer one, whose shared borders are gone.
  const byLevel = new Map<RollupLevel, RolledUpLevel>();
  let finer: { level: RolledUpLevel; paths: Paths64[] } | undefined;
  for (const level of [...new Set(levels)].sort((a, b) => b - a)) {
    const built = buildLevel(input, level, finer, options, notices);
    byLevel.set(level, built.level);
    finer = built;
  }
  return { levels: levels.map((l) => byLevel.get(l) as RolledUpLevel), notices };
}

function buildLevel(
  input: RollupInput,
  level: RollupLevel,
  finer: { level: RolledUpLevel; paths: Paths64[] } | undefined,
  options: RollupOptions,
  notices: string[],
): { level: RolledUpLevel; paths: Paths64[] } {
  const { regions, regionStats } = input;
  const groups = new Map<string, number[]>();
  regions.ids.forEach((id, r) => {
    const key = rollupKey(id, level);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  });
  const keys = [...groups.keys()].sort();
  const members = keys.map((key) => groups.get(key) as number[]);
  const rowOf = new Int32Array(regions.ids.length);
  members.forEach((m, row) => {
    for (const r of m) rowOf[r] = row;
  });

  const builder = new PolygonSetBuilder();
  const paths: Paths64[] = [];
  const unnamed: string[] = [];
  const names: string[] = [];
  const stats = keys.map((key, row) => {
    const figures = sumStats(members[row].map((r) => regionStats[r]));
    const union = unitePaths(partsOf(key, level, members[row], regions, finer));
    checkPartition(key, level, figures.area_km2 * 1e6, union.areaM2, members[row].length, options.file);
    for (const rings of union.polygons) builder.addPolygon(rings, row);
    paths.push(union.paths);
    const known = nameOf(key, level, members[row], regions, options);
    if (known === undefined) unnamed.push(key);
    const name = known ?? key;
    names.push(name);
    return { id: key, name, ...figures };
  });
  if (unnamed.length > 0) notices.push(unnamedNotice(level, unnamed, keys.length));

  const deadZones = input.deadZones.map((z) => ({ ...z, region: rowOf[z.region] }));
  deadZones.sort((a, b) => b.households - a.households || b.area_km2 - a.area_km2 || a.region - b.region);
  const rolled: RolledUpLevel = {
    level,
    regions: { ids: keys, names, polygons: builder.finish() },
    stats,
    members,
    deadZones,
  };
  return { level: rolled, paths };
}

/** The paths to unite for a row: the finer level's unions that lie in it, else the members' own polygons. */
function partsOf(
  key: string,
  level: RollupLevel,
  members: readonly number[],
  regions: Regions,
  finer: { level: RolledUpLevel; paths: Paths64[] } | undefined,
): Paths64 {
  if (!finer) return regionPaths(regions.polygons, new Set(members));
  const parts: Paths64 = [];
  finer.level.regions.ids.forEach((id, row) => {
    if (rollupKey(id, level) === key) parts.push(...finer.paths[row]);
  });
  return parts;
}

/** Refuses members whose areas add up to more than their union: they overlap, and would double-count. */
function checkPartition(
  key: string,
  level: RollupLevel,
  sumM2: number,
  unionM2: number,
  count: number,
  file: string | undefined,
): void {
  if (Math.abs(sumM2 - unionM2) <= AREA_TOLERANCE * unionM2) return;
  const km2 = (m2: number) => (m2 / 1e6).toFixed(3);
  throw new InputError(
    `the ${count} regions of ${LEVEL_NAMES[level]} ${key} overlap: their areas add up to ${km2(sumM2)} km², their union is ${km2(unionM2)} km²`,
    {
      ...(file === undefined ? {} : { file }),
      id: key,
      field: 'geometry',
      hint: 'a roll-up sums households of regions that partition the larger one: use one level of one boundary dataset (e.g. only Gemeinden)',
    },
  );
}

function nameOf(
  key: string,
  level: RollupLevel,
  members: readonly number[],
  regions: Regions,
  options: RollupOptions,
): string | undefined {
  const given = options.names?.get(key);
  if (given !== undefined) return given;
  const builtIn = level < 5 ? builtInName(key.slice(0, level)) : undefined;
  if (builtIn !== undefined) return builtIn;
  // A kreisfreie Stadt is its own Kreis (05111000 both): the member's name is the row's.
  if (members.length === 1 && regions.ids[members[0]] === key && regions.nameField !== undefined)
    return regions.names[members[0]];
  return undefined;
}

function unnamedNotice(level: RollupLevel, unnamed: readonly string[], rows: number): string {
  const shown = unnamed.slice(0, 5).join(', ') + (unnamed.length > 5 ? ', …' : '');
  return `roll-up to ${LEVEL_NAMES[level]}: ${unnamed.length} of ${rows} rows have no known name (${shown}) and are named by their key`;
}
