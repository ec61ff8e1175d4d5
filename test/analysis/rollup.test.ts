import { describe, expect, it } from 'vitest';
import { rollupRegions } from '../../src/analysis/rollup.js';
import { parseRollupLevels, rollupKey } from '../../src/analysis/rollup-levels.js';
import { isInputError } from '../../src/errors.js';
import { polygonAreaM2 } from '../../src/geometry/area.js';
import { PolygonSetBuilder } from '../../src/model/polygon-set.js';
import type { Regions } from '../../src/model/regions.js';
import type { DeadZone, OperatorStats, RegionStats } from '../../src/model/stats.js';

/** A closed lon/lat square of side 0.1° with its lower-left corner at (7 + x/10, 51 + y/10). */
const square = (x: number, y: number, side = 0.1) => {
  const [x0, y0] = [7 + x / 10, 51 + y / 10];
  return Float64Array.of(x0, y0, x0 + side, y0, x0 + side, y0 + side, x0, y0 + side, x0, y0);
};

/** Hand-built Gemeinden: their squares, households, 5G, LTE, operator figures and area. */
interface Gemeinde {
  id: string;
  name: string;
  at: [number, number];
  households: number;
  hh5g: number;
  hhLte: number;
  operators: Record<string, [number, number]>;
}

const GEMEINDEN: Gemeinde[] = [
  // Kreis 05154 (Regierungsbezirk Düsseldorf): two squares side by side.
  {
    id: '05154004',
    name: 'Alpha',
    at: [0, 0],
    households: 10,
    hh5g: 5,
    hhLte: 10,
    operators: { X: [5, 10] },
  },
  { id: '05154008', name: 'Beta', at: [1, 0], households: 90, hh5g: 0, hhLte: 80, operators: { Y: [0, 80] } },
  // A kreisfreie Stadt: its own Kreis.
  { id: '05111000', name: 'Stadt', at: [2, 0], households: 300, hh5g: 270, hhLte: 300, operators: {} },
  // Kreis 05314 (Regierungsbezirk Köln): no households at all, no name known.
  { id: '05314012', name: 'Leer', at: [0, 1], households: 0, hh5g: 0, hhLte: 0, operators: {} },
];

function regionStats(g: Gemeinde, areaKm2: number): RegionStats {
  const share = (part: number) => (g.households > 0 ? part / g.households : null);
  const operators: Record<string, OperatorStats> = {};
  for (const [name, [hh5g, hhLte]] of Object.entries(g.operators))
    operators[name] = {
      households_5g: hh5g,
      households_lte: hhLte,
      share_5g: share(hh5g),
      share_lte: share(hhLte),
    };
  return {
    id: g.id,
    name: g.name,
    households: g.households,
    households_5g: g.hh5g,
    share_5g: share(g.hh5g),
    households_lte: g.hhLte,
    share_lte: share(g.hhLte),
    households_no_lte: g.households - g.hhLte,
    households_single_lte: g.hhLte,
    area_km2: areaKm2,
    area_5g_km2: areaKm2 / 4,
    share_area_5g: 0.25,
    lte_dead_zone_area_km2: g.households - g.hhLte > 0 ? areaKm2 / 2 : 0,
    operators,
  };
}

function scenario(gemeinden = GEMEINDEN, squares = gemeinden.map((g) => square(...g.at))) {
  const builder = new PolygonSetBuilder();
  squares.forEach((ring, r) => {
    builder.addPolygon([ring], r);
  });
  const polygons = builder.finish();
  const regions: Regions = {
    ids: gemeinden.map((g) => g.id),
    names: gemeinden.map((g) => g.name),
    polygons,
    nameField: 'GN',
  };
  const stats = gemeinden.map((g, r) => regionStats(g, polygonAreaM2(polygons, r) / 1e6));
  // Beta's dead zone is its left half, touching Alpha's right edge: a zone in Alpha's right half.
  const deadZones: DeadZone[] = [
    { region: 1, rings: [square(1, 0, 0.05)], area_km2: stats[1].area_km2 / 2, households: 10 },
    { region: 0, rings: [square(0.5, 0, 0.05)], area_km2: stats[0].area_km2 / 2, households: 0 },
  ];
  return { regions, regionStats: stats, deadZones };
}

describe('rollupRegions on hand-built Gemeinden', () => {
  const input = scenario();
  const { levels, notices } = rollupRegions(input, [5, 3, 2], {
    names: new Map([['05154000', 'Kleve']]),
  });
  const [kreise, bezirke, land] = levels;

  it('keys rows by the prefix padded as AGS writes a Kreis or a Land, ascending', () => {
    expect(kreise.stats.map((s) => [s.id, s.name])).toEqual([
      ['05111000', 'Stadt'],
      ['05154000', 'Kleve'],
      ['05314000', '05314000'],
    ]);
    expect(bezirke.stats.map((s) => [s.id, s.name])).toEqual([
      ['05100000', 'Düsseldorf'],
      ['05300000', 'Köln'],
    ]);
    expect(land.stats.map((s) => [s.id, s.name])).toEqual([['05000000', 'Nordrhein-Westfalen']]);
    expect(kreise.members).toEqual([[2], [0, 1], [3]]);
    expect(notices).toEqual([
      'roll-up to Kreis: 1 of 3 rows have no known name (05314000) and are named by their key',
    ]);
  });

  it('sums households exactly and recomputes shares from the sums, never averaging them', () => {
    const kleve = kreise.stats[1];
    expect(kleve).toMatchObject({
      households: 100,
      households_5g: 5,
      share_5g: 0.05,
      households_lte: 90,
      share_lte: 0.9,
      households_no_lte: 10,
      households_single_lte: 90,
    });
    expect(kleve.operators).toEqual({
      X: { households_5g: 5, households_lte: 10, share_5g: 0.05, share_lte: 0.1 },
      Y: { households_5g: 0, households_lte: 80, share_5g: 0, share_lte: 0.8 },
    });
    expect(land.stats[0]).toMatchObject({ households: 400, households_5g: 275, share_5g: 275 / 400 });
    expect(Object.keys(land.stats[0].operators)).toEqual(['X', 'Y']);
  });

  it('gives null shares where no households live, as a run does', () => {
    const leer = kreise.stats[2];
    expect([leer.households, leer.share_5g, leer.share_lte]).toEqual([0, null, null]);
    expect(leer.share_area_5g).toBe(0.25);
  });

  it('sums areas and unites the members: one polygon of the members area for two squares side by side', () => {
    const kleve = kreise.stats[1];
    expect(kleve.area_km2).toBe(input.regionStats[0].area_km2 + input.regionStats[1].area_km2);
    expect(kleve.lte_dead_zone_area_km2).toBe(input.regionStats[1].area_km2 / 2);
    expect(kleve.share_area_5g).toBeCloseTo(0.25, 12);
    const polygons = kreise.regions.polygons;
    const rows = Array.from(polygons.owner);
    expect(rows).toEqual([0, 1, 2]);
    expect(polygonAreaM2(polygons, 1) / 1e6).toBeCloseTo(kleve.area_km2, 3);
    // Four squares in an L: the Land is one polygon, without the shared borders.
    expect(land.regions.polygons.polygonCount).toBe(1);
    expect(polygonAreaM2(land.regions.polygons, 0) / 1e6).toBeCloseTo(land.stats[0].area_km2, 2);
  });

  it('carries the members dead zones, re-keyed to the rows, touching ones kept apart', () => {
    expect(kreise.deadZones.map((z) => [z.region, z.households])).toEqual([
      [1, 10],
      [1, 0],
    ]);
    expect(kreise.deadZones[0].rings).toBe(input.deadZones[0].rings);
    expect(land.deadZones.map((z) => z.region)).toEqual([0, 0]);
  });

  it('returns the levels in the order asked for, and level 8 as the Gemeinden themselves', () => {
    const {
      levels: [l2, l8],
    } = rollupRegions(input, [2, 8]);
    expect(l2.level).toBe(2);
    expect(l8.stats.map((s) => [s.id, s.name, s.households])).toEqual(
      [...input.regionStats]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((s) => [s.id, s.name, s.households]),
    );
  });
});

/** The InputError a call throws, or fails. */
function inputError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (isInputError(error)) return error;
    throw error;
  }
  throw new Error('no InputError');
}

describe('rollupRegions refuses', () => {
  const withIds = (ids: string[]) => scenario(GEMEINDEN.map((g, k) => ({ ...g, id: ids[k] })));

  it('region ids that are not AGS keys, naming the id, the field and the value, with a hint', () => {
    const error = inputError(() =>
      rollupRegions(withIds(['05154004', 'Kleve', '05111000', '05314012']), [5], {
        file: 'gemeinden.geojson',
        idField: 'AGS',
      }),
    );
    expect(error.message).toBe(
      'gemeinden.geojson, feature 1, id "Kleve", field AGS: region id is not an AGS (8 digits) or ARS (12 digits) key (value: "Kleve") — roll-ups need AGS keys (8 digits, e.g. 05111000) or ARS keys (12 digits) as region ids: choose them with --region-id',
    );
    expect(inputError(() => rollupRegions(withIds(['5154004', '1', '2', '3']), [5])).message).toMatch(
      /^feature 0, id "5154004", field id: region id is not an AGS/,
    );
  });

  it('AGS and ARS keys mixed', () => {
    const error = inputError(() =>
      rollupRegions(withIds(['05154004', '051540004004', '05111000', '05314012']), [5]),
    );
    expect(error.message).toMatch(
      /^feature 1, id "051540004004", field id: region id has 12 digits, the first/,
    );
  });

  it('members that overlap, which would count their common part twice', () => {
    const squares = GEMEINDEN.map((g) => square(...g.at));
    squares[1] = square(0.5, 0); // Beta over Alpha's right half
    const error = inputError(() => rollupRegions(scenario(GEMEINDEN, squares), [5]));
    expect(error.message).toMatch(
      /^id "05154000", field geometry: the 2 regions of Kreis 05154000 overlap: their areas add up to [\d.]+ km², their union is [\d.]+ km² — a roll-up sums/,
    );
  });

  it('levels that are not AGS prefix lengths', () => {
    expect(parseRollupLevels('5,2')).toEqual([5, 2]);
    expect(parseRollupLevels('2, 5,5')).toEqual([5, 2]);
    expect(inputError(() => parseRollupLevels('5,4')).message).toBe(
      '--rollup: not an AGS level (value: "4") — levels are AGS prefix lengths: 2 Land, 3 Regierungsbezirk, 5 Kreis, 8 Gemeinde (e.g. --rollup 5,2)',
    );
  });
});

describe('rollupRegions on ARS keys', () => {
  it('rolls 12-digit Regionalschlüssel up by the same prefixes, padded to 12', () => {
    const ars = ['051540004004', '051540004008', '051110000000', '053140012012'];
    const input = scenario(GEMEINDEN.map((g, k) => ({ ...g, id: ars[k] })));
    const [kreise] = rollupRegions(input, [5]).levels;
    expect(kreise.stats.map((s) => [s.id, s.households])).toEqual([
      ['051110000000', 300],
      ['051540000000', 100],
      ['053140000000', 0],
    ]);
  });
});

describe('rollupKey', () => {
  it('pads AGS and ARS prefixes with zeros; level 8 is the key itself', () => {
    expect(rollupKey('05154004', 5)).toBe('05154000');
    expect(rollupKey('05154004', 3)).toBe('05100000');
    expect(rollupKey('051540004004', 5)).toBe('051540000000');
    expect(rollupKey('051540004004', 8)).toBe('051540004004');
  });
});
