import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GeoPackageHistory } from '../../src/history/gpkg-history.js';
import { historyRows } from '../../src/history/history-rows.js';
import { geoPackageBytes } from '../../src/io/gpkg/gpkg-write.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { HAS_GDAL, ogrinfo } from '../gdal.js';
import { HAND, tempDir } from '../helpers.js';

const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;

describe('the GeoPackage history beside QGIS and other GeoPackages', () => {
  it('writes while another program holds the file open in WAL (as QGIS does while editing), and goes back to DELETE after', async () => {
    const result = await analyze({
      households: `${HAND}households.geojson`,
      snapshots: [{ date: '2024-12-31', coverage: [`${SNAPSHOTS}coverage-2024q4.geojson`] }],
      regions: `${HAND}regions.geojson`,
      workers: 0,
    });
    const rows = historyRows(result);
    const path = join(tempDir(), 'history.gpkg');
    const store = new GeoPackageHistory(path);
    await store.write(rows, { force: false });
    const qgis = new Database(path);
    try {
      expect(qgis.pragma('journal_mode = WAL', { simple: true })).toBe('wal');
      const started = Date.now();
      expect(await store.write(rows, { force: false })).toMatchObject({ rewritten: ['2024-12-31'] });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(qgis.prepare('SELECT count(*) FROM snapshots').pluck().get()).toBe(1);
    } finally {
      qgis.close();
    }
    await store.write(rows, { force: false });
    const after = new Database(path, { readonly: true });
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    after.close();
  });

  it("adds its layers to an existing GeoPackage (a run's funkatlas.gpkg), keeping its own", async () => {
    const result = await analyze({
      households: `${HAND}households.geojson`,
      snapshots: [{ date: '2024-12-31', coverage: [`${SNAPSHOTS}coverage-2024q4.geojson`] }],
      regions: `${HAND}regions.geojson`,
      workers: 0,
    });
    const path = join(tempDir(), 'mine.gpkg');
    const square = Float64Array.from([7, 51, 8, 51, 8, 52, 7, 52, 7, 51]);
    const layer = { name: 'regions', features: [{ polygons: [[square]], properties: { id: 'a' } }] };
    writeFileSync(path, geoPackageBytes([layer], { lastChange: '2026-12-05T00:00:00.000Z' }));
    await new GeoPackageHistory(path).write(historyRows(result), { force: false });
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM regions').pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM snapshots').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
    if (HAS_GDAL) {
      const layers = ogrinfo('-so', path);
      expect(layers.stderr).toBe('');
      expect(layers.stdout).toMatch(/: regions \(Multi Polygon\)\n/);
      expect(layers.stdout).toMatch(/: dead_zones \(Multi Polygon\)\n/);
    }
  });
});
