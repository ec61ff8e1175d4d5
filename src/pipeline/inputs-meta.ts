import type { Layer } from '../model/coverage.js';
import type { InputRecord, SummaryWarning } from '../model/summary.js';
import type { InvalidEntry } from './invalid-summary.js';
import type { Inputs } from './read-inputs.js';

/** What the figures need of a snapshot's inputs besides the columns: records, warnings, layers. */
export interface InputsMeta {
  coverageSemantics: Inputs['coverageSemantics'];
  layers: Layer[];
  records: InputRecord[];
  invalid: InvalidEntry[];
  warnings: SummaryWarning[];
  selected?: number[];
}

/** A snapshot's inputs from their plain data and the columns at hand (a share's, or a merge's stand-ins). */
export function inputsFromMeta(
  meta: InputsMeta,
  columns: Pick<Inputs, 'households' | 'coverage' | 'regions'>,
): Inputs {
  return {
    ...columns,
    coverageSemantics: meta.coverageSemantics,
    records: meta.records,
    invalid: meta.invalid,
    warnings: meta.warnings,
    ...(meta.selected ? { selected: meta.selected } : {}),
  };
}

/** A snapshot's inputs without their columns, as plain data (for a distributed job's files). */
export function inputsMeta(inputs: Inputs): InputsMeta {
  return {
    coverageSemantics: inputs.coverageSemantics,
    layers: inputs.coverage.layers.map((l) => ({ operator: l.operator, technology: l.technology })),
    records: inputs.records,
    invalid: inputs.invalid.map(({ role, path, skipped, repairs }) => ({ role, path, skipped, repairs })),
    warnings: inputs.warnings,
    ...(inputs.selected ? { selected: [...inputs.selected] } : {}),
  };
}
