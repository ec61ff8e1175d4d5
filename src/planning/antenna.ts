/**
 * The 3GPP sector antenna pattern (TR 36.814 Table A.2.1.1-2; the same form as TR 38.901 Table 7.3-1):
 * attenuations in dB, positive, relative to the main lobe.
 */

/** Front-to-back ratio A_m and vertical side-lobe level SLA_V (TR 36.814). */
export const MAX_ATTENUATION = 25;
export const VERTICAL_SIDE_LOBE = 20;

/** Default widths when a sector gives none: 65° horizontal (TR 36.814's 3-sector antenna), 10° vertical. */
export const DEFAULT_BEAMWIDTH = 65;
export const DEFAULT_VERTICAL_BEAMWIDTH = 10;

/** A_H(φ) = min(12 (φ/φ3dB)², A_m), φ the angle off boresight in degrees. */
export function horizontalAttenuation(offBoresightDeg: number, beamwidthDeg: number): number {
  const r = offBoresightDeg / beamwidthDeg;
  return Math.min(12 * r * r, MAX_ATTENUATION);
}

/** A_V(θ) = min(12 ((θ − tilt)/θ3dB)², SLA_V), θ the depression angle below the horizon in degrees. */
export function verticalAttenuation(depressionDeg: number, tiltDeg: number, vBeamwidthDeg: number): number {
  const r = (depressionDeg - tiltDeg) / vBeamwidthDeg;
  return Math.min(12 * r * r, VERTICAL_SIDE_LOBE);
}

/** The combined attenuation min(A_H + A_V, A_m). */
export function sectorAttenuation(horizontal: number, vertical: number): number {
  return Math.min(horizontal + vertical, MAX_ATTENUATION);
}

/** The angle between two azimuths in degrees, 0–180. */
export function azimuthOffset(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}
