import { InputError } from '../errors.js';
import { runWhatIf } from '../pipeline/whatif-run.js';
import type { PredictedSite } from '../planning/predict.js';
import { totalEirpNote } from '../planning/site.js';
import { PREDICTION_FLAGS, parsePlanningArgs, predictionOptions } from './planning-flags.js';
import type { TextSink } from './progress-reporter.js';

export const WHATIF_USAGE =
  'funkatlas whatif --base RUN_DIR [--add SITES] [--remove SITE_ID[,SITE_ID…]] --out DIR [--model auto|NAME] [--threshold TECH=DBM ...] [--rx-height M] [--resolution M] [--dem FILE] [--workers N] [--force]';

/** `funkatlas whatif`: what adding (and removing) sites does to a finished run's households and dead zones. */
export async function whatIfCommand(argv: readonly string[], io: { stdout: TextSink }): Promise<number> {
  const values = parsePlanningArgs(
    argv,
    {
      ...PREDICTION_FLAGS,
      base: { type: 'string' },
      add: { type: 'string' },
      remove: { type: 'string', multiple: true },
      workers: { type: 'string' },
    },
    ['base', 'out'],
    WHATIF_USAGE,
  );
  const remove = ((values.remove as string[] | undefined) ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const { result, added, reached, files } = await runWhatIf({
    base: values.base as string,
    ...(values.add === undefined ? {} : { add: values.add as string }),
    remove,
    out: values.out as string,
    force: values.force === true,
    ...(values.dem === undefined ? {} : { dem: values.dem as string }),
    options: predictionOptions(values),
    ...(values.workers === undefined ? {} : { workers: workerCount(values.workers as string) }),
  });
  const t = result.total;
  const pct = (n: number, d: number) => (d > 0 ? `${((100 * n) / d).toFixed(1)} %` : '–');
  const households = t.before.households_lte + t.before.households_no_lte;
  const lines = [
    `what if: ${added.length} site(s) added, ${remove.length} removed (predicted, not measured)`,
    `  households newly with LTE  ${t.newly_lte}${t.lost_lte ? `   losing LTE ${t.lost_lte}` : ''}`,
    `  households newly with 5G   ${t.newly_5g}${t.lost_5g ? `   losing 5G ${t.lost_5g}` : ''}`,
    `  white spots closed         ${t.white_spots_closed} (white spots ${t.before.households_no_lte} → ${t.after.households_no_lte})`,
    `  grey spots closed          ${t.grey_spots_closed} (grey spots ${t.before.households_single_lte} → ${t.after.households_single_lte}, white spots that get one operator included)`,
    `  5G households              ${pct(t.before.households_5g, households)} → ${pct(t.after.households_5g, households)}`,
    `  LTE dead zones reached     ${result.deadZones.length} (${result.deadZones.filter((z) => z.status === 'closed').length} closed), ${result.dead_zone_area_closed_km2.toFixed(2)} km² closed`,
    ...notes(added, reached),
    ...files.map((f) => `  wrote ${f}`),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function workerCount(text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= 256))
    throw new InputError('--workers takes a whole number from 0 to 256', { field: '--workers', value: text });
  return n;
}

/** What looks wrong in the added sites: none of the base's households reached (lon/lat swapped, another area), a total EIRP. */
function notes(added: readonly PredictedSite[], reached: readonly number[]): string[] {
  const none = added.filter((_, k) => reached[k] === 0);
  const eirp = totalEirpNote(added.map((p) => p.site));
  return [
    ...(none.length > 0
      ? [
          `  note: ${none.length} site(s) reach none of the base's households (e.g. ${none[0].site.id} at ${none[0].site.lon}, ${none[0].site.lat}): outside the base's area, or lon and lat swapped?`,
        ]
      : []),
    ...(eirp ? [`  note: ${eirp}`] : []),
  ];
}
