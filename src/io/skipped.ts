/** Features dropped under `--invalid=skip` (or repaired under `repair`), counted by reason. */
export interface SkipCounts {
  /** Reason (a short stable key such as `self-intersection`) → features. */
  reasons: Record<string, number>;
  /** Households the skipped household features carried (0 for coverage and regions). */
  households: number;
}

export function emptySkipCounts(): SkipCounts {
  return { reasons: {}, households: 0 };
}
