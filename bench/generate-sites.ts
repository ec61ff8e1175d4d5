/**
 * Seeded synthetic antenna sites over NRW for `funkatlas predict`'s bench: masts of three sectors,
 * clustered around the Land's larger towns (more masts around larger ones), a share scattered over
 * the countryside. `node --import tsx bench/generate-sites.ts [SITES] [SEED] > nrw-sites.csv`.
 */
import { seededRandom } from '../scripts/random.js';
import { type Town, townPicker } from './towns.js';

/** Larger NRW towns, lon/lat, weight ≈ population in 100 000s (rounded; only the layout matters). */
const NRW_TOWNS: readonly (Town & { name: string })[] = [
  ['Köln', 6.96, 50.94, 10.8],
  ['Düsseldorf', 6.78, 51.23, 6.2],
  ['Dortmund', 7.47, 51.51, 5.9],
  ['Essen', 7.01, 51.46, 5.8],
  ['Duisburg', 6.76, 51.43, 5.0],
  ['Bochum', 7.22, 51.48, 3.6],
  ['Wuppertal', 7.15, 51.26, 3.5],
  ['Bielefeld', 8.53, 52.02, 3.3],
  ['Bonn', 7.1, 50.73, 3.3],
  ['Münster', 7.63, 51.96, 3.2],
  ['Aachen', 6.08, 50.78, 2.5],
  ['Siegen', 8.02, 50.87, 1.0],
  ['Paderborn', 8.75, 51.72, 1.5],
  ['Arnsberg', 8.06, 51.4, 0.7],
  ['Detmold', 8.88, 51.94, 0.7],
  ['Kleve', 6.14, 51.79, 0.5],
  ['Borken', 6.86, 51.84, 0.4],
  ['Olpe', 7.84, 51.03, 0.3],
].map(([name, x, y, weight]) => ({
  name: name as string,
  x: x as number,
  y: y as number,
  weight: weight as number,
  spread: 0.08,
}));

/** NRW's bounding box (lon/lat): countryside masts fall in it. */
const NRW_BOX = [5.87, 50.33, 9.46, 52.53] as const;

/** Bands as deployed in Germany: LTE 800 (Hata), LTE 1800 (COST-231), LTE 2600 and 5G 3600 (TR 38.901). */
const LAYERS = [
  { technology: 'LTE', band: 800, eirp: 33 },
  { technology: 'LTE', band: 1800, eirp: 33 },
  { technology: 'LTE', band: 2600, eirp: 33 },
  { technology: '5G', band: 3600, eirp: 38 },
] as const;
const OPERATORS = ['synthetic-a', 'synthetic-b', 'synthetic-c'] as const;

export function nrwSitesCsv(count: number, seed: number): string {
  const rnd = seededRandom(seed);
  const pickTown = townPicker(NRW_TOWNS, rnd);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const rows = [
    'site_id,lon,lat,height_m,operator,technology,band_mhz,eirp_dbm,azimuth_deg,tilt_deg,environment',
  ];
  for (let mast = 0; rows.length - 1 < count; mast++) {
    const rural = rnd() < 0.4;
    const town = pickTown();
    const lon = rural
      ? NRW_BOX[0] + rnd() * (NRW_BOX[2] - NRW_BOX[0])
      : town.x + normal() * town.spread * 1.6;
    const lat = rural ? NRW_BOX[1] + rnd() * (NRW_BOX[3] - NRW_BOX[1]) : town.y + normal() * town.spread;
    const offKm = Math.hypot((lon - town.x) * 70, (lat - town.y) * 111);
    const environment = rural ? 'open' : offKm < 4 ? 'urban' : 'suburban';
    const layer = LAYERS[Math.floor(rnd() * LAYERS.length)];
    const operator = OPERATORS[mast % OPERATORS.length];
    const height = Math.round(30 + 30 * rnd());
    const first = Math.floor(rnd() * 120);
    for (let s = 0; s < 3 && rows.length - 1 < count; s++)
      rows.push(
        [
          `M${mast}-${s}`,
          lon.toFixed(5),
          lat.toFixed(5),
          height,
          operator,
          layer.technology,
          layer.band,
          layer.eirp,
          first + 120 * s,
          Math.round(2 + 6 * rnd()),
          environment,
        ].join(','),
      );
  }
  return `${rows.join('\n')}\n`;
}

if (process.argv[1]?.endsWith('generate-sites.ts'))
  process.stdout.write(nrwSitesCsv(Number(process.argv[2] ?? 3000), Number(process.argv[3] ?? 16)));
