import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readGeoPackageFeatures } from '../../../src/io/gpkg/features-read.js';
import { geoPackageBytes } from '../../../src/io/gpkg/gpkg-write.js';
import { itWithGdal, ogrinfo } from '../../gdal.js';
import { plainGeometry, tempDir } from '../../helpers.js';

const ring = (x0: number, y0: number, x1: number, y1: number) =>
  Float64Array.from([x0, y0, x1, y0, x1, y1, x0, y1, x0, y0]);
// Clockwise shell, counter-clockwise hole: the writer turns them.
const clockwise = (r: Float64Array) =>
  Float64Array.from({ length: r.length }, (_, k) => r[r.length - 2 * Math.floor(k / 2) - 2 + (k % 2)]);

/** GDAL's GeoPackage validator (Debian's python3-gdal), where it is installed. */
const VALIDATOR = [
  '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py',
  '/usr/share/doc/python3-gdal/examples/validate_gpkg.py',
].find(existsSync);
if (!VALIDATOR)
  console.warn(
    'funkatlas tests: validate_gpkg.py (python3-gdal) not found, skipping the GeoPackage validation',
  );

const layers = [
  {
    name: 'regions',
    features: [
      {
        polygons: [[clockwise(ring(7, 51, 8, 52)), ring(7.2, 51.2, 7.4, 51.4)]],
        properties: {
          id: '05111',
          name: 'Düsseldorf',
          households: 3,
          share_5g: 1,
          flag: true,
          extra: { a: 1 },
        },
      },
      {
        polygons: [[ring(8, 51, 9, 52)], [ring(9, 51, 9.5, 51.5)]],
        properties: {
          id: '05112',
          name: 'Duisburg',
          households: 2 ** 40,
          share_5g: 0.25,
          flag: null,
          extra: null,
        },
      },
    ],
  },
  { name: 'lte_dead_zones', features: [] },
];

function written(): string {
  const path = join(tempDir(), 'funkatlas.gpkg');
  writeFileSync(
    path,
    geoPackageBytes(layers, { doubles: (c) => c.includes('share'), lastChange: '2026-12-05T00:00:00.000Z' }),
  );
  return path;
}

describe('GeoPackage output', () => {
  it('reads back with our reader: properties, oriented MultiPolygons, an empty layer', () => {
    const path = written();
    const read = readGeoPackageFeatures(`${path}:regions`);
    expect(read.crs?.geographic).toBe(true);
    expect(read.features.map((f) => ({ ...f.properties }))).toEqual([
      { id: '05111', name: 'Düsseldorf', households: 3, share_5g: 1, flag: true, extra: '{"a":1}' },
      { id: '05112', name: 'Duisburg', households: 2 ** 40, share_5g: 0.25, flag: null, extra: null },
    ]);
    const first = plainGeometry(read.features[0].geometry) as { type: string; coordinates: number[][][][] };
    expect(first.type).toBe('MultiPolygon');
    expect(first.coordinates[0][0]).toEqual([
      [7, 51],
      [8, 51],
      [8, 52],
      [7, 52],
      [7, 51],
    ]);
    expect(first.coordinates[0][1]).toEqual([
      [7.2, 51.2],
      [7.2, 51.4],
      [7.4, 51.4],
      [7.4, 51.2],
      [7.2, 51.2],
    ]);
    expect(readGeoPackageFeatures(`${path}:lte_dead_zones`).features).toEqual([]);
  });

  it('has the GeoPackage tables, column types, extents and a filled R*Tree', () => {
    const db = new Database(written(), { readonly: true });
    try {
      expect(db.pragma('application_id', { simple: true })).toBe(0x47504b47);
      expect(
        db
          .prepare(
            'SELECT table_name, data_type, min_x, min_y, max_x, max_y, srs_id, last_change FROM gpkg_contents ORDER BY table_name',
          )
          .all(),
      ).toEqual([
        {
          table_name: 'lte_dead_zones',
          data_type: 'features',
          min_x: null,
          min_y: null,
          max_x: null,
          max_y: null,
          srs_id: 4326,
          last_change: '2026-12-05T00:00:00.000Z',
        },
        {
          table_name: 'regions',
          data_type: 'features',
          min_x: 7,
          min_y: 51,
          max_x: 9.5,
          max_y: 52,
          srs_id: 4326,
          last_change: '2026-12-05T00:00:00.000Z',
        },
      ]);
      const types = Object.fromEntries(
        (db.prepare('PRAGMA table_info(regions)').all() as { name: string; type: string }[]).map((c) => [
          c.name,
          c.type,
        ]),
      );
      expect(types).toEqual({
        fid: 'INTEGER',
        geom: 'MULTIPOLYGON',
        id: 'TEXT',
        name: 'TEXT',
        households: 'INTEGER',
        share_5g: 'REAL',
        flag: 'BOOLEAN',
        extra: 'TEXT',
      });
      expect(
        db.prepare('SELECT id, minx, maxx, miny, maxy FROM rtree_regions_geom ORDER BY id').all(),
      ).toEqual([
        { id: 1, minx: 7, maxx: 8, miny: 51, maxy: 52 },
        { id: 2, minx: 8, maxx: 9.5, miny: 51, maxy: 52 },
      ]);
      expect(
        db
          .prepare(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_regions_geom_%'",
          )
          .pluck()
          .get(),
      ).toBe(6);
    } finally {
      db.close();
    }
  });

  it('gives the same bytes for the same layers', () => {
    const options = { lastChange: '2026-12-05T00:00:00.000Z' };
    expect(geoPackageBytes(layers, options).equals(geoPackageBytes(layers, options))).toBe(true);
  });

  itWithGdal('opens in GDAL without a warning, with its spatial index', () => {
    const path = written();
    const summary = ogrinfo('-al', '-so', path);
    expect(summary.code).toBe(0);
    expect(summary.stderr).toBe('');
    expect(summary.stdout).toMatch(
      /Layer name: regions\s+Geometry: Multi Polygon\s+Feature Count: 2\s+Extent: \(7\.0+, 51\.0+\) - \(9\.50+, 52\.0+\)/,
    );
    expect(summary.stdout).toMatch(/Layer name: lte_dead_zones\s+Geometry: Multi Polygon\s+Feature Count: 0/);
    expect(summary.stdout).toMatch(/households: Integer64/);
    expect(summary.stdout).toMatch(/share_5g: Real/);
    expect(summary.stdout).toMatch(/flag: Integer\(Boolean\)/);
    const index = ogrinfo(path, '-sql', "SELECT HasSpatialIndex('regions', 'geom')");
    expect(index.stdout).toMatch(/= 1/);
    // A box that only the second region reaches, answered through the index.
    const hits = ogrinfo('-q', path, 'regions', '-spat', '9.1', '51.1', '9.2', '51.2');
    expect(hits.stdout).toMatch(/id \(String\) = 05112/);
    expect(hits.stdout).not.toMatch(/05111/);
  });

  it.skipIf(!VALIDATOR)("passes GDAL's validate_gpkg.py (the spec's requirements)", () => {
    const run = spawnSync('/usr/bin/python3', [VALIDATOR as string, written()], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
