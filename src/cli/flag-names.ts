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
};

/** An option's path as errors write it: no file, value or property of the user's is written so. */
const OPTION_PATH = /(?<![\w.-])(?:read|options)\.[A-Za-z]+(?![\w-])/g;

/** The flag that sets a library option (`read.inputCrs` → `--input-crs`); anything else as given. */
export const flagOf = (option: string): string => FLAG_OF_OPTION[option] ?? option;

/** An InputError's line as the CLI prints it: the library's option names as the CLI's flags. */
export const cliMessage = (error: InputError): string => error.message.replace(OPTION_PATH, flagOf);
