import type { InvalidPolicy, Repair, SkipCounts } from '../io/skipped.js';
import type { InputRecord, InvalidSummary } from '../model/summary.js';

/** What one input's reader skipped and repaired. */
export interface InvalidEntry {
  role: InputRecord['role'];
  path: string;
  skipped?: SkipCounts;
  repairs?: Repair[];
}

/** Repairs listed one by one in summary.json; more are only counted. */
const MAX_LISTED_REPAIRS = 1000;

/** The `invalid` section of summary.json, and the households skipped by reason (`skipped`). */
export function invalidSummary(
  policy: InvalidPolicy,
  entries: readonly InvalidEntry[],
): { invalid: InvalidSummary; skippedHouseholds: Record<string, number> } {
  const invalid: InvalidSummary = { policy, skipped: [], repaired: [], repaired_total: 0 };
  const skippedHouseholds: Record<string, number> = {};
  for (const { role, path, skipped, repairs } of entries) {
    for (const [reason, features] of Object.entries(skipped?.reasons ?? {})) {
      const households = skipped?.householdsByReason?.[reason] ?? 0;
      invalid.skipped.push({ role, path, reason, features, households });
      if (role === 'households') skippedHouseholds[reason] = (skippedHouseholds[reason] ?? 0) + households;
    }
    for (const repair of repairs ?? []) {
      invalid.repaired_total++;
      if (invalid.repaired.length === MAX_LISTED_REPAIRS) continue;
      invalid.repaired.push({
        role,
        path,
        feature: repair.feature,
        ...(repair.id === undefined ? {} : { id: repair.id }),
        reason: repair.reason,
        area_before_km2: repair.areaBeforeM2 / 1e6,
        area_after_km2: repair.areaAfterM2 / 1e6,
      });
    }
  }
  return { invalid, skippedHouseholds };
}
