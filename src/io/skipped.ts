import { isInputError } from '../errors.js';
import { TOTAL_CODE } from './household-total.js';

/** What to do with a feature that cannot be used as it is (bad geometry or attribute). */
export type InvalidPolicy = 'fail' | 'skip' | 'repair';

export const INVALID_POLICIES: readonly InvalidPolicy[] = ['fail', 'skip', 'repair'];

/** Features dropped under `--invalid=skip` (or `repair`, for what cannot be repaired), counted by reason. */
export interface SkipCounts {
  /** Reason (a short stable key such as `self-intersection`) → features. */
  reasons: Record<string, number>;
  /** Households the skipped household features carried (0 for coverage and regions). */
  households: number;
  /** The same households by reason. */
  householdsByReason?: Record<string, number>;
}

/** One geometry made valid under `--invalid=repair`, with the area before (shell − holes as given) and after. */
export interface Repair {
  feature: number;
  id?: string | number;
  reason: string;
  areaBeforeM2: number;
  areaAfterM2: number;
}

/**
 * What a reader does with a feature it cannot use, by policy: `fail` rethrows the InputError;
 * `skip` (and `repair`, for what no repair can fix) counts it; repairs are listed.
 */
export class InvalidFeatures {
  readonly skipped: SkipCounts = { reasons: {}, households: 0 };
  readonly repairs: Repair[] = [];

  constructor(readonly policy: InvalidPolicy = 'fail') {}

  /** Counts the feature as skipped, or rethrows: anything but an InputError, a whole-input problem, everything under `fail`. */
  skip(error: unknown, households = 0): void {
    if (this.policy === 'fail' || !isInputError(error) || error.where.code === TOTAL_CODE) throw error;
    const reason = error.where.code ?? 'invalid';
    this.skipped.reasons[reason] = (this.skipped.reasons[reason] ?? 0) + 1;
    this.skipped.households += households;
    this.skipped.householdsByReason ??= {};
    const byReason = this.skipped.householdsByReason;
    byReason[reason] = (byReason[reason] ?? 0) + households;
  }

  repaired(repair: Repair): void {
    this.repairs.push(repair);
  }

  /** The reader's result fields: present only when something was skipped or repaired. */
  report(): { skipped?: SkipCounts; repairs?: Repair[] } {
    return {
      ...(Object.keys(this.skipped.reasons).length > 0 ? { skipped: this.skipped } : {}),
      ...(this.repairs.length > 0 ? { repairs: this.repairs } : {}),
    };
  }
}
