import type { InputError, InputErrorWhere } from '../errors.js';

/** The library's option names (what its errors say) and the CLI flags that set them. */
const FLAG_OF_OPTION: Record<string, string> = {
  'read.inputCrs': '--input-crs',
  'read.householdsCrs': '--households-crs',
  'read.coverageCrs': '--coverage-crs',
  'read.regionsCrs': '--regions-crs',
  'read.householdSize': '--household-size',
  'read.thresholds': '--threshold',
  'read.invalid': '--invalid',
  'read.maxSkipped': '--max-skipped',
  'outputs.outputCrs': '--output-crs',
  'outputs.formats': '--format',
  householdsFormat: '--households-format',
  coverageFormat: '--coverage-format',
  regionsFormat: '--regions-format',
  regionId: '--region-id',
  regionName: '--region-name',
  regionFilter: '--region',
  force: '--force',
  outDir: '--out',
};

/** An option name where it stands as a word of its own (`force`, not `forced`; `read.inputCrs`). */
const OPTION_NAME = new RegExp(
  `(?<![\\w.-])(${Object.keys(FLAG_OF_OPTION)
    .map((name) => name.replace('.', '\\.'))
    .join('|')})(?![\\w-])`,
  'g',
);

/** The option named in a field as its flag (`read.inputCrs` → `--input-crs`); anything else as given. */
export const flagOf = (field: string): string => FLAG_OF_OPTION[field] ?? field;

/**
 * An InputError's line as the CLI prints it: the options its field and hint name, as flags. Only
 * the field and hint are rewritten: the value and the rest came from the user's input.
 */
export function cliMessage(error: InputError): string {
  const where: InputErrorWhere = error.where;
  if (where.field === undefined && where.hint === undefined) return error.message;
  const field = where.field === undefined ? undefined : flagOf(where.field);
  const hint = where.hint?.replace(OPTION_NAME, (name) => FLAG_OF_OPTION[name]);
  if (field === where.field && hint === where.hint) return error.message;
  let message = error.message;
  if (where.hint !== undefined && hint !== undefined && message.endsWith(` — ${where.hint}`))
    message = `${message.slice(0, -where.hint.length)}${hint}`;
  if (where.field !== undefined && field !== undefined)
    message = message.replace(`field ${where.field}`, `field ${field}`);
  return message;
}
