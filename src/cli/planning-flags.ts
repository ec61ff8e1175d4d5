import { type ParseArgsConfig, parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { normaliseTechnology } from '../model/coverage.js';
import { nullRecord } from '../model/user-keys.js';
import { MODEL_NAMES, type ModelName } from '../planning/models.js';
import { PREDICT_DEFAULTS, type PredictOptions } from '../planning/predict.js';
import { parseThresholds } from './flag-values.js';

/** The prediction flags `whatif` and `place` share with `predict`. */
export const PREDICTION_FLAGS = {
  model: { type: 'string' },
  threshold: { type: 'string', multiple: true },
  'rx-height': { type: 'string' },
  resolution: { type: 'string' },
  dem: { type: 'string' },
  force: { type: 'boolean' },
  out: { type: 'string' },
} as const;

/**
 * Parses a planning command's flags: one-line errors naming the flag, each flag (but `multiple` ones)
 * at most once, the required ones present.
 */
export function parsePlanningArgs(
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
  required: readonly string[],
  usage: string,
) {
  let parsed: { values: Record<string, unknown>; tokens: { kind: string; name?: string }[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: false,
      tokens: true,
    }) as typeof parsed;
  } catch (error) {
    throw new InputError((error as Error).message.split('\n')[0], { hint: `usage: ${usage}` });
  }
  const multiple = new Set(
    Object.entries(options ?? {}).flatMap(([name, o]) =>
      (o as { multiple?: boolean }).multiple ? [name] : [],
    ),
  );
  const names = parsed.tokens.flatMap((t) =>
    t.kind === 'option' && t.name !== undefined && !multiple.has(t.name) ? [t.name] : [],
  );
  const twice = names.find((name, k) => names.indexOf(name) !== k);
  if (twice !== undefined)
    throw new InputError(`--${twice} is given more than once`, { field: `--${twice}`, hint: 'give it once' });
  const { values } = parsed;
  for (const flag of required)
    if (values[flag] === undefined) throw new InputError(`missing --${flag}`, { hint: `usage: ${usage}` });
  return values;
}

/** The prediction options from `--model`, `--threshold`, `--rx-height`, `--resolution`. */
export function predictionOptions(values: Record<string, unknown>, resolutionM?: number): PredictOptions {
  const model = (values.model as string | undefined) ?? PREDICT_DEFAULTS.model;
  if (model !== 'auto' && !(MODEL_NAMES as readonly string[]).includes(model))
    throw new InputError(`--model must be auto or one of ${MODEL_NAMES.join(', ')}`, {
      field: '--model',
      value: model,
    });
  return {
    model: model as ModelName | 'auto',
    thresholds: technologyKeys(parseThresholds(values.threshold as string[] | undefined)),
    rxHeightM: metres(
      '--rx-height',
      values['rx-height'] as string | undefined,
      PREDICT_DEFAULTS.rxHeightM,
      0.1,
      100,
    ),
    resolutionM: metres(
      '--resolution',
      values.resolution as string | undefined,
      resolutionM ?? PREDICT_DEFAULTS.resolutionM,
      1,
      10_000,
    ),
    radials: PREDICT_DEFAULTS.radials,
  };
}

/** `--threshold 4g=-100` applies to the sites' `LTE`: keys take the technologies' common names. */
export function technologyKeys(
  thresholds: Record<string, number> | undefined,
): Record<string, number> | undefined {
  if (thresholds === undefined) return undefined;
  const named = nullRecord<number>();
  for (const [key, dbm] of Object.entries(thresholds)) named[normaliseTechnology(key)] = dbm;
  return named;
}

/** A number of metres in [min, max] from a flag, or the fallback when the flag is absent. */
export function metres(
  flag: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const value = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max))
    throw new InputError(`${flag} takes metres from ${min} to ${max}`, { field: flag, value: text });
  return value;
}
