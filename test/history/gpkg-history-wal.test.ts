import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GeoPackageHistory } from '../../src/history/gpkg-history.js';
import { historyRows } from '../../src/history/history-rows.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { HAND, tempDir } from '../helpers.js';

const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;

describe('the GeoPackage history beside QGIS', () => {
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
});
