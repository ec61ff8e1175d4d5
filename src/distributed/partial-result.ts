import type { FunklochCellCounts, FunklochCells } from '../analysis/funkloch-cells.js';
import type { CountLayout } from '../analysis/household-counts.js';
import type { Layer } from '../model/coverage.js';
import type { InputRecord, SummaryWarning } from '../model/summary.js';
import type { GeometryResult } from '../parallel/messages.js';
import type { SnapshotPartsRead } from '../pipeline/analyze.js';
import type { InvalidEntry } from '../pipeline/invalid-summary.js';
import type { Inputs } from '../pipeline/read-inputs.js';

/** A job's share of the run, as it lies in the shared folder: only what its regions add. */
export interface PartialResult {
  /** The job's regions (file order indexes), as its spec gave them. */
  regions: number[];
  /** Household points read and their households: the whole input's (every job reads it whole). */
  points: number;
  weight: number;
  snapshots: PartialSnapshot[];
}

/** The inputs' records and warnings: the same in every job, as each reads the whole run's inputs. */
export interface InputsMeta {
  coverageSemantics: Inputs['coverageSemantics'];
  layers: Layer[];
  records: InputRecord[];
  invalid: InvalidEntry[];
  warnings: SummaryWarning[];
  selected?: number[];
}

export interface PartialSnapshot {
  date: string | null;
  meta: InputsMeta;
  layout: CountLayout;
  /** The household-count rows of the job's regions, one `layout.stride` row each, in their order. */
  rows: Float64Array;
  /** The clips of the job's regions, in file order. */
  geometry: GeometryResult[];
  cells?: PartialCells;
}

/** Funkloch cells of the job's regions; `all`: every inhabited cell of the run (any region or none). */
export interface PartialCells extends Pick<FunklochCells, 'definition' | 'total' | 'layer' | 'warnings'> {
  regions: FunklochCellCounts[];
  all: FunklochCellCounts;
}

/** The job's share cut from its stages' products: its regions' rows, clips and cells. */
export function partialResult(
  regions: readonly number[],
  parts: readonly SnapshotPartsRead[],
): PartialResult {
  const { households } = parts[0].inputs;
  let weight = 0;
  for (let i = 0; i < households.count; i++) weight += households.weight[i];
  return {
    regions: [...regions],
    points: households.count,
    weight,
    snapshots: parts.map((p) => partialSnapshot(regions, p)),
  };
}

function partialSnapshot(regions: readonly number[], p: SnapshotPartsRead): PartialSnapshot {
  const { layout, counts } = p.counted;
  const { stride } = layout;
  const rows = new Float64Array(regions.length * stride);
  regions.forEach((r, j) => {
    rows.set(counts.subarray(r * stride, (r + 1) * stride), j * stride);
  });
  const { inputs } = p;
  const meta: InputsMeta = {
    coverageSemantics: inputs.coverageSemantics,
    layers: inputs.coverage.layers.map((l) => ({ operator: l.operator, technology: l.technology })),
    records: inputs.records,
    invalid: inputs.invalid.map(({ role, path, skipped, repairs }) => ({ role, path, skipped, repairs })),
    warnings: inputs.warnings,
    ...(inputs.selected ? { selected: [...inputs.selected] } : {}),
  };
  return {
    date: p.date,
    meta,
    layout,
    rows,
    geometry: p.geometry,
    ...(p.cells ? { cells: partialCells(regions, p.cells) } : {}),
  };
}

function partialCells(regions: readonly number[], cells: FunklochCells): PartialCells {
  const { total, outside } = cells;
  return {
    definition: cells.definition,
    regions: regions.map((r) => cells.regions[r]),
    total,
    all: {
      count: total.count + outside.count,
      households: total.households + outside.households,
      inhabited_cells: total.inhabited_cells + outside.inhabited_cells,
    },
    layer: cells.layer,
    warnings: cells.warnings,
  };
}
