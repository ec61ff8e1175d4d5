import { readFileSync } from 'node:fs';

/** A populated Zensus 2011 1 km cell: centre in EPSG:3035 and its (derived) household count. */
export interface GridCell {
  x: number;
  y: number;
  households: number;
}

/** Reads shared/data/nrw/zensus2011-grid-1km.csv (comma-separated, header row), populated cells only. */
export function readZensusGrid(path: string): GridCell[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
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
