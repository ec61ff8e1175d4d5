import type { Aggregate } from '../analysis/aggregate.js';
import { type InputRecord, type InvalidSummary, SUMMARY_SCHEMA, type Summary } from '../model/summary.js';
import type { AnalyzeOptions } from './options.js';
import type { Inputs } from './read-inputs.js';
import { toolInfo } from './tool-version.js';
import { householdWarnings, skipWarnings } from './warnings.js';

const householdsPath = (records: readonly InputRecord[]) =>
  records.find((r) => r.role === 'households')?.path ?? 'households';

/** `summary.json`: the run's figures with its inputs, options, what was skipped, and the warnings. */
export function buildSummary(
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
      region_id: options.regionId ?? 'id',
      region_name: inputs.regions.nameField ?? options.regionId ?? 'id',
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
