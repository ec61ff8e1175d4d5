import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HAND, tempDir, validateSummary } from '../helpers.js';
import { handArgsWith, outcome, spawnCli } from './run-cli.js';

/** The real CLI with `input` piped to its standard input. */
function runWithStdin(args: string[], input: Buffer | string) {
  const child = spawnCli(args, { timeout: 60_000 });
  const done = outcome(child);
  child.stdin?.on('error', () => {}); // a run that refuses early closes its stdin unread
  child.stdin?.end(input);
  return done;
}

const analyze = (out: string, households: string, regions = `${HAND}regions.geojson`, ...extra: string[]) =>
  handArgsWith({ households, regions }, out, '--workers', '0', ...extra);

const CSV = 'lon,lat,households\r7.01,51.01,2\r7.2,51.1,3\r';
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe('standard input as an input (-)', () => {
  it('reads households from stdin (CSV sniffed, CR line ends) and records its sha256 and bytes', async () => {
    const out = join(tempDir(), 'out');
    const r = await runWithStdin(analyze(out, '-'), CSV);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
    expect(summary.inputs[0]).toMatchObject({
      role: 'households',
      path: '-',
      sha256: sha256(CSV),
      bytes: CSV.length,
    });
    expect(summary.households_balance.read).toBe(5);
  }, 60_000);

  it('reads gzipped households from /dev/stdin, and regions GeoJSON from -', async () => {
    const gz = gzipSync(CSV);
    const a = join(tempDir(), 'a');
    const r = await runWithStdin(analyze(a, '/dev/stdin'), gz);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')).inputs[0]).toMatchObject({
      sha256: sha256(gz),
      bytes: gz.length,
    });
    const b = join(tempDir(), 'b');
    const regions = readFileSync(`${HAND}regions.geojson`);
    const s = await runWithStdin(analyze(b, `${HAND}households.geojson`, '-'), regions);
    expect([s.code, s.stderr]).toEqual([0, '']);
  }, 60_000);

  it('refuses - for two inputs, and a FlatGeobuf on stdin, with one line and exit code 2', async () => {
    const two = await runWithStdin(analyze(join(tempDir(), 'o'), '-', '-'), CSV);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe(
      'funkatlas: standard input (-) can be given for one input only (value: "- -") — save the others to files\n',
    );
    const fgb = await runWithStdin(
      analyze(join(tempDir(), 'o'), '-', undefined, '--households-format', 'fgb'),
      CSV,
    );
    expect(fgb.code).toBe(2);
    expect(fgb.stderr).toMatch(
      /^funkatlas: -: FlatGeobuf is read at offsets: it cannot come from a pipe, stdin or a device — save it to a file first\n$/,
    );
    const unknown = await runWithStdin(analyze(join(tempDir(), 'o'), '-'), 'hello\n');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^funkatlas: -: cannot tell the format of this file — .*--households-format/,
    );
  }, 60_000);
});
