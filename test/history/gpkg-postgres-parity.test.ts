import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeoPackageHistory } from '../../src/history/gpkg-history.js';
import { historyRows } from '../../src/history/history-rows.js';
import { PostgresHistory } from '../../src/history/postgres-history.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { HAND, tempDir } from '../helpers.js';
import { findPostgres, type PostgresServer, startPostgres } from './postgres-server.js';

const BIN = findPostgres();
if (!BIN)
  console.warn(
    'funkatlas tests: PostgreSQL with PostGIS not found, skipping the GeoPackage–PostgreSQL parity test',
  );
const SNAPSHOTS = new URL('../fixtures/golden/hand-snapshots/in/', import.meta.url).pathname;
const q4 = (year: number) => ({
  date: `${year}-12-31`,
  coverage: [`${SNAPSHOTS}coverage-${year}q4.geojson`],
});
const analyzeYears = (...years: number[]) =>
  analyze({
    households: `${HAND}households.geojson`,
    snapshots: years.map(q4),
    regions: `${HAND}regions.geojson`,
    workers: 0,
  });

describe.skipIf(!BIN)('the GeoPackage and the PostgreSQL history read back alike', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres(BIN as string);
    server.sql('postgres', 'CREATE DATABASE parity');
    server.sql('parity', 'CREATE EXTENSION postgis');
  });
  afterAll(() => server?.stop());

  it('the same runs written to both give the same read()', async () => {
    const gpkg = new GeoPackageHistory(join(tempDir(), 'history.gpkg'));
    const pg = new PostgresHistory(server.url('parity'));
    // Two runs: the first snapshot alone, then both (the first rewritten by the later run).
    for (const result of [await analyzeYears(2023), await analyzeYears(2023, 2024)]) {
      const rows = historyRows(result);
      expect(await gpkg.write(rows, { force: false })).toEqual(await pg.write(rows, { force: false }));
    }
    const [fromGpkg, fromPg] = [await gpkg.read(), await pg.read()];
    expect(fromGpkg.map((s) => s.date)).toEqual(['2023-12-31', '2024-12-31']);
    expect(fromGpkg).toEqual(fromPg);
    // The dead zones a later run follows on: the same from both, ids and shapes.
    const byId = (zones: { id: string }[]) => [...zones].sort((a, b) => (a.id < b.id ? -1 : 1));
    const [zonesGpkg, zonesPg] = [
      await gpkg.readDeadZones('2024-12-31'),
      await pg.readDeadZones('2024-12-31'),
    ];
    expect(zonesGpkg.length).toBeGreaterThan(0);
    expect(byId(zonesGpkg)).toEqual(byId(zonesPg));
  });
});
