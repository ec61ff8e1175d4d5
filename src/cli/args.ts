import { parseArgs } from 'node:util';
import { parseRollupLevels } from '../analysis/rollup-levels.js';
import { InputError } from '../errors.js';
import type { Goal } from '../goals/goal.js';
import type { HistoryTarget } from '../history/history-target.js';
import { CSV_DIALECTS, type CsvDialect } from '../io/csv/write.js';
import { isStdin } from '../io/files/input-stream.js';
import { parseSkipLimit } from '../io/skip-limit.js';
import { INVALID_POLICIES, type InvalidPolicy } from '../io/skipped.js';
import { checkHouseholdSize } from '../model/household-size.js';
import { DEFAULT_REGION_ID } from '../model/region-fields.js';
import type { SnapshotInput } from '../pipeline/options.js';
import type { OutputFormat } from '../pipeline/output-choice.js';
import { parseMarginFlag } from '../planning/margin-levels.js';
import type { ReportOptions } from '../report/report-input.js';
import {
  joinNegativeValues,
  parseCellSize,
  parseOutputFormats,
  parseRegionFilter,
  parseThresholds,
} from './flag-values.js';
import { parseHistory } from './history-step.js';
import { parseQueueFlags, QUEUE_FLAGS, type QueueArgs } from './queue-args.js';
import { parseReportFlags } from './report-args.js';
import { type RunCommand, runCommand } from './run-args.js';
import { parseCoverageFlags } from './snapshot-args.js';

export interface AnalyzeArgs extends QueueArgs {
  households: string;
  /** Every coverage file (of every snapshot). */
  coverage: string[];
  /** `--coverage YYYY-MM-DD=PATH`: the dated snapshots (files of one date merge in the library). */
  snapshots?: SnapshotInput[];
  /** `--goals FILE`: goals in place of the built-in NRW set. */
  goals?: string;
  /** Goals given in a scenario file itself, in place of the built-in NRW set. */
  goalList?: Goal[];
  /** `--as-of YYYY-MM-DD`: the day goals are judged as of. */
  asOf?: string;
  /** `--funkloch-cells SIZE`: measure the Mobilfunkpakt's Funkloch cells on SIZE-metre cells (100: the Pakt's). */
  funklochCellSize?: number;
  /** `--profile`: print each stage's time and each thread's busy share to stderr. */
  profile?: boolean;
  /** `--rollup 5,2`: AGS levels to add rows for. */
  rollup?: number[];
  regions: string;
  out: string;
  regionId: string;
  /** Undefined: the first of name, GN, GEN, NAME that the regions have. */
  regionName?: string;
  /** `--region ID[,ID…]` (repeatable): analyse only these regions. */
  regionFilter?: string[];
  workers?: number;
  force: boolean;
  quiet: boolean;
  householdsFormat?: string;
  coverageFormat?: string;
  regionsFormat?: string;
  /** `--invalid fail|skip|repair` (default fail). */
  invalid: InvalidPolicy;
  /** `--input-crs`: the CRS of inputs that declare none. */
  inputCrs?: string;
  /** `--households-crs` etc.: the CRS of one role's inputs that declare none, in place of --input-crs. */
  householdsCrs?: string;
  coverageCrs?: string;
  regionsCrs?: string;
  /** `--household-size`: persons per household, to derive households from population. */
  householdSize?: number;
  /** `--threshold lte=-110` (repeatable): dBm per technology for signal-strength rasters. */
  thresholds?: Record<string, number>;
  /** `--format geojson,fgb`: output formats (GeoJSON always). */
  outputFormats: OutputFormat[];
  /** `--output-crs`: the CRS of FlatGeobuf outputs (GeoJSON stays lon/lat). */
  outputCrs?: string;
  /** `--csv-dialect rfc4180|excel-de`: how regions.csv is written. */
  csvDialect: CsvDialect;
  /** `--max-skipped N|N%`: features an input may lose to --invalid skip|repair (checked by parseSkipLimit). */
  maxSkipped?: string;
  /** `--history postgresql://…|FILE.gpkg`: where the run's snapshots are appended after the outputs. */
  history?: HistoryTarget;
  /** `--margin 3,6`: the household figures again at every threshold ± each amount (dB). */
  margin?: number[];
  /** report.html: `--lang`, `--min-households`; false with `--no-report` (undefined: the defaults). */
  report?: false | Required<ReportOptions>;
}

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'analyze'; args: AnalyzeArgs }
  | { name: 'diff'; argv: string[] }
  | { name: 'predict'; argv: string[] }
  | { name: 'whatif'; argv: string[] }
  | { name: 'place'; argv: string[] }
  | { name: 'map'; argv: string[] }
  | { name: 'worker'; argv: string[] }
  | RunCommand;

/** Parses argv (without node and the script); a mistake is an InputError naming the flag. */
export function parseCommand(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { name: 'help' };
  if (argv[0] === '--version' || argv[0] === '-v') return { name: 'version' };
  const [command, ...rest] = argv;
  if (command === 'diff') return { name: 'diff', argv: rest };
  if (command === 'predict') return { name: 'predict', argv: rest };
  if (command === 'whatif') return { name: 'whatif', argv: rest };
  if (command === 'place') return { name: 'place', argv: rest };
  if (command === 'map') return { name: 'map', argv: rest };
  if (command === 'worker') return { name: 'worker', argv: rest };
  if (command === 'run') return runCommand(rest);
  if (command !== 'analyze')
    throw new InputError(`unknown command ${JSON.stringify(command)}`, { hint: 'run funkatlas --help' });
  const values = parseFlags(rest);
  for (const flag of ['households', 'coverage', 'regions', 'out'] as const) {
    if (values[flag] === undefined)
      throw new InputError(`missing --${flag}`, { hint: 'run funkatlas --help' });
  }
  const { coverage, snapshots } = parseCoverageFlags(values.coverage as string[]);
  // Standard input can be read once: for one input only.
  const inputs = [values.households, ...coverage, values.regions] as string[];
  if (inputs.filter(isStdin).length > 1)
    throw new InputError('standard input (-) can be given for one input only', {
      value: inputs.filter(isStdin).join(' '),
      hint: 'save the others to files',
    });
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = /^\d+$/.test(values.workers as string) ? Number(values.workers) : Number.NaN;
    if (!Number.isInteger(workers) || workers < 0 || workers > 256)
      throw new InputError('--workers must be an integer from 0 to 256', {
        field: '--workers',
        value: values.workers,
      });
  }
  const invalid = (values.invalid as string | undefined) ?? 'fail';
  if (!(INVALID_POLICIES as readonly string[]).includes(invalid))
    throw new InputError(`--invalid must be one of ${INVALID_POLICIES.join(', ')}`, {
      field: '--invalid',
      value: invalid,
    });
  const maxSkipped = values['max-skipped'] as string | undefined;
  if (maxSkipped !== undefined) parseSkipLimit(maxSkipped, '--max-skipped');
  if (maxSkipped !== undefined && invalid === 'fail')
    throw new InputError('--max-skipped applies with --invalid skip or repair', {
      field: '--max-skipped',
      value: maxSkipped,
      hint: 'add --invalid skip (or repair); with fail the first invalid feature stops the run',
    });
  let householdSize: number | undefined;
  if (values['household-size'] !== undefined) {
    const given = values['household-size'] as string;
    householdSize = checkHouseholdSize(
      given.trim() === '' ? Number.NaN : Number(given),
      '--household-size',
      given,
    );
  }
  const csvDialect = (values['csv-dialect'] as string | undefined) ?? 'rfc4180';
  if (!(CSV_DIALECTS as readonly string[]).includes(csvDialect))
    throw new InputError(`--csv-dialect must be one of ${CSV_DIALECTS.join(', ')}`, {
      field: '--csv-dialect',
      value: csvDialect,
    });
  const thresholds = parseThresholds(values.threshold as string[] | undefined);
  const outputFormats = parseOutputFormats(values.format as string | undefined);
  const history = parseHistory(values.history as string | undefined, values.out as string, snapshots);
  return {
    name: 'analyze',
    args: {
      households: values.households as string,
      coverage,
      ...(snapshots ? { snapshots } : {}),
      goals: values.goals as string | undefined,
      asOf: values['as-of'] as string | undefined,
      ...(values.profile === true ? { profile: true } : {}),
      ...(values.rollup === undefined ? {} : { rollup: parseRollupLevels(values.rollup as string) }),
      ...(values['funkloch-cells'] === undefined
        ? {}
        : { funklochCellSize: parseCellSize(values['funkloch-cells'] as string) }),
      regions: values.regions as string,
      out: values.out as string,
      regionId: (values['region-id'] as string | undefined) ?? DEFAULT_REGION_ID,
      regionName: values['region-name'] as string | undefined,
      regionFilter: parseRegionFilter(values.region as string[] | undefined),
      workers,
      force: values.force === true,
      quiet: values.quiet === true,
      householdsFormat: values['households-format'] as string | undefined,
      coverageFormat: values['coverage-format'] as string | undefined,
      regionsFormat: values['regions-format'] as string | undefined,
      invalid: invalid as InvalidPolicy,
      inputCrs: values['input-crs'] as string | undefined,
      householdsCrs: values['households-crs'] as string | undefined,
      coverageCrs: values['coverage-crs'] as string | undefined,
      regionsCrs: values['regions-crs'] as string | undefined,
      householdSize,
      thresholds,
      outputFormats,
      outputCrs: values['output-crs'] as string | undefined,
      csvDialect: csvDialect as CsvDialect,
      maxSkipped,
      ...(history ? { history } : {}),
      ...(values.margin === undefined
        ? {}
        : { margin: parseMarginFlag(values.margin as string, '--margin') }),
      report: parseReportFlags(values),
      ...parseQueueFlags(values),
    },
  };
}

/** The flags `analyze` takes; those without `multiple` may be given once. */
const FLAGS = {
  households: { type: 'string' },
  coverage: { type: 'string', multiple: true },
  regions: { type: 'string' },
  out: { type: 'string' },
  'region-id': { type: 'string' },
  'region-name': { type: 'string' },
  region: { type: 'string', multiple: true },
  workers: { type: 'string' },
  force: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'households-format': { type: 'string' },
  'coverage-format': { type: 'string' },
  'regions-format': { type: 'string' },
  invalid: { type: 'string' },
  'input-crs': { type: 'string' },
  'households-crs': { type: 'string' },
  'coverage-crs': { type: 'string' },
  'regions-crs': { type: 'string' },
  'household-size': { type: 'string' },
  threshold: { type: 'string', multiple: true },
  format: { type: 'string' },
  'output-crs': { type: 'string' },
  'max-skipped': { type: 'string' },
  'csv-dialect': { type: 'string' },
  goals: { type: 'string' },
  'as-of': { type: 'string' },
  rollup: { type: 'string' },
  profile: { type: 'boolean' },
  'funkloch-cells': { type: 'string' },
  history: { type: 'string' },
  margin: { type: 'string' },
  // report.html (cli/report-args.ts)
  'no-report': { type: 'boolean' },
  lang: { type: 'string' },
  'min-households': { type: 'string' },
  ...QUEUE_FLAGS,
} as const satisfies Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/**
 * The flags' values. A single-value flag given twice is refused: parseArgs keeps the last, so
 * `--households a --households b` would silently drop `a`.
 */
function parseFlags(args: readonly string[]): Record<string, string | string[] | boolean | undefined> {
  try {
    const { values, tokens } = parseArgs({
      args: joinNegativeValues(args),
      options: FLAGS,
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
    const seen = new Map<string, string[]>();
    for (const token of tokens ?? []) {
      if (token.kind !== 'option') continue;
      const given = seen.get(token.name) ?? [];
      given.push(token.value ?? '');
      seen.set(token.name, given);
      const flag = FLAGS[token.name as keyof typeof FLAGS] as { multiple?: boolean } | undefined;
      if (given.length > 1 && !flag?.multiple)
        throw new InputError(`--${token.name} is given more than once`, {
          field: `--${token.name}`,
          value: given.filter((v) => v !== ''),
          hint: 'give it once (only --coverage, --region and --threshold repeat)',
        });
    }
    return values;
  } catch (error) {
    if (error instanceof InputError) throw error;
    // parseArgs explains some mistakes over several lines; the first says what is wrong.
    throw new InputError((error as Error).message.split('\n')[0], { hint: 'run funkatlas --help' });
  }
}
