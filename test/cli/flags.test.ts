import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { forCli } from '../../src/cli/flag-names.js';
import { InputError } from '../../src/errors.js';
import { csvChunks } from '../../src/io/csv/write.js';
import { resolveReadOptions } from '../../src/io/read-options.js';
import { tempDir } from '../helpers.js';
import { handArgs, runCliAsync } from './run-cli.js';

const base = [
  'analyze',
  '--households',
  'h.csv',
  '--coverage',
  'c.geojson',
  '--regions',
  'r.geojson',
  '--out',
  'o',
];

describe('flags given twice', () => {
  it.each([
    [['--households', 'b.csv'], /--households is given more than once \(value: \["h.csv","b.csv"\]\)/],
    [['--out', 'p'], /--out is given more than once/],
    [['--workers', '1', '--workers', '2'], /--workers is given more than once \(value: \["1","2"\]\)/],
    [['--force', '--force'], /--force is given more than once/],
    [['--region-id', 'AGS', '--region-id=GN'], /--region-id is given more than once/],
  ])('%j is refused, naming the flag and both values', (extra, message) => {
    expect(() => parseCommand([...base, ...extra])).toThrow(message);
  });

  it('--coverage, --region and --threshold repeat', () => {
    const command = parseCommand([
      ...base,
      ...['--coverage', 'd.geojson', '--region', 'A', '--region', 'B,C'],
      ...['--threshold', 'lte=-110', '--threshold', '5g=-105'],
    ]);
    expect(command.name === 'analyze' && command.args.coverage).toEqual(['c.geojson', 'd.geojson']);
  });
});

describe('--csv-dialect', () => {
  it('excel-de: BOM, semicolons, decimal commas; separators in text quoted', () => {
    const text = [
      ...csvChunks(
        ['id', 'name', 'share'],
        [
          ['05', 'A;B', 0.785],
          ['06', 'x', 1e-7],
        ],
        'excel-de',
      ),
    ].join('');
    expect(text).toBe('\uFEFFid;name;share\r\n05;"A;B";0,785\r\n06;x;1E-7\r\n');
  });

  it('rfc4180 stays the default; an unknown dialect is refused', () => {
    expect([...csvChunks(['a'], [[0.5], ['x,y']])].join('')).toBe('a\r\n0.5\r\n"x,y"\r\n');
    expect(() => parseCommand([...base, '--csv-dialect', 'excel'])).toThrow(
      /--csv-dialect must be one of rfc4180, excel-de \(value: "excel"\)/,
    );
  });

  it('the CLI writes regions.csv for German Excel, and --output-crs without fgb is a note, not an error', async () => {
    const out = join(tempDir(), 'out');
    const run = await runCliAsync(
      handArgs(out, '--csv-dialect', 'excel-de', '--output-crs', 'EPSG:25832').filter((a) => a !== '--quiet'),
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'funkatlas: note: --output-crs applies to FlatGeobuf outputs (--format geojson,fgb); GeoJSON stays lon/lat (RFC 7946)',
    );
    const csv = readFileSync(join(out, 'regions.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFid;name;households;')).toBe(true);
    expect(csv).toMatch(/;0,\d+;/);
  });
});

describe('one rule for the household size', () => {
  it.each(['0.5', '21', 'two', ''])('the CLI refuses --household-size %j, naming the flag', (size) => {
    expect(() => parseCommand([...base, '--household-size', size])).toThrow(
      /field --household-size: household size must be a number of persons from 1 to 20/,
    );
  });

  it('the library refuses the same sizes, naming its option', () => {
    for (const householdSize of [0.5, 21, Number.NaN])
      expect(() => resolveReadOptions({ householdSize })).toThrow(
        /field read\.householdSize: household size must be a number of persons from 1 to 20/,
      );
    expect(resolveReadOptions({ householdSize: 2.1 }).householdSize).toBe(2.1);
  });
});

describe('the library names options, the CLI its flags', () => {
  it('maps each option an InputError names to the flag that sets it, and nothing else', () => {
    const error = new InputError('coordinates look like lon/lat degrees, but read.inputCrs says EPSG:25832', {
      file: 'h.csv',
      field: 'options.householdsFormat',
      value: 'read.bogus',
      hint: 'give read.householdsCrs, or read.invalid=skip',
    });
    expect(forCli(error).message).toBe(
      'h.csv, field --households-format: coordinates look like lon/lat degrees, but --input-crs says EPSG:25832 (value: "read.bogus") — give --households-crs, or --invalid=skip',
    );
  });

  it('leaves the file and the value as the user wrote them, even when they look like an option', () => {
    const error = new InputError('no region has this id', {
      file: '/tmp/options.regionFilter/regions.geojson',
      field: 'options.regionFilter',
      value: 'read.invalid',
    });
    expect(forCli(error).message).toBe(
      '/tmp/options.regionFilter/regions.geojson, field --region: no region has this id (value: "read.invalid")',
    );
    // Across a thread the problem comes along, so the CLI can still say it in its words.
    const crossed = InputError.formatted(error.message, error.where, error.problem);
    expect(forCli(crossed).message).toBe(forCli(error).message);
  });

  it('a raster without its threshold: the library says read.thresholds, the CLI --threshold', async () => {
    const tif = new URL('../fixtures/geotiff/vodafone_lte.tif', import.meta.url).pathname;
    const run = await runCliAsync([
      ...handArgs(join(tempDir(), 'out')).slice(0, 3),
      '--coverage',
      tif,
      ...handArgs('').slice(5, 7),
      '--out',
      join(tempDir(), 'out'),
      '--quiet',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/field --threshold: .* — give --threshold lte=-110;/);
  });
});
