import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GeoPackageHistory } from '../../src/history/gpkg-history.js';
import { historyRows } from '../../src/history/history-rows.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { HAND, tempDir } from '../helpers.js';

/** Debian's python3-qgis, where it is installed: QGIS itself opens the history. */
const HAS_QGIS = spawnSync('/usr/bin/python3', ['-c', 'import qgis.core'], { encoding: 'utf8' }).status === 0;
if (!HAS_QGIS)
  console.warn('funkatlas tests: PyQGIS (python3-qgis) not found, skipping the QGIS style check');

const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;

/** Each layer as QGIS loads it (its default style from layer_styles): renderer, colours, classes. */
const LOAD = `
import json, os, sys
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False)
app.initQgis()
out = {}
for name in ['dead_zones', 'region_geometry', 'region_latest']:
    layer = QgsVectorLayer(sys.argv[1] + '|layername=' + name, name, 'ogr')
    r = layer.renderer()
    seen = {'valid': layer.isValid(), 'features': layer.featureCount(), 'renderer': r.type()}
    if r.type() == 'singleSymbol':
        fill = r.symbol().symbolLayer(0)
        seen['fill'] = [fill.color().name(), fill.color().alpha(), fill.strokeColor().name()]
    else:
        seen['attr'] = r.classAttribute()
        seen['classes'] = [r.rangeForValue(v).symbol().color().name() for v in (0.49, 0.5, 0.7, 0.8, 0.9, 1.0)]
    out[name] = seen
print(json.dumps(out), flush=True)
# exitQgis() segfaults in a script without a GUI (QGIS 3.22): leave without it.
os._exit(0)
`;

describe.skipIf(!HAS_QGIS)('the GeoPackage history in QGIS', () => {
  it('opens each layer with its default style: dead zones black at 60 %, regions in the viridis classes', async () => {
    const result = await analyze({
      households: `${HAND}households.geojson`,
      snapshots: [{ date: '2024-12-31', coverage: [`${SNAPSHOTS}coverage-2024q4.geojson`] }],
      regions: `${HAND}regions.geojson`,
      workers: 0,
    });
    const path = join(tempDir(), 'history.gpkg');
    await new GeoPackageHistory(path).write(historyRows(result), { force: false });
    const run = spawnSync('/usr/bin/python3', ['-c', LOAD, path], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
    });
    expect(run.status, run.stderr).toBe(0);
    const layers = JSON.parse(run.stdout.trim().split('\n').pop() as string);
    expect(layers.dead_zones).toEqual({
      valid: true,
      features: 3,
      renderer: 'singleSymbol',
      fill: ['#000000', 153, '#ffffff'],
    });
    expect(layers.region_geometry).toMatchObject({
      valid: true,
      features: 3,
      fill: ['#ffffff', 0, '#444444'],
    });
    expect(layers.region_latest).toEqual({
      valid: true,
      features: 3,
      renderer: 'graduatedSymbol',
      attr: 'share_5g',
      classes: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725', '#fde725'],
    });
  }, 90_000);
});
