import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeoPackageHistory } from '../../src/history/gpkg-history.js';
import { type HistoryRows, historyRows } from '../../src/history/history-rows.js';
import { SHARE_CLASSES } from '../../src/history/qgis-styles.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { itWithGdal, ogrinfo } from '../gdal.js';
import { HAND, tempDir } from '../helpers.js';

const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;
const VALIDATOR = [
  '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py',
  '/usr/share/doc/python3-gdal/examples/validate_gpkg.py',
].find(existsSync);
if (!VALIDATOR)
  console.warn('funkatlas tests: validate_gpkg.py (python3-gdal) not found, skipping the history validation');
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : undefined;

describe('the GeoPackage history in GDAL and QGIS', () => {
  let rows: HistoryRows;
  let path: string;

  beforeAll(async () => {
    const result = await analyze({
      households: `${HAND}households.geojson`,
      snapshots: [2023, 2024].map((y) => ({
        date: `${y}-12-31`,
        coverage: [`${SNAPSHOTS}coverage-${y}q4.geojson`],
      })),
      regions: `${HAND}regions.geojson`,
      workers: 0,
    });
    rows = historyRows(result);
    path = join(tempDir(), 'history.gpkg');
    await new GeoPackageHistory(path).write(rows, { force: false });
  });

  itWithGdal('lists its layers without a warning, with the counts written', () => {
    const layers = ogrinfo('-so', path);
    expect(layers.stderr).toBe('');
    expect(layers.stdout).toMatch(
      /1: dead_zones \(Multi Polygon\)\n2: region_geometry \(Multi Polygon\)\n3: region_latest \(Multi Polygon\)\n4: region_series \(Multi Polygon\)\n5: runs \(None\)\n6: run_inputs \(None\)\n7: snapshots \(None\)\n8: region_stats \(None\)\n9: goal_status \(None\)\n10: layer_styles \(None\)\n/,
    );
    const all = ogrinfo('-al', '-so', path);
    expect(all.stderr).toBe('');
    const counts = Object.fromEntries(
      [...all.stdout.matchAll(/Layer name: (\w+)[\s\S]*?Feature Count: (\d+)/g)].map((m) => [
        m[1],
        Number(m[2]),
      ]),
    );
    expect(counts).toMatchObject({
      dead_zones: 7,
      region_geometry: 3,
      region_latest: 3,
      region_series: 6,
      snapshots: 2,
      region_stats: 6,
      layer_styles: 4,
    });
    expect(all.stdout).toMatch(/snapshot_date: Date \(0\.0\) NOT NULL\s+zone_id: String/);
  });

  itWithGdal('answers a box on dead_zones through its R*Tree index', () => {
    const box = [7, 51, 7.2, 51.2];
    const hits = ogrinfo('-q', path, 'dead_zones', '-spat', ...box.map(String), '--debug', 'on');
    expect(hits.stderr).toMatch(/JOIN "rtree_dead_zones_geom" r ON m\."fid" = r\.id WHERE r\.maxx >= 6\.99/);
    const found = [...hits.stdout.matchAll(/zone_id \(String\) = (\S+)/g)].map((m) => m[1]).sort();
    const expected = rows.deadZones
      .filter((z) => {
        const v = new DataView(z.geom.buffer, z.geom.byteOffset, z.geom.byteLength);
        const xs: number[] = [];
        const ys: number[] = [];
        for (let at = 22; at + 16 <= z.geom.byteLength; at += 16) {
          xs.push(v.getFloat64(at, true));
          ys.push(v.getFloat64(at + 8, true));
        }
        return (
          Math.min(...xs) <= box[2] &&
          Math.max(...xs) >= box[0] &&
          Math.min(...ys) <= box[3] &&
          Math.max(...ys) >= box[1]
        );
      })
      .map((z) => z.zone_id)
      .sort();
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(expected);
    expect(ogrinfo(path, '-sql', "SELECT HasSpatialIndex('dead_zones', 'geom')").stdout).toMatch(/= 1/);
  });

  it.skipIf(!VALIDATOR)("passes GDAL's validate_gpkg.py", () => {
    const run = spawnSync('/usr/bin/python3', [VALIDATOR as string, path], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('keeps a default QGIS style per layer in layer_styles, as QGIS looks it up', () => {
    const db = new Database(path, { readonly: true });
    try {
      const styles = db
        .prepare(
          `SELECT f_table_name, styleQML FROM layer_styles WHERE f_table_catalog = '' AND f_table_schema = ''
           AND f_geometry_column = 'geom' AND useAsDefault = 1 ORDER BY f_table_name`,
        )
        .all() as { f_table_name: string; styleQML: string }[];
      expect(styles.map((s) => s.f_table_name)).toEqual([
        'dead_zones',
        'region_geometry',
        'region_latest',
        'region_series',
      ]);
      const [dead, outline, latest] = styles.map((s) => s.styleQML);
      expect(outline).toContain('<Option name="style" type="QString" value="no"/>');
      expect(dead).toContain('<renderer-v2 type="singleSymbol"');
      expect(dead).toContain('<Option name="color" type="QString" value="0,0,0,153"/>');
      expect(dead).toContain('<Option name="outline_color" type="QString" value="255,255,255,255"/>');
      expect(latest).toContain('<renderer-v2 type="graduatedSymbol" attr="share_5g"');
      for (const colour of [
        '68,1,84,255',
        '59,82,139,255',
        '33,145,140,255',
        '94,201,98,255',
        '253,231,37,255',
      ])
        expect(latest).toContain(`value="${colour}"`);
      // QGIS takes the first range with lower <= value <= upper: each bound falls in the class it opens.
      const ranges = [...latest.matchAll(/<range lower="([\d.]+)" upper="([\d.]+)" symbol="(\d)"/g)].map(
        (m) => ({
          lower: Number(m[1]),
          upper: Number(m[2]),
          symbol: Number(m[3]),
        }),
      );
      const classOf = (v: number) => ranges.find((r) => r.lower <= v && v <= r.upper)?.symbol;
      expect([0, 0.4999, 0.5, 0.7, 0.8, 0.8999, 0.9, 1].map(classOf)).toEqual([0, 0, 1, 2, 3, 3, 4, 4]);
      expect(SHARE_CLASSES.map((c) => c.colour)).toEqual([
        '#440154',
        '#3b528b',
        '#21918c',
        '#5ec962',
        '#fde725',
      ]);
      if (PYTHON)
        for (const s of db.prepare('SELECT styleQML, styleSLD FROM layer_styles').raw().all() as string[][])
          for (const xml of s) {
            const parse = spawnSync(
              PYTHON,
              ['-c', 'import sys, xml.etree.ElementTree as E; E.fromstring(sys.stdin.read())'],
              {
                input: xml,
                encoding: 'utf8',
              },
            );
            expect(parse.stderr).toBe('');
          }
    } finally {
      db.close();
    }
  });
});
