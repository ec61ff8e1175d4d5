import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSites } from '../../src/io/sites-read.js';
import { PREDICT_DEFAULTS, predictSite } from '../../src/planning/predict.js';
import { checkSites } from '../../src/planning/site.js';
import { tempDir } from '../helpers.js';

const HEADER = 'site_id,lon,lat,height_m,operator,technology,band_mhz,eirp_dbm,azimuth_deg,environment';

function sitesFile(rows: string[], name = 'sites.csv', header = HEADER): string {
  const path = join(tempDir(), name);
  writeFileSync(path, `${[header, ...rows].join('\n')}\n`);
  return path;
}

const sitesOf = (path: string) => checkSites(readSites(path).sites);
const options = { ...PREDICT_DEFAULTS, model: 'auto' as const };

/** The error a call throws, checked to be one line. */
function errorOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    const message = (error as Error).message;
    expect((error as Error).name).toBe('InputError');
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('did not throw');
}

describe('sites', () => {
  it('reads CSV: omnidirectional without azimuth, sectors with it; environment defaults to suburban', () => {
    const [omni, sector] = sitesOf(
      sitesFile(['A,7.1,51.1,30,Telekom,LTE,800,30,,', 'B,7.2,51.2,40,Telekom,5G NR,3600,35,400,urban']),
    );
    expect(omni).toMatchObject({
      id: 'A',
      technology: 'lte',
      environment: 'suburban',
      environmentFrom: 'default',
    });
    expect(omni.azimuthDeg).toBeUndefined();
    expect(sector).toMatchObject({ azimuthDeg: 40, beamwidthDeg: 65, tiltDeg: 0, vBeamwidthDeg: 10 });
  });

  it('reads GeoJSON points', () => {
    const path = join(tempDir(), 'sites.geojson');
    const properties = {
      site_id: 'G',
      height_m: 30,
      operator: 'O',
      technology: 'LTE',
      band_mhz: 800,
      eirp_dbm: 30,
    };
    writeFileSync(
      path,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [7, 51] } }],
      }),
    );
    expect(sitesOf(path)[0]).toMatchObject({ id: 'G', lon: 7, lat: 51, where: { feature: 0 } });
  });

  it('refuses a bad value naming file, line, site, field and value', () => {
    const path = sitesFile(['A,7.1,51.1,30,Telekom,LTE,800,30,,', 'B,7.2,51.2,thirty,Telekom,LTE,800,30,,']);
    expect(errorOf(() => sitesOf(path))).toBe(
      `${path}, line 3, id "B", field height_m: height_m must be metres above ground, above 0 and at most 1000 (value: "thirty")`,
    );
  });

  it('refuses a missing column and an unknown environment', () => {
    const missing = sitesFile(
      ['A,7.1,51.1,30,Telekom,LTE,800'],
      'a.csv',
      HEADER.replace(',eirp_dbm,azimuth_deg,environment', ''),
    );
    expect(errorOf(() => sitesOf(missing))).toContain(
      'line 1, field eirp_dbm: the sites file has no eirp_dbm column',
    );
    const city = sitesFile(['A,7.1,51.1,30,Telekom,LTE,800,30,,metropolis']);
    expect(errorOf(() => sitesOf(city))).toContain(
      'field environment: environment must be one of urban, suburban, open',
    );
  });
});

describe('model ranges', () => {
  it('refuses a 3.5 GHz site with Hata, naming the site and band_mhz', () => {
    const [site] = sitesOf(sitesFile(['C,7.1,51.1,30,Vodafone,5G,3500,35,,']));
    const message = errorOf(() => predictSite(site, { ...options, model: 'hata-urban' }));
    expect(message).toContain(
      'line 2, id "C", field band_mhz: 3500 MHz is outside hata-urban\'s range 150–1500 MHz',
    );
  });

  it('refuses a 250 m base with Hata, naming height_m', () => {
    const [site] = sitesOf(sitesFile(['T,7.1,51.1,250,Telekom,LTE,800,30,,']));
    expect(errorOf(() => predictSite(site, options))).toContain(
      'id "T", field height_m: 250 m is outside hata-suburban\'s range 30–200 m',
    );
  });

  it('refuses a technology without a threshold, and takes one from --threshold', () => {
    const [site] = sitesOf(sitesFile(['U,7.1,51.1,30,Telekom,UMTS,900,30,,']));
    expect(errorOf(() => predictSite(site, options))).toContain('give one: --threshold umts=-95');
    expect(predictSite(site, { ...options, thresholds: { umts: -100 } }).thresholdDbm).toBe(-100);
  });

  it("says when the edge lies inside the model's minimum distance", () => {
    const [site] = sitesOf(sitesFile(['W,7.1,51.1,30,Telekom,LTE,800,10,,']));
    const predicted = predictSite(site, options);
    expect(predicted.extrapolation[0]).toMatch(
      /^edge within hata-suburban's minimum distance 1000 m on 360 of 360 radials$/,
    );
  });
});
