import { describe, expect, it } from 'vitest';
import { autoModel, MODELS } from '../../src/planning/models.js';
import {
  rmaBreakpoint,
  rmaLos,
  rmaNlos,
  umaBreakpoint,
  umaLos,
  umaNlos,
} from '../../src/planning/tr38901.js';

// Hand values from the published formulas (log = log10), worked to 3 decimals.
describe('Okumura-Hata', () => {
  it('urban, small/medium city: 900 MHz, base 30 m, mobile 1.5 m, 1 km → 126.40 dB', () => {
    // a(hm) = (1.1·2.95424 − 0.7)·1.5 − (1.56·2.95424 − 0.8) = 3.82450 − 3.80862 = 0.01588
    // L = 69.55 + 26.16·2.95424 − 13.82·1.47712 − 0.01588 + (44.9 − 6.55·1.47712)·log 1 = 126.403
    expect(MODELS['hata-urban'].loss(900, 30, 1.5)(1000)).toBeCloseTo(126.403, 3);
  });
  it('urban, large city: a(hm) = 3.2 (log 11.75·1.5)² − 4.97 = −0.00092 → 126.420 dB', () => {
    expect(MODELS['hata-urban-large'].loss(900, 30, 1.5)(1000)).toBeCloseTo(126.42, 3);
  });
  it('suburban: 126.403 − 2 (log 900/28)² − 5.4 = 126.403 − 4.543 − 5.4 = 116.461 dB', () => {
    expect(MODELS['hata-suburban'].loss(900, 30, 1.5)(1000)).toBeCloseTo(116.461, 3);
  });
  it('open: 126.403 − 4.78·2.95424² + 18.33·2.95424 − 40.94 = 97.897 dB', () => {
    expect(MODELS['hata-open'].loss(900, 30, 1.5)(1000)).toBeCloseTo(97.897, 3);
  });
  it('grows by (44.9 − 6.55 log hb) dB a decade of distance', () => {
    const loss = MODELS['hata-urban'].loss(900, 30, 1.5);
    expect(loss(10_000) - loss(1000)).toBeCloseTo(44.9 - 6.55 * Math.log10(30), 9);
  });
});

describe('COST-231 Hata', () => {
  it('1800 MHz, base 30 m, mobile 1.5 m, 5 km: suburban 160.818 dB, urban (Cm = 3) 163.818 dB', () => {
    // a(hm) = (1.1·3.25527 − 0.7)·1.5 − (1.56·3.25527 − 0.8) = 0.04297
    // L = 46.3 + 33.9·3.25527 − 13.82·1.47712 − 0.04297 + (44.9 − 6.55·1.47712)·log 5 + Cm
    //   = 46.3 + 110.354 − 20.414 − 0.043 + 35.225·0.69897 = 160.818 (+ 3 urban)
    expect(MODELS['cost231-suburban'].loss(1800, 30, 1.5)(5000)).toBeCloseTo(160.818, 3);
    expect(MODELS['cost231-urban'].loss(1800, 30, 1.5)(5000)).toBeCloseTo(163.818, 3);
  });
});

describe('3GPP TR 38.901', () => {
  it('UMa, 3.5 GHz, hBS 25 m, hUT 1.5 m: breakpoint, LOS and NLOS', () => {
    // d'BP = 4·24·0.5·3.5e9 / 299792458 = 560.388 m
    expect(umaBreakpoint(3.5, 25, 1.5)).toBeCloseTo(560.388, 3);
    // 100 m (< d'BP): d3 = √(100² + 23.5²) = 102.724; 28 + 22 log d3 + 20 log 3.5 = 83.138
    expect(umaLos(3.5, 25, 1.5, 100)).toBeCloseTo(83.138, 3);
    // 1 km: d3 = 1000.276; LOS = 28 + 40 log d3 + 20 log 3.5 − 9 log(560.388² + 23.5²) = 109.406
    expect(umaLos(3.5, 25, 1.5, 1000)).toBeCloseTo(109.406, 3);
    // NLOS' = 13.54 + 39.08 log d3 + 20 log 3.5 − 0.6·0 = 141.666 = max(LOS, NLOS')
    expect(umaNlos(3.5, 25, 1.5, 1000)).toBeCloseTo(141.666, 3);
  });
  it('RMa, 3.5 GHz, hBS 35 m, hUT 1.5 m, h 5 m, W 20 m: breakpoint, LOS and NLOS', () => {
    // dBP = 2π·35·1.5·3.5e9 / 299792458 = 3851.115 m
    expect(rmaBreakpoint(3.5, 35, 1.5)).toBeCloseTo(3851.115, 3);
    // 500 m: d3 = 501.121; h^1.72 = 15.930; PL1 = 20 log(40π·d3·3.5/3) + 0.478 log d3 − 0.701 + 0.002 log 5 · d3 = 98.612
    expect(rmaLos(3.5, 35, 1.5, 500)).toBeCloseTo(98.612, 3);
    // 2 km: LOS 113.018; NLOS' = 161.04 − 7.1 log 20 + 7.5 log 5 − (24.37 − 3.7 (5/35)²) log 35
    //   + (43.42 − 3.1 log 35)(log d3 − 3) + 20 log 3.5 − (3.2 (log 17.625)² − 4.97) = 142.047
    expect(rmaLos(3.5, 35, 1.5, 2000)).toBeCloseTo(113.018, 3);
    expect(rmaNlos(3.5, 35, 1.5, 2000)).toBeCloseTo(142.047, 3);
  });
  it('RMa takes LOS within 10 + 1000 ln 2 = 703.1 m (P_LOS = 0.5) and NLOS beyond', () => {
    const loss = MODELS['38901-rma'].loss(3500, 35, 1.5);
    expect(loss(700)).toBeCloseTo(rmaLos(3.5, 35, 1.5, 700), 9);
    expect(loss(710)).toBeCloseTo(rmaNlos(3.5, 35, 1.5, 710), 9);
  });
  it('UMa switches to NLOS near 70 m at hUT 1.5 m', () => {
    const loss = MODELS['38901-uma'].loss(3500, 25, 1.5);
    expect(loss(60)).toBeCloseTo(umaLos(3.5, 25, 1.5, 60), 9);
    expect(loss(80)).toBeCloseTo(umaNlos(3.5, 25, 1.5, 80), 9);
  });
});

describe('--model auto', () => {
  it('picks Hata to 1500 MHz, COST-231 to 2000 MHz, TR 38.901 above', () => {
    expect(autoModel(800, 'urban')).toBe('hata-urban');
    expect(autoModel(800, 'suburban')).toBe('hata-suburban');
    expect(autoModel(700, 'open')).toBe('hata-open');
    expect(autoModel(1800, 'urban')).toBe('cost231-urban');
    expect(autoModel(1800, 'open')).toBe('cost231-suburban');
    expect(autoModel(2600, 'urban')).toBe('38901-uma');
    expect(autoModel(3600, 'suburban')).toBe('38901-rma');
  });
});
