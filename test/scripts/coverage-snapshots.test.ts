import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Rollout, rolloutFiles } from '../../scripts/coverage-snapshots.js';
import { DATA } from '../helpers.js';

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The GeoJSON text of each snapshot (zlib-independent), as npm run data:snapshots wrote it. */
const TEXT_SHA256: Record<string, string> = {
  'coverage-synthetic-2023-06-30.geojson.gz':
    'e757de960abb0bcd8034c8437c32206dd00448f043548b2d10ce2c8611d18d8a',
  'coverage-synthetic.geojson.gz': 'f86f76ed58abf361ac559ee033448ace16fc2e88eaec80cc4f25ae2a539796e6',
  'coverage-synthetic-2024-06-30.geojson.gz':
    '074c67de54907c561f95a98b68beace8c7c6a6dc230d5789e26e764d5ab832fa',
};

let built: ReturnType<typeof rolloutFiles>;
let rollout: Rollout;

beforeAll(() => {
  built = rolloutFiles();
  rollout = built.rollout;
}, 120_000);

describe('the default scenario rollout (npm run data:snapshots)', () => {
  it("builds the same bytes as the files in data/, with today's coverage in the middle", () => {
    expect(built.files.map((f) => [f.file, sha256(f.text)])).toEqual(Object.entries(TEXT_SHA256));
    for (const { file, gz } of built.files)
      expect([file, sha256(gz)]).toEqual([file, sha256(readFileSync(`${DATA}${file}`))]);
  });

  it('adds 5G sites every half year, builds LTE sites, and switches one LTE site off', () => {
    const [earlier, middle, later] = rollout.snapshots;
    expect(rollout.snapshots.map((s) => s.date)).toEqual(['2023-06-30', '2023-12-31', '2024-06-30']);
    const count5g = (s: typeof earlier) => s.sites.filter((site) => !site.lte).length;
    expect(count5g(earlier)).toBeLessThan(count5g(middle));
    expect(count5g(middle)).toBeLessThan(count5g(later));
    // Sites are only built, never moved: each snapshot keeps the sites of the one before, but the one switched off.
    const inMiddle = new Set(middle.sites);
    expect(earlier.sites.every((site) => inMiddle.has(site))).toBe(true);
    const inLater = new Set(later.sites);
    expect(middle.sites.filter((site) => !inLater.has(site))).toEqual([rollout.switchedOff.site]);
    expect(rollout.switchedOff.site.lte).toBe(true);
    expect(rollout.switchedOff.households).toBeGreaterThan(0);
  });

  it('marks every feature synthetic', () => {
    for (const { text } of built.files) {
      const features = text.split('\n').filter((line) => line.startsWith('{"type":"Feature"'));
      expect(features.every((line) => line.includes('"synthetic":true'))).toBe(true);
    }
  });
});
