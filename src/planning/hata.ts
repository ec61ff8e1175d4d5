/**
 * Okumura-Hata (Hata 1980, IEEE Trans. Veh. Technol. 29(3)) and its COST-231 extension (COST Action 231
 * final report, 1999, §4.4.3): median path loss in dB. f in MHz, heights in metres, d in metres.
 */

/** The mobile-antenna correction a(hm) for a small or medium city. */
export function mobileCorrectionSmallCity(fMHz: number, hm: number): number {
  const lf = Math.log10(fMHz);
  return (1.1 * lf - 0.7) * hm - (1.56 * lf - 0.8);
}

/** The mobile-antenna correction a(hm) for a large city (Hata's two forms, split at 300 MHz). */
export function mobileCorrectionLargeCity(fMHz: number, hm: number): number {
  return fMHz <= 300 ? 8.29 * Math.log10(1.54 * hm) ** 2 - 1.1 : 3.2 * Math.log10(11.75 * hm) ** 2 - 4.97;
}

/** Hata's urban loss with the given mobile correction: 69.55 + 26.16 log f − 13.82 log hb − a(hm) + (44.9 − 6.55 log hb) log d[km]. */
export function hataUrban(fMHz: number, hb: number, dM: number, aHm: number): number {
  const lhb = Math.log10(hb);
  return 69.55 + 26.16 * Math.log10(fMHz) - 13.82 * lhb - aHm + (44.9 - 6.55 * lhb) * Math.log10(dM / 1000);
}

/** Hata suburban: the urban loss (small-city a(hm)) − 2 (log(f/28))² − 5.4. */
export function hataSuburbanCorrection(fMHz: number): number {
  return -2 * Math.log10(fMHz / 28) ** 2 - 5.4;
}

/** Hata open area: the urban loss (small-city a(hm)) − 4.78 (log f)² + 18.33 log f − 40.94. */
export function hataOpenCorrection(fMHz: number): number {
  const lf = Math.log10(fMHz);
  return -4.78 * lf * lf + 18.33 * lf - 40.94;
}

/** COST-231 Hata: 46.3 + 33.9 log f − 13.82 log hb − a(hm) + (44.9 − 6.55 log hb) log d[km] + Cm. */
export function cost231Hata(fMHz: number, hb: number, dM: number, aHm: number, cm: number): number {
  const lhb = Math.log10(hb);
  return (
    46.3 + 33.9 * Math.log10(fMHz) - 13.82 * lhb - aHm + (44.9 - 6.55 * lhb) * Math.log10(dM / 1000) + cm
  );
}
