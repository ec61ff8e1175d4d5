import type { OutputFeature } from '../io/geojson/write.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { Stats } from '../model/stats.js';
import {
  OPERATOR_FIELDS,
  operatorColumn,
  SCALAR_COLUMNS,
  technologyColumns,
} from '../model/stats-columns.js';
import { nullRecord } from '../model/user-keys.js';
import type { AnalysisResult } from './analyze.js';

/** The features and rows every output format is written from: regions, dead zones, the table. */
export function outputFeatures(result: AnalysisResult) {
  const { summary, regions, deadZones } = result;
  const operators = Object.keys(summary.totals.operators);
  const others = Object.keys(summary.totals.other_technologies ?? {});
  const cells = summary.totals.funkloch_cells !== undefined;
  const columns = statsColumns(operators, others, cells);
  const regionPolygons = polygonsByOwner(regions.polygons, regions.ids.length);
  // The time series over every snapshot's operators (a later one may add an operator).
  const seriesColumns = statsColumns(
    unionOf(summary.snapshots.map((s) => Object.keys(s.totals.operators))),
    unionOf(summary.snapshots.map((s) => Object.keys(s.totals.other_technologies ?? {}))),
    cells,
  );
  return {
    header: ['id', 'name', ...columns.map((c) => c.name)],
    /** timeseries.csv: one row per snapshot and region, the snapshot's total first (its id empty). */
    timeseriesHeader: ['date', 'id', 'name', ...seriesColumns.map((c) => c.name)],
    timeseriesRows: function* (): Generator<unknown[]> {
      for (const snapshot of summary.snapshots) {
        const row = (id: string, name: string, stats: Stats) => [
          snapshot.date ?? '',
          id,
          name,
          ...seriesColumns.map((c) => c.get(stats)),
        ];
        yield row('', 'all regions', snapshot.totals);
        for (const stats of snapshot.regions) yield row(stats.id, stats.name, stats);
      }
    },
    regions: function* (): Generator<OutputFeature> {
      for (let r = 0; r < summary.regions.length; r++) {
        const stats = summary.regions[r];
        const properties = nullRecord<unknown>();
        properties.id = stats.id;
        properties.name = stats.name;
        columns.forEach((c) => {
          properties[c.name] = c.get(stats);
        });
        yield { polygons: regionPolygons[r], properties };
      }
    },
    deadZones: function* (): Generator<OutputFeature> {
      for (const zone of deadZones) {
        yield {
          polygons: [zone.rings],
          properties: {
            region_id: regions.ids[zone.region],
            area_km2: zone.area_km2,
            households: zone.households,
          },
        };
      }
    },
    /** regions-rollup.*: the larger regions of every level asked for, coarsest last. */
    rollupHeader: ['level', 'id', 'name', ...columns.map((c) => c.name)],
    rollupRegions: function* (): Generator<OutputFeature> {
      for (const level of result.rollup?.levels ?? []) {
        const polygons = polygonsByOwner(level.regions.polygons, level.regions.ids.length);
        for (const [r, stats] of level.stats.entries()) {
          const properties = nullRecord<unknown>();
          properties.level = level.level;
          properties.id = stats.id;
          properties.name = stats.name;
          columns.forEach((c) => {
            properties[c.name] = c.get(stats);
          });
          yield { polygons: polygons[r], properties };
        }
      }
    },
    rollupRows: function* (): Generator<unknown[]> {
      for (const level of result.rollup?.levels ?? [])
        for (const stats of level.stats)
          yield [level.level, stats.id, stats.name, ...columns.map((c) => c.get(stats))];
    },
    /** funkloch-cells.geojson: the latest snapshot's Funkloch cells as squares. */
    funklochCells: function* (): Generator<OutputFeature> {
      const layer = result.snapshots.at(-1)?.funklochCells?.layer;
      if (!layer) return;
      for (let k = 0; k < layer.count; k++)
        yield {
          polygons: [[layer.rings.subarray(10 * k, 10 * k + 10)]],
          properties: {
            region_id: regions.ids[layer.region[k]] ?? null,
            households: layer.households[k],
            households_covered: layer.covered[k],
            share: layer.share[k],
          },
        };
    },
    rows: function* (): Generator<unknown[]> {
      for (const stats of summary.regions) yield [stats.id, stats.name, ...columns.map((c) => c.get(stats))];
    },
  };
}

/** Shares and areas are Double columns even in a run where all of them are whole numbers. */
export function isFraction(column: string): boolean {
  return /(^|_)share(_|$)/.test(column) || column.endsWith('_km2');
}

interface Column {
  name: string;
  get: (stats: Stats) => unknown;
}

/** The Stats flattened into columns, for GeoJSON properties and CSV (names: model/stats-columns.ts). */
function statsColumns(
  operators: readonly string[],
  otherTechnologies: readonly string[],
  funklochCells = false,
): Column[] {
  const columns: Column[] = SCALAR_COLUMNS.map((name) => ({ name, get: (s) => s[name] }));
  if (funklochCells)
    columns.push(
      { name: 'funkloch_cells', get: (s) => s.funkloch_cells?.count ?? null },
      { name: 'funkloch_cell_households', get: (s) => s.funkloch_cells?.households ?? null },
      { name: 'inhabited_cells', get: (s) => s.funkloch_cells?.inhabited_cells ?? null },
    );
  for (const op of operators) {
    for (const field of OPERATOR_FIELDS) {
      columns.push({
        name: operatorColumn(op, field),
        get: (s) => ownStats(s.operators, op)?.[field] ?? null,
      });
    }
  }
  for (const tech of otherTechnologies) {
    const [households, share] = technologyColumns(tech);
    columns.push({ name: households, get: (s) => ownStats(s.other_technologies, tech)?.households ?? null });
    columns.push({ name: share, get: (s) => ownStats(s.other_technologies, tech)?.share ?? null });
  }
  // The readers refuse names that clash (ColumnNames); a clash here would be our bug.
  const names = new Set(['id', 'name', ...columns.map((c) => c.name.toLowerCase())]);
  if (names.size !== columns.length + 2) throw new Error('two columns of the regions table share a name');
  return columns;
}

/** Each name once, in the order first seen. */
function unionOf(lists: readonly string[][]): string[] {
  return [...new Set(lists.flat())];
}

/** A user-named entry of the Stats, never one of Object.prototype's. */
function ownStats<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Each owner's polygons as rings (views, no copies), in one pass over the set. */
function polygonsByOwner(set: PolygonSet, owners: number): Float64Array[][][] {
  const byOwner: Float64Array[][][] = Array.from({ length: owners }, () => []);
  for (let p = 0; p < set.polygonCount; p++) {
    const rings: Float64Array[] = [];
    for (let r = set.ringStart[p]; r < set.ringStart[p + 1]; r++) {
      rings.push(set.coords.subarray(2 * set.ringOffset[r], 2 * set.ringOffset[r + 1]));
    }
    byOwner[set.owner[p]].push(rings);
  }
  return byOwner;
}
