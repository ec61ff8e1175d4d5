import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { runPredict } from '../pipeline/predict-run.js';
import { parseMarginFlag, signedDb } from '../planning/margin-levels.js';
import { isMarginFile } from '../planning/margin-predict.js';
import { MODEL_NAMES, type ModelName } from '../planning/models.js';
import { PREDICT_DEFAULTS, type PredictOptions } from '../planning/predict.js';
import { type Site, totalEirpNote } from '../planning/site.js';
import { joinNegativeValues, parseThresholds } from './flag-values.js';
import { metres, technologyKeys } from './planning-flags.js';
import type { TextSink } from './progress-reporter.js';

export const PREDICT_USAGE =
  'funkatlas predict --sites FILE --out DIR [--model auto|NAME] [--threshold TECH=DBM ...] [--rx-height M] [--resolution M] [--dem FILE] [--households FILE] [--margin DB[,DB]] [--force]';

/** `funkatlas predict`: antenna sites → predicted coverage polygons per operator × technology. */
export async function predictCommand(argv: readonly string[], io: { stdout: TextSink }): Promise<number> {
  const { sites, out, force, options, households, margin, dem } = parsePredictArgs(argv);
  const result = await runPredict({
    sites,
    out,
    force,
    options,
    ...(households ? { households } : {}),
    ...(margin ? { margin } : {}),
    ...(dem ? { dem } : {}),
  });
  const count = result.layers.reduce((n, l) => n + l.sites.length, 0);
  const extrapolated = result.layers.reduce(
    (n, l) => n + l.sites.filter((p) => p.extrapolation.length > 0).length,
    0,
  );
  const lines = [
    `predicted ${count} site(s) in ${result.layers.length} layer(s) (operator × technology); predicted, not measured`,
    ...(extrapolated > 0
      ? [`  ${extrapolated} site(s) reach beyond their model's distances: see predict.json`]
      : []),
    ...eirpNote(result.layers.flatMap((l) => l.sites.map((p) => p.site))),
    ...result.files.map((f) => `  wrote ${f}`),
    ...(margin
      ? [
          `  margin levels ${(result.margins ?? []).map((m) => `${signedDb(m.marginDb).replace('-', '−')} dB`).join(', ')} (+: threshold higher, stricter): analyze --margin ${margin.join(',')} reads them`,
        ]
      : []),
    `  analyze with ${result.files
      .filter((f) => f.endsWith('.geojson') && !isMarginFile(f))
      .map((f) => `--coverage ${f}`)
      .join(' ')}`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function parsePredictArgs(argv: readonly string[]): {
  sites: string;
  out: string;
  force: boolean;
  options: PredictOptions;
  households?: string;
  margin?: number[];
  dem?: string;
} {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new InputError((error as Error).message.split('\n')[0], { hint: `usage: ${PREDICT_USAGE}` });
  }
  const { values, tokens } = parsed;
  const names = tokens.flatMap((t) => (t.kind === 'option' && t.name !== 'threshold' ? [t.name] : []));
  const twice = names.find((name, k) => names.indexOf(name) !== k);
  if (twice !== undefined)
    throw new InputError(`--${twice} is given more than once`, { field: `--${twice}`, hint: 'give it once' });
  for (const flag of ['sites', 'out'] as const)
    if (values[flag] === undefined)
      throw new InputError(`missing --${flag}`, { hint: `usage: ${PREDICT_USAGE}` });
  const model = values.model ?? PREDICT_DEFAULTS.model;
  if (model !== 'auto' && !(MODEL_NAMES as readonly string[]).includes(model))
    throw new InputError(`--model must be auto or one of ${MODEL_NAMES.join(', ')}`, {
      field: '--model',
      value: model,
    });
  return {
    sites: values.sites as string,
    out: values.out as string,
    force: values.force === true,
    ...(values.households === undefined ? {} : { households: values.households }),
    ...(values.margin === undefined ? {} : { margin: parseMarginFlag(values.margin, '--margin') }),
    ...(values.dem === undefined ? {} : { dem: values.dem }),
    options: {
      model: model as ModelName | 'auto',
      thresholds: technologyKeys(parseThresholds(values.threshold)),
      rxHeightM: metres('--rx-height', values['rx-height'], PREDICT_DEFAULTS.rxHeightM, 0.1, 100),
      resolutionM: metres('--resolution', values.resolution, PREDICT_DEFAULTS.resolutionM, 1, 10_000),
      radials: PREDICT_DEFAULTS.radials,
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: joinNegativeValues(argv),
    options: {
      sites: { type: 'string' },
      out: { type: 'string' },
      model: { type: 'string' },
      threshold: { type: 'string', multiple: true },
      'rx-height': { type: 'string' },
      resolution: { type: 'string' },
      dem: { type: 'string' },
      households: { type: 'string' },
      margin: { type: 'string' },
      force: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
    tokens: true,
  });
}

function eirpNote(sites: readonly Site[]): string[] {
  const note = totalEirpNote(sites);
  return note ? [`  note: ${note}`] : [];
}
