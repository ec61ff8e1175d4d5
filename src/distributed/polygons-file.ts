import type { CoordsReader, PolygonSet } from '../model/polygon-set.js';
import type { GridSpec } from '../spatial/grid-raster.js';
import { openPartial } from './partial-codec.js';

/** A coverage job's indexed polygons as it writes them: the set and the whole grid's numbering. */
export interface CoveragePolygons {
  polygons: PolygonSet;
  grid: GridSpec;
}

/** The file a coverage job writes its polygons to, beside its part. */
export function polygonsKey(coverageKey: string): string {
  return `${coverageKey}-polygons`;
}

/**
 * A coverage job's polygons opened for cutting: every column but the coordinates in memory
 * (`hollow`, its `coords` empty), and `readCoords` for `polygonSubset`, which reads only the
 * polygons picked, runs of neighbours in one read. `finish()` reads what is still pending.
 */
export interface OpenPolygons {
  hollow: PolygonSet;
  grid: GridSpec;
  readCoords: CoordsReader;
  finish(): void;
}

export function withPolygons<T>(dir: string, coverageKey: string, use: (open: OpenPolygons) => T): T {
  const file = openPartial<CoveragePolygons>(dir, polygonsKey(coverageKey));
  try {
    const { polygons: refs, grid } = file.value;
    const hollow: PolygonSet = {
      polygonCount: refs.polygonCount,
      ringStart: file.array<Uint32Array>(refs.ringStart),
      ringOffset: file.array<Uint32Array>(refs.ringOffset),
      owner: file.array<Uint32Array>(refs.owner),
      bbox: file.array<Float64Array>(refs.bbox),
      coords: new Float64Array(0),
    };
    // A run of vertices waiting to be read: extended while the next polygon follows on in both sets.
    let run: { first: number; last: number; into: Float64Array<ArrayBufferLike>; at: number } = {
      first: 0,
      last: 0,
      into: new Float64Array(0),
      at: 0,
    };
    const flush = () => {
      if (run.last <= run.first) return;
      const into = run.into.subarray(2 * run.at, 2 * (run.at + run.last - run.first));
      file.readInto(refs.coords, 2 * run.first, into);
      run = { ...run, first: 0, last: 0 };
    };
    const readCoords: CoordsReader = (first, last, into, at) => {
      if (into === run.into && first === run.last && at === run.at + run.last - run.first) run.last = last;
      else {
        flush();
        run = { first, last, into, at };
      }
    };
    return use({ hollow, grid, readCoords, finish: flush });
  } finally {
    file.close();
  }
}
