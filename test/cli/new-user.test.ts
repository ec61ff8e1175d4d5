import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { InputError } from '../../src/errors.js';
import { resolveCrs } from '../../src/geometry/crs.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { writeOutputs } from '../../src/pipeline/write-outputs.js';
import { HAND_INPUTS, tempDir } from '../helpers.js';
import { handArgsWith, outcome, spawnCli } from './run-cli.js';

/** What a first try from the README ran into. */
const hand = { ...HAND_INPUTS, workers: 0 };

/** The hand-built households as an ogr2ogr-style `X,Y` CSV in EPSG:25832. */
function projectedCsv(): string {
  const features = JSON.parse(readFileSync(hand.households, 'utf8')).features;
  const crs = resolveCrs('EPSG:25832');
  let text = 'X,Y,households\n';
  for (const f of features) {
    const xy = [...f.geometry.coordinates];
    crs.fromLonLat(xy);
    text += `${xy[0].toFixed(4)},${xy[1].toFixed(4)},${f.properties.households ?? 1}\n`;
  }
  const path = join(tempDir(), 'households-25832.csv');
  writeFileSync(path, text);
  return path;
}

describe('one projected input beside lon/lat GeoJSON', () => {
  it('--input-crs applies to all, so the lon/lat coverage is refused with a hint to the per-role flag', async () => {
    const households = projectedCsv();
    const run = await outcome(
      spawnCli(handArgsWith({ households }, join(tempDir(), 'out'), '--input-crs', 'EPSG:25832')),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /coverage.geojson, .*coordinates look like lon\/lat degrees, but --input-crs says EPSG:25832 .* give the projected input's CRS to its role alone \(--households-crs, --coverage-crs, …\)\n$/,
    );
  });

  it('--households-crs (read.householdsCrs) reads them in place, the others as lon/lat', async () => {
    const households = projectedCsv();
    const lonLat = await analyze(hand);
    const projected = await analyze({ ...hand, households, read: { householdsCrs: 'EPSG:25832' } });
    // Every household read and placed near where it was (the scenario's points on edges move off
    // them by the projection's rounding, so the region figures are not compared).
    expect(projected.summary.households_balance.read).toBe(lonLat.summary.households_balance.read);
    expect(projected.summary.inputs[0].crs).toBe('EPSG:25832');
    expect(projected.summary.totals.households).toBeGreaterThan(0.8 * lonLat.summary.totals.households);
    const run = await outcome(
      spawnCli(handArgsWith({ households }, join(tempDir(), 'out'), '--households-crs', 'EPSG:25832')),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('library options in the wrong place', () => {
  it.each([
    [
      { csvDialect: 'excel-de' },
      /analyze\(\) takes no option "csvDialect" .* it belongs in writeOutputs\(\)'s options/,
    ],
    [{ inputCrs: 'EPSG:25832' }, /analyze\(\) takes no option "inputCrs" .* it belongs in read.inputCrs/],
    [
      { read: { crs: 'EPSG:25832' } },
      /analyze\(\) read takes no option "crs" .* its options are invalid, inputCrs/,
    ],
  ])('analyze(%j) is refused, naming where it belongs', async (extra, message) => {
    await expect(analyze({ ...hand, ...(extra as object) })).rejects.toThrow(message);
    await expect(analyze({ ...hand, ...(extra as object) })).rejects.toBeInstanceOf(InputError);
  });

  it('writeOutputs with a read option is refused', async () => {
    const result = await analyze(hand);
    expect(() => writeOutputs(result, tempDir(), { invalid: 'skip' } as never)).toThrow(
      /writeOutputs\(\) takes no option "invalid" .* it belongs in read.invalid/,
    );
  });
});

describe('empty inputs', () => {
  it('nothing on stdin: "the input is empty", not "cannot tell the format"', async () => {
    const child = spawnCli(handArgsWith({ households: '-' }, join(tempDir(), 'out')));
    const done = outcome(child);
    child.stdin?.end();
    const run = await done;
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('funkatlas: -: the input is empty — nothing came on standard input\n');
  });

  it('a header-only CSV: a warning, and the summary says no goal can be checked', async () => {
    const households = join(tempDir(), 'header.csv');
    writeFileSync(households, 'lon,lat,households\n');
    const result = await analyze({ ...hand, households });
    expect(result.summary.warnings).toContainEqual({
      code: 'households-empty',
      input: households,
      message: `${households}: no households in it: every figure is 0`,
    });
    const run = await outcome(spawnCli(handArgsWith({ households }, join(tempDir(), 'out'))));
    expect(run.code).toBe(0);
    // No households: the household goals have no value to judge.
    expect(run.stdout).toMatch(/total +n\/a +> 90 % +2022-12-31 +no-data/);
  });
});

describe('flags a new user combines', () => {
  it('--max-skipped without --invalid skip|repair is refused', () => {
    const base = ['analyze', '--households', 'h', '--coverage', 'c', '--regions', 'r', '--out', 'o'];
    expect(() => parseCommand([...base, '--max-skipped', '1%'])).toThrow(
      /--max-skipped applies with --invalid skip or repair/,
    );
    expect(() => parseCommand([...base, '--max-skipped', '1%', '--invalid', 'skip'])).not.toThrow();
  });

  it('--help lists the exit codes of an interrupted run', async () => {
    const run = await outcome(spawnCli(['--help']));
    expect(run.stdout).toMatch(/129\/130\/143 interrupted/);
  });
});
