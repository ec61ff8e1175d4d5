import type { Gap } from './gap.js';
import type { Comparison } from './goal.js';
import type { ProjectionStatus } from './projection.js';

/**
 * As of a date, from the latest snapshot on or before it: `met` (met, and when the deadline has passed
 * the latest snapshot on or before the deadline met it too), `met-late` (met, but that snapshot did not,
 * or there is none), `missed` (deadline passed, not met), `on-track` / `off-track` (not met, deadline
 * ahead: the projected date is / is not on or before it), `no-data` (no value: a share without
 * households, a metric the run did not measure); `not-met` (an undated run without an as-of date:
 * the value does not meet the goal; no deadline judged).
 */
export const GOAL_STATUSES = [
  'met',
  'met-late',
  'on-track',
  'off-track',
  'missed',
  'not-met',
  'no-data',
] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface SnapshotValue {
  date: string;
  value: number | null;
}

/** One goal over one scope: the total, or one region. */
export interface ScopeResult {
  /** The region's id, or null for the total. */
  region: string | null;
  name: string | null;
  status: GoalStatus;
  /** As of `as_of`: the value of the latest snapshot on or before it. */
  value: number | null;
  /** Every snapshot on or before `as_of`, oldest first. */
  values: SnapshotValue[];
  /** The first snapshot of the unbroken run of snapshots meeting the goal up to `as_of`; null when not met. */
  reached_on: string | null;
  gap: Gap | null;
  projection: ProjectionStatus;
  projected_date: string | null;
}

/** One goal as evaluated: `summary.json`'s `goals: [...]` (schema/goals-result.schema.json). */
export interface GoalResult {
  id: string;
  title: string;
  metric: string;
  comparison: Comparison;
  /** The goal's value, in the metric's unit. */
  target: number;
  deadline: string;
  scope: 'total' | 'every-region' | string[];
  /** null for an undated run without an as-of date: met or not met by the figures, no deadline judged. */
  as_of: string | null;
  /** For regions: the worst of the regions with a value (missed, off-track, met-late, on-track, met). */
  status: GoalStatus;
  /** For regions: households and km² summed over the regions not meeting it (value null). */
  gap: Gap | null;
  /** For regions: `date` only when every region with a value that is not met has one (the latest). */
  projection: ProjectionStatus;
  projected_date: string | null;
  /** How many scopes (regions) have each status. */
  counts: Record<GoalStatus, number>;
  /** One for `total`, one per region otherwise (in the regions' order). */
  results: ScopeResult[];
}
