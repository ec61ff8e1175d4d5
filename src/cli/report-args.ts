import { InputError } from '../errors.js';
import { LANGS, type Lang } from '../report/labels.js';
import type { ReportOptions } from '../report/report-input.js';

/** `--lang de|en` (default en: the outputs must not depend on the machine's locale). */
export function parseLang(value: string | undefined): Lang {
  const lang = value ?? 'en';
  if (!(LANGS as readonly string[]).includes(lang))
    throw new InputError(`--lang must be one of ${LANGS.join(', ')}`, {
      field: '--lang',
      value,
      hint: 'e.g. --lang de',
    });
  return lang as Lang;
}

/** `--no-report`, `--lang`, `--min-households K`: report.html, or false for none. */
export function parseReportFlags(values: Record<string, unknown>): false | Required<ReportOptions> {
  const lang = parseLang(values.lang as string | undefined);
  const given = values['min-households'] as string | undefined;
  const minHouseholds = given === undefined ? 0 : /^\d+$/.test(given.trim()) ? Number(given) : Number.NaN;
  if (!Number.isSafeInteger(minHouseholds))
    throw new InputError('--min-households must be a whole number of households ≥ 0', {
      field: '--min-households',
      value: given,
      hint: 'e.g. --min-households 10 hides dead zones with fewer than 10 households from the report',
    });
  if (values['no-report'] === true) {
    if (values.lang !== undefined || given !== undefined)
      throw new InputError('--lang and --min-households apply to the report, which --no-report turns off', {
        field: values.lang !== undefined ? '--lang' : '--min-households',
        hint: 'drop --no-report, or the report flags',
      });
    return false;
  }
  return { lang, minHouseholds };
}
