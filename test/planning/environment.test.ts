import { describe, expect, it } from 'vitest';
import type { Households } from '../../src/model/households.js';
import { environmentOfDensity, withDensityEnvironment } from '../../src/planning/environment.js';
import type { Site } from '../../src/planning/site.js';

const site = (id: string, lon: number, lat: number, from: Site['environmentFrom'] = 'default'): Site => ({
  id,
  lon,
  lat,
  heightM: 30,
  operator: 'P',
  technology: 'lte',
  bandMHz: 800,
  eirpDbm: 30,
  beamwidthDeg: 65,
  tiltDeg: 0,
  vBeamwidthDeg: 10,
  environment: 'suburban',
  environmentFrom: from,
  where: { file: 'sites.csv', line: 2 },
});

/** Points with weights, as readHouseholds gives them. */
function households(points: [number, number, number][]): Households {
  return {
    count: points.length,
    lon: Float64Array.from(points, (p) => p[0]),
    lat: Float64Array.from(points, (p) => p[1]),
    weight: Uint32Array.from(points, (p) => p[2]),
  };
}

describe('environment from household density', () => {
  it('urban from 750, suburban from 150 households/km²', () => {
    expect(environmentOfDensity(750)).toBe('urban');
    expect(environmentOfDensity(749)).toBe('suburban');
    expect(environmentOfDensity(150)).toBe('suburban');
    expect(environmentOfDensity(149)).toBe('open');
  });

  it('counts the households within 1 km of each site that gave none', () => {
    // 1 km disc = 3.1416 km²: 3000 households → 955/km² urban; 1000 → 318/km² suburban.
    // 0.009° of latitude is 1.0 km (outside), 0.008° is 0.89 km (inside).
    const points: [number, number, number][] = [
      [7, 51.008, 3000],
      [8, 51.008, 1000],
      [8, 51.009, 5000],
      [9, 51, 0],
    ];
    const sites = [site('U', 7, 51), site('S', 8, 51), site('O', 9, 51), site('G', 7, 51, 'sites')];
    const result = withDensityEnvironment(sites, households(points));
    expect(result.map((s) => [s.environment, s.environmentFrom])).toEqual([
      ['urban', 'households'],
      ['suburban', 'households'],
      ['open', 'households'],
      ['suburban', 'sites'],
    ]);
  });
});
