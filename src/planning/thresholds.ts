/** Default coverage thresholds per technology, with where each comes from (stated in predict.json). */
export interface ThresholdDefault {
  dbm: number;
  source: string;
}

export const DEFAULT_THRESHOLDS: Readonly<Record<string, ThresholdDefault>> = {
  lte: {
    dbm: -105,
    source:
      "RSRP outdoors; Ofcom's threshold for good 4G data coverage outdoors (Connected Nations; the 700 MHz award's coverage obligation)",
  },
  '5g': {
    dbm: -105,
    source:
      "SS-RSRP outdoors; no regulator publishes a 5G figure we could cite, so LTE's RSRP threshold (both per resource element)",
  },
};

/** The threshold for a technology: the user's, else the default; undefined when neither. */
export function thresholdFor(
  technology: string,
  given: Readonly<Record<string, number>> | undefined,
): { dbm: number; source: string } | undefined {
  const user = given?.[technology];
  if (user !== undefined) return { dbm: user, source: '--threshold' };
  return Object.hasOwn(DEFAULT_THRESHOLDS, technology) ? DEFAULT_THRESHOLDS[technology] : undefined;
}
