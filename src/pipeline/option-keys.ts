import { InputError } from '../errors.js';

/** Where the options a caller may have put in the wrong place do belong. */
const BELONGS = new Map<string, string>([
  ['inputCrs', 'read.inputCrs'],
  ['householdsCrs', 'read.householdsCrs'],
  ['coverageCrs', 'read.coverageCrs'],
  ['regionsCrs', 'read.regionsCrs'],
  ['invalid', 'read.invalid'],
  ['maxSkipped', 'read.maxSkipped'],
  ['householdSize', 'read.householdSize'],
  ['thresholds', 'read.thresholds'],
  ['csvDialect', "writeOutputs()'s options"],
  ['formats', "writeOutputs()'s options"],
  ['outputCrs', "writeOutputs()'s options"],
  ['force', "writeOutputs()'s options"],
]);

/**
 * Refuses option names a function does not take: from JavaScript (no type check) an option in the
 * wrong place, `analyze({ csvDialect })`, would otherwise be dropped without a word.
 */
export function checkOptionKeys(options: object, known: readonly string[], where: string): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const home = BELONGS.get(key);
    throw new InputError(`${where} takes no option ${JSON.stringify(key)}`, {
      field: key,
      hint: home ? `it belongs in ${home}` : `its options are ${known.join(', ')}`,
    });
  }
}
