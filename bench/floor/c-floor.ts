/** The C floor: floor.c compiled with gcc -O2 into a temp folder, run over a dump of the scenario's own arrays. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClassifyInput } from '../../src/analysis/classify.js';
import type { Households } from '../../src/model/households.js';
import type { Timing } from '../measure.js';
import type { FloorOutput } from './tight-loop.js';

const SOURCE = new URL('./floor.c', import.meta.url).pathname;

export interface CFloor {
  /** Times floor.c over `points` (runs after warm-up, as measure() does) and reads its answers back. */
  run(name: string, points: Households, runs: number, warmup?: number): { timing: Timing; out: FloorOutput };
  /** Removes the temp folder. */
  close(): void;
}

/** Compiles floor.c and dumps the grids; undefined when gcc is not on PATH. */
export function cFloor(input: ClassifyInput, regionCount: number, layerCount: number): CFloor | undefined {
  if (spawnSync('gcc', ['--version']).error) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'funkatlas-floor-'));
  const binary = join(dir, 'floor');
  const cc = spawnSync('gcc', ['-O2', '-o', binary, SOURCE, '-lm'], { encoding: 'utf8' });
  if (cc.status !== 0) throw new Error(`gcc failed on ${SOURCE}: ${cc.stderr}`);
  const write = (name: string, a: ArrayBufferView) =>
    writeFileSync(join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  write('meta', new Float64Array([regionCount, layerCount]));
  const sets = [
    ['c', input.coverageGrid, input.coverage, input.coverageBands],
    ['r', input.regionGrid, input.regions, input.regionBands],
  ] as const;
  for (const [pre, grid, set, bands] of sets) {
    write(`${pre}-spec`, new Float64Array([grid.x0, grid.y0, grid.dx, grid.dy, grid.cols, grid.rows]));
    const arrays = {
      ...set,
      ...bands,
      full: grid.full,
      edgeOffset: grid.edgeOffset,
      edgePolygons: grid.edgePolygons,
    };
    for (const [name, a] of Object.entries(arrays)) if (ArrayBuffer.isView(a)) write(`${pre}-${name}`, a);
  }
  const read = <T>(name: string, make: (b: ArrayBuffer) => T): T => {
    const bytes = readFileSync(join(dir, name));
    return make(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  return {
    run(name, points, runs, warmup = 1) {
      write(`${name}-lon`, points.lon);
      write(`${name}-lat`, points.lat);
      write(`${name}-weight`, points.weight);
      const r = spawnSync(binary, [dir, name, String(runs), String(warmup)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`floor.c failed: ${r.stderr}`);
      const times = r.stdout.trim().split(' ').map(Number);
      const sorted = [...times].sort((a, b) => a - b);
      const tally = read(`${name}-tally`, (b) => new Float64Array(b));
      return {
        timing: { runs: times, median: sorted[sorted.length >> 1], min: sorted[0] },
        out: {
          mask: read(`${name}-mask`, (b) => new Uint32Array(b)),
          region: read(`${name}-region`, (b) => new Int32Array(b)),
          tallyWeight: tally,
          tallyPoints: new Float64Array(0),
        },
      };
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
