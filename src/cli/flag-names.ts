import type { InputError } from '../errors.js';

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
  'options.householdsFormat': '--households-format',
  'options.coverageFormat': '--coverage-format',
  'options.regionsFormat': '--regions-format',
  'options.regionFilter': '--region',
  'options.outputCrs': '--output-crs',
  'options.asOf': '--as-of',
  'options.rollup': '--rollup',
  'options.margin': '--margin',
};

/** An option's path as errors write it: no file, value or property of the user's is written so. */
const OPTION_PATH = /(?<![\w.-])(?:read|options)\.[A-Za-z]+(?![\w-])/g;

/** The flag that sets a library option (`read.inputCrs` → `--input-crs`); anything else as given. */
const flagOf = (option: string): string => FLAG_OF_OPTION[option] ?? option;

/** Our text with the library's option names as the CLI's flags. */
const inFlags = (text: string): string => text.replace(OPTION_PATH, flagOf);

/**
 * An InputError as the CLI says it: the options its problem, field and hint name as flags. The file
 * and the value are the user's and stay as they are (a value "read.invalid" is not a flag). An error
 * that lost its problem on the way (a thread) was said so already where it was thrown.
 */
export const forCli = (error: InputError): InputError => error.reworded(inFlags);
