import { describe, expect, it } from 'vitest';
import { bullingtonLoss, knifeEdgeLoss } from '../../src/planning/terrain.js';

describe('knife-edge diffraction (ITU-R P.526-15)', () => {
  it('J(0) = 6.9 + 20 log(√1.01 − 0.1) = 6.03 dB; none below ν = −0.78', () => {
    expect(knifeEdgeLoss(0)).toBeCloseTo(6.033, 3);
    expect(knifeEdgeLoss(-0.8)).toBe(0);
  });

  it('a ridge between site and receiver adds the knife-edge loss computed by hand', () => {
    // Tx 30 m, Rx 1.5 m over flat ground at 0 m, 10 km apart, a 50 m ridge at 5 km, 900 MHz (λ = 0.333103 m).
    // Earth bulge at 5 km: 500·5·5/8500 = 1.4706 m. Stim = (51.4706 − 30)/5 = 4.2941; Str = −2.85 < Stim: NLOS.
    // Srim = (51.4706 − 1.5)/5 = 9.9941; d_bp = (1.5 − 30 + 99.941)/14.2882 = 5 km;
    // h = 30 + 4.2941·5 − (30·5 + 1.5·5)/10 = 35.7206 m; ν = h·√(0.002·10/(λ·5·5)) = 1.75055;
    // J = 6.9 + 20 log(√(1.65055² + 1) + 1.65055) = 17.979 dB; L = J + (1 − e^(−J/6))(10 + 0.2) = 27.669 dB.
    const d = [0, 2.5, 5, 7.5, 10];
    const h = [0, 0, 50, 0, 0];
    expect(bullingtonLoss(d, h, 30, 1.5, 900)).toBeCloseTo(27.669, 3);
  });

  it('adds nothing where the ray clears the terrain by far (ν ≤ −0.78)', () => {
    // Both antennas 30 m, a 10 m hill at 5 km: clearance −18.53 m, ν = −0.908.
    expect(bullingtonLoss([0, 5, 10], [0, 10, 0], 30, 30, 900)).toBe(0);
  });
});
