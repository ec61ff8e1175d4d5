import Flatbush from 'flatbush';
import { readAreaInputs, tileSource, coverageGridFor } from '/work/main/dist/pipeline/analyze.js';
import { tileRects, tileCoverage, coveredBefore } from '/work/main/dist/analysis/coverage-tiles.js';
import { buildPolygonIndex } from '/work/main/dist/spatial/polygon-index.js';
import { technologyMask } from '/work/main/dist/model/coverage.js';
const area = await readAreaInputs({ households: 'data/households.csv.gz', coverage: ['data/coverage-synthetic.geojson.gz'], regions: 'data/kreise.geojson', regionId: 'AGS', regionName: 'GN' });
const set = area.coverage.polygons;
let t = performance.now();
const grid = coverageGridFor(area.coverage, 220000, false);
console.log('grid', (performance.now() - t).toFixed(0), 'ms');
const lte = technologyMask(area.coverage.layers, 'lte');
let c = 0;
for (let p = 0; p < set.polygonCount; p++) { const tech = ((lte >>> set.owner[p]) & 1) ? 0 : 1; if (coveredBefore(grid, grid.firstCover[tech], set, p)) c++; }
console.log('culled', c, 'of', set.polygonCount);
const idx = buildPolygonIndex(set).data;
const input = { ...tileSource(area.coverage, idx, false, grid), coverageIndex: Flatbush.from(idx) };
const b = area.regions.polygons.bbox; let e=[180,90,-180,-90];
for (let p=0;p<area.regions.polygons.polygonCount;p++){e=[Math.min(e[0],b[4*p]),Math.min(e[1],b[4*p+1]),Math.max(e[2],b[4*p+2]),Math.max(e[3],b[4*p+3])];}
const tiles = tileRects(...e);
for (let rep=0; rep<3; rep++){ const t0=performance.now(); for (const tl of tiles) tileCoverage(input,tl); console.log('tiles', (performance.now()-t0).toFixed(0)); }
