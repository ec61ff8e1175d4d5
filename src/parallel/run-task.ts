import { type ClassifyInput, classifyRange } from '../analysis/classify.js';
import { regionCoverageGeometry } from '../analysis/coverage-geometry.js';
import { type TileInput, tileCoverage } from '../analysis/coverage-tiles.js';
import { countRange, emptyCounts } from '../analysis/household-counts.js';
import { packPaths, unpackPaths } from '../geometry/paths-codec.js';
import { revivePolygonIndex } from '../spatial/polygon-index.js';
import type { SharedContext, Task, TaskResult } from './messages.js';

interface Revived {
  classify: ClassifyInput;
  tiles: TileInput;
}

/** Revived indexes by context id: a worker serves one run at a time, so one entry is enough. */
let cached: { id: string; revived: Revived } | undefined;

function revive(context: SharedContext): Revived {
  if (cached?.id === context.id) return cached.revived;
  const coverageIndex = revivePolygonIndex(context.coverageIndex);
  const revived: Revived = {
    classify: {
      households: { count: context.lon.length, lon: context.lon, lat: context.lat, weight: context.weight },
      coverage: context.coverage,
      coverageGrid: context.coverageGrid,
      regions: context.regions,
      regionGrid: context.regionGrid,
    },
    tiles: { coverage: context.coverage, coverageIndex, lteMask: context.lteMask, nrMask: context.nrMask },
  };
  cached = { id: context.id, revived };
  return revived;
}

/** Runs one task on this thread: the body of a worker, and the whole of the single-threaded mode. */
export function runTask(task: Task): TaskResult {
  try {
    const { classify, tiles } = revive(task.context);
    if (task.kind === 'classify') {
      const out = { mask: task.context.mask, region: task.context.region };
      classifyRange(classify, out, task.start, task.end);
      const counts = emptyCounts(task.context.layout);
      countRange(
        task.context.layout,
        task.context.layers,
        classify.households,
        out,
        counts,
        task.start,
        task.end,
      );
      return { kind: 'classify', counts };
    }
    if (task.kind === 'tile') {
      const { lte, nr } = tileCoverage(tiles, task.tile);
      return { kind: 'tile', lte: packPaths(lte), nr: packPaths(nr) };
    }
    const geometry = regionCoverageGeometry(
      task.context.regions,
      task.region,
      unpackPaths(task.lte),
      unpackPaths(task.nr),
    );
    return { kind: 'geometry', region: task.region, ...geometry };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { kind: 'error', name: e.name, message: e.message, stack: e.stack };
  }
}
