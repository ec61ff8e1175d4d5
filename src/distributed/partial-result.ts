import type { FunklochCellCounts, FunklochCellLayer, FunklochCells } from '../analysis/funkloch-cells.js';
import { addCells, copyCell, emptyCellLayer, zeroCells } from '../analysis/funkloch-cells.js';
import type { CountLayout } from '../analysis/household-counts.js';
import type { GeometryResult } from '../parallel/messages.js';
import type { SnapshotPartsRead } from '../pipeline/analyze.js';
import { type InputsMeta, inputsMeta } from '../pipeline/inputs-meta.js';
import type { Share, StagedRun, StagedSnapshot } from '../pipeline/stage-inputs.js';

export type { InputsMeta } from '../pipeline/inputs-meta.js';

/** A job's share of the run, as it lies in the shared folder: only what its regions add. */
export interface PartialResult {
  /** The job's regions (file order indexes), as its spec gave them. */
  regions: number[];
  /** Household points read and their households: the whole input's (from the stage). */
  points: number;
  weight: number;
  snapshots: PartialSnapshot[];
}

export interface PartialSnapshot {
  date: string | null;
  /** The whole input's records and warnings (from the stage). */
  meta: InputsMeta;
  layout: CountLayout;
  /** The household-count rows of the job's regions, one `layout.stride` row each, in their order. */
  rows: Float64Array;
  /** The clips of the job's regions, in file order. */
  geometry: GeometryResult[];
  cells?: PartialCells;
}

/**
 * Funkloch cells of the job's regions; `outside`: the cells whose centre lies in no region analysed,
 * counted by the one job holding them (zeros in the others); warnings: the stage's, which saw every household.
 */
export interface PartialCells
  extends Pick<FunklochCells, 'definition' | 'total' | 'outside' | 'layer' | 'warnings'> {
  regions: FunklochCellCounts[];
}

/** What a job's result takes from the whole input: the stage's, or a whole job's own. */
export interface RunFigures extends Pick<StagedRun, 'points' | 'weight'> {
  snapshots: Pick<StagedSnapshot, 'meta' | 'cellWarnings'>[];
}

/** A job that read the whole input itself: its own figures. */
export function ownFigures(parts: readonly SnapshotPartsRead[]): RunFigures {
  const { households } = parts[0].inputs;
  let weight = 0;
  for (let i = 0; i < households.count; i++) weight += households.weight[i];
  return {
    points: households.count,
    weight,
    snapshots: parts.map((p) => ({
      meta: inputsMeta(p.inputs),
      ...(p.cells ? { cellWarnings: p.cells.warnings } : {}),
    })),
  };
}

/** The job's share cut from its stages' products: its regions' rows, clips and cells. */
export function partialResult(
  staged: RunFigures,
  share: Pick<Share, 'regions' | 'outsideCells'>,
  parts: readonly SnapshotPartsRead[],
): PartialResult {
  return {
    regions: [...share.regions],
    points: staged.points,
    weight: staged.weight,
    snapshots: parts.map((p, k) => {
      const { meta, cellWarnings } = staged.snapshots[k];
      return partialSnapshot(share, p, meta, cellWarnings ?? []);
    }),
  };
}

function partialSnapshot(
  share: Pick<Share, 'regions' | 'outsideCells'>,
  p: SnapshotPartsRead,
  meta: InputsMeta,
  cellWarnings: FunklochCells['warnings'],
): PartialSnapshot {
  const { regions } = share;
  const { layout, counts } = p.counted;
  const { stride } = layout;
  const rows = new Float64Array(regions.length * stride);
  regions.forEach((r, j) => {
    rows.set(counts.subarray(r * stride, (r + 1) * stride), j * stride);
  });
  return {
    date: p.date,
    meta,
    layout,
    rows,
    geometry: p.geometry,
    ...(p.cells ? { cells: partialCells(share, p.cells, cellWarnings) } : {}),
  };
}

function partialCells(
  share: Pick<Share, 'regions' | 'outsideCells'>,
  cells: FunklochCells,
  warnings: FunklochCells['warnings'],
): PartialCells {
  const own = new Set(share.regions);
  const total = zeroCells();
  for (const r of share.regions) addCells(total, cells.regions[r]);
  return {
    definition: cells.definition,
    regions: share.regions.map((r) => cells.regions[r]),
    total,
    outside: share.outsideCells ? cells.outside : zeroCells(),
    layer: ownCells(cells.layer, own),
    warnings,
  };
}

/** The layer's cells in the job's regions (the others' cells hold only the households of this share). */
function ownCells(layer: FunklochCellLayer, own: ReadonlySet<number>): FunklochCellLayer {
  const kept: number[] = [];
  for (let k = 0; k < layer.count; k++) if (own.has(layer.region[k])) kept.push(k);
  // Without rings: the merge draws every cell's ring where it places it.
  const out = { ...emptyCellLayer(kept.length), rings: new Float64Array(0) };
  for (const [j, k] of kept.entries()) copyCell(layer, k, out, j);
  return out;
}
