import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** A populated Zensus 2011 1 km cell: centre in EPSG:3035 and its (derived) household count. */
export interface GridCell {
  x: number;
  y: number;
  households: number;
}

/** Reads data/zensus2011-grid-1km.csv.gz (comma-separated, header row, gzipped or not), populated cells only. */
export function readZensusGrid(path: string): GridCell[] {
  const bytes = readFileSync(path);
  const lines = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').split(/\r?\n/);
  const header = lines[0].split(',');
  const xCol = header.indexOf('x_mp_1km');
  const yCol = header.indexOf('y_mp_1km');
  const hhCol = header.indexOf('households_est_derived');
  const cells: GridCell[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const f = line.split(',');
    const households = Number(f[hhCol]);
    if (f[hhCol] === '' || !(households > 0)) continue;
    cells.push({ x: Number(f[xCol]), y: Number(f[yCol]), households });
  }
  return cells;
}
