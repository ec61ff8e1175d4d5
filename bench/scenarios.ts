/** The bench's scenarios: S (data/), S-geojson (generated when named), M and L (generated, seeded; L with --large). */
import { join } from 'node:path';
import { generateGeojsonScenario } from './generate-geojson-scenario.js';
import { generateScenario, type ScenarioSize } from './generate-scenario.js';

const SIZES: ScenarioSize[] = [
  { name: 'M', points: 2_000_000, polygons: 100_000, regionsAcross: 10 },
  { name: 'L', points: 20_000_000, polygons: 250_000, regionsAcross: 20 },
];

export interface Scenario {
  name: string;
  households: string;
  coverage: string[];
  regions: string;
  regionId: string;
  regionName: string;
}

export function benchScenarios(
  root: string,
  cache: string,
  only: string[] | undefined,
  large: boolean,
): Scenario[] {
  return [
    {
      name: 'S',
      households: join(root, 'data/households.csv.gz'),
      coverage: [join(root, 'data/coverage-synthetic.geojson.gz')],
      regions: join(root, 'data/kreise.geojson'),
      regionId: 'AGS',
      regionName: 'GN',
    },
    // Shaped like what users hand in: GeoJSON points, 30–39-vertex sectors (generated only when asked for).
    ...(only?.includes('S-geojson')
      ? [
          {
            name: 'S-geojson',
            ...generateGeojsonScenario(
              { points: 208_000, features: 25_000 },
              join(cache, 'S-geojson-42'),
              join(root, 'data/kreise.geojson'),
            ),
            coverage: [join(cache, 'S-geojson-42', 'coverage.geojson')],
            regionId: 'AGS',
            regionName: 'GN',
          },
        ]
      : []),
    ...SIZES.filter((s) => s.name !== 'L' || large).map((size) => {
      const files = generateScenario(size, join(cache, `${size.name}-42`));
      return { name: size.name, ...files, coverage: [files.coverage], regionId: 'id', regionName: 'name' };
    }),
  ].filter((s) => !only || only.includes(s.name));
}
