import { classifyRange } from '../analysis/classify.js';
import { regionCoverageGeometry } from '../analysis/coverage-geometry.js';
import { tileCoverage } from '../analysis/coverage-tiles.js';
import { assignDeadZoneHouseholds } from '../analysis/dead-zone-households.js';
import { unionCulling } from '../analysis/full-cells.js';
import { countRange, emptyCounts } from '../analysis/household-counts.js';
import { isInputError } from '../errors.js';
import { packPaths } from '../geometry/paths-codec.js';
import { loadClipper } from '../geometry/wasm-clipper.js';
import { readCoverage } from '../io/coverage.js';
import { resolvedFromNames } from '../io/read-options.js';
import { buildSetIndex } from '../spatial/indexes.js';
import { buildPolygonIndex, revivePolygonIndex } from '../spatial/polygon-index.js';
import type { Task, TaskResult, TilesResult } from './messages.js';

/**
 * Runs one task on this thread: the body of a worker, and the whole of the single-threaded mode.
 * Everything in the context is a view on shared memory, so reviving it per task costs nothing.
 * Only the read waits for I/O; the others run to their end at once, after Clipper is loaded.
 */
export async function runTask(task: Task): Promise<TaskResult> {
  try {
    if (task.kind === 'read-coverage') {
      const read = await readCoverage(task.paths, resolvedFromNames(task.read), task.format);
      return { kind: 'read-coverage', read };
    }
    await loadClipper();
    return computeTask(task);
  } catch (error) {
    return failedResult(error);
  }
}

function computeTask(task: Exclude<Task, { kind: 'read-coverage' }>): TaskResult {
  if (task.kind === 'index') {
    const { fixed } = task;
    const index = buildSetIndex(task.set, 'bits', task.cellsAcross, fixed?.grid);
    const rtree = buildPolygonIndex(task.set).data;
    const culling = fixed
      ? { grid: index.grid, needed: fixed.needed, culledLayers: fixed.culledLayers }
      : unionCulling(index.grid, task.set, task.groups);
    return { kind: 'index', ...index, rtree, culling };
  }
  if (task.kind === 'tiles') {
    const { source, rects, next, max } = task;
    const input = { ...source, coverageIndex: revivePolygonIndex(source.coverageIndex) };
    const taken: TilesResult = { kind: 'tiles', tiles: [], results: [] };
    // Tiles one at a time from the shared counter: a thread that is free takes the next one.
    while (taken.tiles.length < max) {
      const k = Atomics.add(next, 0, 1);
      if (k >= rects.length / 4) break;
      const tile = {
        left: rects[4 * k],
        top: rects[4 * k + 1],
        right: rects[4 * k + 2],
        bottom: rects[4 * k + 3],
      };
      const { layers, lte, nr } = tileCoverage(input, tile);
      taken.tiles.push(k);
      taken.results.push({ layers: layers.map(packPaths), lte: packPaths(lte), nr: packPaths(nr) });
    }
    return taken;
  }
  if (task.kind === 'classify') {
    const { context, start, end } = task;
    classifyRange(context, context.out, start, end);
    const counts = emptyCounts(context.layout);
    countRange(context.layout, context.layers, context.households, context.out, counts, start, end);
    return { kind: 'classify', counts };
  }
  // The pieces go into WebAssembly as they came, packed.
  const geometry = regionCoverageGeometry(task.regions, task.region, task.lte, task.nr);
  const { offsets, points } = task.whiteSpots;
  assignDeadZoneHouseholds(
    geometry.deadZones,
    task.households,
    points.subarray(offsets[task.region], offsets[task.region + 1]),
  );
  return { kind: 'geometry', region: task.region, ...geometry };
}

/** Errors travel back inside the result, so an InputError keeps its name, message and place across the thread. */
function failedResult(error: unknown): TaskResult {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    kind: 'error',
    name: e.name,
    message: e.message,
    stack: e.stack,
    where: isInputError(e) ? e.where : undefined,
    problem: isInputError(e) ? e.problem : undefined,
  };
}

/** The buffers a result owns (not shared): moved to the receiving thread instead of copied. */
export function transferList(result: TaskResult): ArrayBuffer[] {
  const buffers: ArrayBufferLike[] = [];
  if (result.kind === 'tiles')
    for (const tile of result.results)
      for (const paths of [...tile.layers, tile.lte, tile.nr])
        buffers.push(paths.coords.buffer, paths.offset.buffer);
  if (result.kind === 'geometry')
    for (const zone of result.deadZones) for (const ring of zone.rings) buffers.push(ring.buffer);
  if (result.kind === 'classify') buffers.push(result.counts.buffer);
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
