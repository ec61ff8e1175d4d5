import { type Aggregate, aggregate, type RegionGeometry } from '../analysis/aggregate.js';
import type { HouseholdCounts } from '../analysis/household-counts.js';
import { DEFAULT_REGION_ID } from '../model/region-fields.js';
import type { Regions } from '../model/regions.js';
import type { DeadZone } from '../model/stats.js';
import { type InputRecord, type InvalidSummary, SUMMARY_SCHEMA, type Summary } from '../model/summary.js';
import { invalidSummary } from './invalid-summary.js';
import type { AnalyzeOptions } from './options.js';
import type { Inputs } from './read-inputs.js';
import type { RunProfile } from './stage-profile.js';
import { toolInfo } from './tool-version.js';
import { householdWarnings, skipWarnings } from './warnings.js';

export interface AnalysisResult {
  summary: Summary;
  regions: Regions;
  /** Sorted: most households first, then largest area. */
  deadZones: DeadZone[];
  /** With `profile: true`: each stage's wall time and each thread's busy time in it. */
  profile?: RunProfile;
}

/** The run's result from its stages' products: the figures (aggregate), the summary around them. */
export function resultOf(
  inputs: Inputs,
  counted: HouseholdCounts,
  geometry: readonly RegionGeometry[],
  options: Pick<AnalyzeOptions, 'regionId' | 'regionFilter' | 'read'>,
): AnalysisResult {
  const invalid = invalidSummary(options.read?.invalid ?? 'fail', inputs.invalid);
  const skipped = Object.values(invalid.skippedHouseholds).reduce((sum, n) => sum + n, 0);
  const { households, coverage, regions } = inputs;
  const figures = aggregate({ households, layers: coverage.layers, regions, counted, geometry, skipped });
  const summary = buildSummary(inputs, figures, invalid, options);
  return { summary, regions: figures.regions, deadZones: figures.deadZones };
}

const householdsPath = (records: readonly InputRecord[]) =>
  records.find((r) => r.role === 'households')?.path ?? 'households';

/** `summary.json`: the run's figures with its inputs, options, what was skipped, and the warnings. */
function buildSummary(
  inputs: Inputs,
  figures: Aggregate,
  invalid: { invalid: InvalidSummary; skippedHouseholds: Record<string, number> },
  options: Pick<AnalyzeOptions, 'regionId' | 'regionFilter'>,
): Summary {
  const { totals, balance } = figures;
  return {
    schema: SUMMARY_SCHEMA,
    generated_at: new Date().toISOString(),
    tool: toolInfo(),
    inputs: inputs.records,
    options: {
      region_id: options.regionId ?? DEFAULT_REGION_ID,
      region_name: inputs.regions.nameField ?? options.regionId ?? DEFAULT_REGION_ID,
      ...(options.regionFilter ? { region_filter: [...new Set(options.regionFilter)] } : {}),
    },
    coverage_semantics: inputs.coverageSemantics,
    totals,
    regions: figures.regionStats,
    outside_regions: figures.outside,
    skipped: invalid.skippedHouseholds,
    invalid: invalid.invalid,
    warnings: [
      ...inputs.warnings,
      ...skipWarnings(inputs.invalid, inputs.records),
      ...householdWarnings(balance.read, totals.households, householdsPath(inputs.records)),
    ],
    households_balance: balance,
  };
}
