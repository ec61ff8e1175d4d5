import { InputError } from '../errors.js';
import { runPlace } from '../pipeline/place-run.js';
import type { SiteTemplate } from '../planning/candidates.js';
import { OBJECTIVES, type Objective } from '../planning/objective.js';
import { metres, PREDICTION_FLAGS, parsePlanningArgs, predictionOptions } from './planning-flags.js';
import type { TextSink } from './progress-reporter.js';

export const PLACE_USAGE =
  'funkatlas place --base RUN_DIR --candidates FILE|grid:500m --k N --out DIR [--objective white|grey|5g] [--operator NAME] [--region ID[,ID…]] [--template height_m=30,band_mhz=800,eirp_dbm=33] [--rank-resolution M] [--model …] [--threshold TECH=DBM …] [--resolution M] [--dem FILE] [--workers N] [--force]';

/** `funkatlas place`: the k candidate sites that close the most households of the objective (greedy, CELF). */
export async function placeCommand(argv: readonly string[], io: { stdout: TextSink }): Promise<number> {
  const values = parsePlanningArgs(
    argv,
    {
      ...PREDICTION_FLAGS,
      base: { type: 'string' },
      candidates: { type: 'string' },
      k: { type: 'string' },
      objective: { type: 'string' },
      operator: { type: 'string' },
      region: { type: 'string', multiple: true },
      template: { type: 'string' },
      'rank-resolution': { type: 'string' },
      workers: { type: 'string' },
    },
    ['base', 'candidates', 'k', 'out'],
    PLACE_USAGE,
  );
  const objective = (values.objective as string | undefined) ?? 'white';
  if (!(OBJECTIVES as readonly string[]).includes(objective))
    throw new InputError(`--objective must be one of ${OBJECTIVES.join(', ')}`, {
      field: '--objective',
      value: objective,
    });
  const k = wholeNumber('--k', values.k as string, 1, 10_000);
  const options = predictionOptions(values);
  const regions = ((values.region as string[] | undefined) ?? [])
    .flatMap((v) => v.split(','))
    .filter((v) => v !== '');
  const { result, byRegion, files } = await runPlace({
    base: values.base as string,
    candidates: values.candidates as string,
    k,
    objective: objective as Objective,
    ...(values.operator === undefined ? {} : { operator: values.operator as string }),
    regions,
    ...(values.template === undefined ? {} : { template: parseTemplate(values.template as string) }),
    out: values.out as string,
    force: values.force === true,
    ...(values.dem === undefined ? {} : { dem: values.dem as string }),
    options,
    rankResolutionM: metres(
      '--rank-resolution',
      values['rank-resolution'] as string | undefined,
      Math.max(200, options.resolutionM),
      1,
      10_000,
    ),
    ...(values.workers === undefined
      ? {}
      : { workers: wholeNumber('--workers', values.workers as string, 0, 256) }),
  });
  const what = {
    white: 'white spots (no LTE)',
    grey: 'grey spots (one operator)',
    '5g': 'households without 5G',
  }[objective as Objective];
  const total = result.sites.at(-1)?.cumulative ?? 0;
  const lines = [
    `placed ${result.sites.length} of ${result.candidates} candidate site(s) against ${what}: ${total} of ${result.objectiveHouseholds} households closed (predicted, not measured)`,
    `  greedy (CELF): at least 63.2 % of the best ${k} candidates; upper bound at the ranking resolution ${Math.round(result.greedy.upperBound)} households`,
    '  rank  site                      marginal  cumulative',
    ...result.sites.map(
      (s) =>
        `  ${String(s.rank).padStart(4)}  ${s.predicted.site.id.padEnd(24).slice(0, 24)}  ${String(s.marginal).padStart(8)}  ${String(s.cumulative).padStart(10)}`,
    ),
    ...(byRegion.length > 0
      ? ['  households closed per region:', ...byRegion.map((r) => `    ${r.id} ${r.name}: ${r.households}`)]
      : []),
    ...(result.sites.length === 0
      ? [
          "  note: no candidate closes any household of the objective (outside the base's area, lon and lat swapped, or none left to close)",
        ]
      : []),
    ...files.map((f) => `  wrote ${f}`),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(n >= min && n <= max))
    throw new InputError(`${flag} takes a whole number from ${min} to ${max}`, { field: flag, value: text });
  return n;
}

const TEMPLATE_KEYS: Record<string, keyof SiteTemplate> = {
  height_m: 'heightM',
  band_mhz: 'bandMHz',
  eirp_dbm: 'eirpDbm',
  technology: 'technology',
};

/** The ranges a sites file allows (planning/site.ts). */
const TEMPLATE_RANGES = { heightM: [0.1, 1000], bandMHz: [1, 100_000], eirpDbm: [-99, 149] } as const;

/** `height_m=30,band_mhz=800,eirp_dbm=33,technology=LTE`: a generated grid's masts. */
function parseTemplate(text: string): Partial<SiteTemplate> {
  const template: Partial<Record<keyof SiteTemplate, string | number>> = {};
  for (const part of text.split(',')) {
    const [key, value] = part.split('=').map((s) => s.trim());
    const field = TEMPLATE_KEYS[key ?? ''];
    if (field === undefined || value === undefined || value === '')
      throw new InputError(`--template takes ${Object.keys(TEMPLATE_KEYS).join(', ')} as KEY=VALUE`, {
        field: '--template',
        value: part,
      });
    if (field === 'technology') template[field] = value;
    else {
      const [min, max] = TEMPLATE_RANGES[field as keyof typeof TEMPLATE_RANGES];
      const n = Number(value);
      if (!(n >= min && n <= max))
        throw new InputError(`must be a number from ${min} to ${max}`, { field: `--template ${key}`, value });
      template[field] = n;
    }
  }
  return template as Partial<SiteTemplate>;
}
