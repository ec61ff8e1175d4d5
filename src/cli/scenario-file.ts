import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError, isInputError } from '../errors.js';
import { isCalendarDate } from '../goals/calendar-date.js';
import type { Goal } from '../goals/goal.js';
import { parseGoalList } from '../goals/goals-file.js';
import { type AnalyzeArgs, parseCommand } from './args.js';

/** An analysis's fields in a scenario file and the flag each stands for (paths resolved against the file's folder). */
const FLAG_FIELDS = {
  households: { flag: '--households', path: true },
  regions: { flag: '--regions', path: true },
  out: { flag: '--out', path: true },
  region_id: { flag: '--region-id' },
  region_name: { flag: '--region-name' },
  households_format: { flag: '--households-format' },
  coverage_format: { flag: '--coverage-format' },
  regions_format: { flag: '--regions-format' },
  invalid: { flag: '--invalid' },
  max_skipped: { flag: '--max-skipped' },
  input_crs: { flag: '--input-crs' },
  households_crs: { flag: '--households-crs' },
  coverage_crs: { flag: '--coverage-crs' },
  regions_crs: { flag: '--regions-crs' },
  household_size: { flag: '--household-size' },
  output_crs: { flag: '--output-crs' },
  csv_dialect: { flag: '--csv-dialect' },
  as_of: { flag: '--as-of' },
  workers: { flag: '--workers' },
  rollup: { flag: '--rollup' },
  history: { flag: '--history', path: true },
  lang: { flag: '--lang' },
  min_households: { flag: '--min-households' },
  funkloch_cells: { flag: '--funkloch-cells' },
  margin: { flag: '--margin' },
} as const satisfies Record<string, { flag: string; path?: boolean }>;

/** Fields that are not a single flag's value. */
const OTHER_FIELDS = [
  'name',
  'coverage',
  'snapshots',
  'goals',
  'regions_filter',
  'formats',
  'thresholds',
  'force',
  'no_report',
  'profile',
];

/** One analysis of a scenario: the CLI's arguments for it, and its name for what the run prints. */
export interface ScenarioAnalysis {
  name: string;
  args: AnalyzeArgs;
}

/**
 * A scenario file (schema/scenario.schema.json): `{ "analyses": [ … ] }`, or one analysis. Each
 * analysis is turned into the flags `funkatlas analyze` takes and checked by the same parser, so a
 * scenario accepts exactly what the command line does; errors name the file and the field.
 */
export function readScenario(path: string, flags: { force: boolean; quiet: boolean }): ScenarioAnalysis[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the scenario (${(error as NodeJS.ErrnoException).code ?? error})`, {
      file: path,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`invalid JSON: ${(error as Error).message}`, { file: path });
  }
  if (!isObject(json)) throw new InputError('a scenario is a JSON object', { file: path, value: json });
  const { $schema: _schema, ...top } = json;
  const analyses = 'analyses' in top ? top.analyses : [top];
  const prefix = 'analyses' in top ? 'analyses' : '';
  if ('analyses' in top && Object.keys(top).length > 1)
    throw new InputError('unknown field beside analyses', {
      file: path,
      field: Object.keys(top).find((k) => k !== 'analyses'),
      hint: 'a scenario is {"analyses": [...]} or one analysis',
    });
  if (!Array.isArray(analyses) || analyses.length === 0)
    throw new InputError('analyses must be a non-empty array', {
      file: path,
      field: 'analyses',
      value: analyses,
    });
  const base = dirname(path);
  return analyses.map((analysis, k) =>
    scenarioAnalysis(analysis, prefix ? `${prefix}[${k}]` : '', { file: path, base, ...flags }),
  );
}

interface Context {
  file: string;
  base: string;
  force: boolean;
  quiet: boolean;
}

function scenarioAnalysis(analysis: unknown, at: string, context: Context): ScenarioAnalysis {
  const field = (name: string) => (at ? `${at}.${name}` : name);
  if (!isObject(analysis))
    throw new InputError('an analysis is a JSON object', {
      file: context.file,
      field: at || undefined,
      value: analysis,
    });
  for (const key of Object.keys(analysis))
    if (!(key in FLAG_FIELDS) && !OTHER_FIELDS.includes(key))
      throw new InputError('unknown field', {
        file: context.file,
        field: field(key),
        hint: `an analysis has ${[...Object.keys(FLAG_FIELDS), ...OTHER_FIELDS].join(', ')}`,
      });
  const flagOfField = new Map<string, string>();
  const argv: string[] = ['analyze'];
  const add = (flag: string, name: string, value: unknown) => {
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new InputError('must be a string or a number', { file: context.file, field: field(name), value });
    argv.push(flag, String(value));
    flagOfField.set(flag, field(name));
  };
  for (const [name, spec] of Object.entries(FLAG_FIELDS)) {
    const given = analysis[name];
    if (given === undefined) continue;
    // `margin` may be a list of dB amounts: the flag takes them comma-separated.
    const value = name === 'margin' && Array.isArray(given) ? given.join(',') : given;
    add(
      spec.flag,
      name,
      'path' in spec && typeof value === 'string' ? fromScenario(context.base, value) : value,
    );
  }
  for (const [k, c] of listOf(analysis.coverage, field('coverage'), context.file).entries())
    add('--coverage', `coverage[${k}]`, fromScenario(context.base, c));
  if (analysis.snapshots !== undefined) {
    if (analysis.coverage !== undefined)
      throw new InputError('give coverage or snapshots, not both', {
        file: context.file,
        field: field('coverage'),
        hint: 'an undated coverage and dated snapshots do not mix: give every coverage file a date in snapshots',
      });
    if (!Array.isArray(analysis.snapshots))
      throw new InputError('snapshots must be an array of {date, coverage}', {
        file: context.file,
        field: field('snapshots'),
        value: analysis.snapshots,
      });
    analysis.snapshots.forEach((snapshot: unknown, k: number) => {
      const at = `snapshots[${k}]`;
      if (isObject(snapshot) && typeof snapshot.date === 'string' && !isCalendarDate(snapshot.date))
        throw new InputError('not a calendar date', {
          file: context.file,
          field: field(`${at}.date`),
          value: snapshot.date,
          hint: 'write YYYY-MM-DD, e.g. 2024-06-30',
        });
      if (!isObject(snapshot) || typeof snapshot.date !== 'string')
        throw new InputError('a snapshot is {"date": "YYYY-MM-DD", "coverage": [...]}', {
          file: context.file,
          field: field(at),
          value: snapshot,
        });
      for (const [j, c] of listOf(snapshot.coverage, field(`${at}.coverage`), context.file).entries())
        add('--coverage', `${at}.coverage[${j}]`, `${snapshot.date}=${fromScenario(context.base, c)}`);
    });
  }
  for (const id of listOf(analysis.regions_filter, field('regions_filter'), context.file))
    add('--region', 'regions_filter', id);
  if (analysis.formats !== undefined)
    add('--format', 'formats', listOf(analysis.formats, field('formats'), context.file).join(','));
  if (analysis.thresholds !== undefined) {
    if (!isObject(analysis.thresholds))
      throw new InputError('thresholds must be an object of technology: dBm', {
        file: context.file,
        field: field('thresholds'),
        value: analysis.thresholds,
      });
    for (const [tech, dbm] of Object.entries(analysis.thresholds))
      add('--threshold', `thresholds.${tech}`, `${tech}=${dbm}`);
  }
  let goalList: Goal[] | undefined;
  if (typeof analysis.goals === 'string') add('--goals', 'goals', fromScenario(context.base, analysis.goals));
  else if (Array.isArray(analysis.goals))
    goalList = parseGoalList(analysis.goals, context.file, field('goals'));
  else if (analysis.goals !== undefined)
    throw new InputError('goals must be a goals file or a list of goals', {
      file: context.file,
      field: field('goals'),
      value: analysis.goals,
    });
  for (const flag of ['force', 'no_report', 'profile'] as const)
    if (analysis[flag] !== undefined && typeof analysis[flag] !== 'boolean')
      throw new InputError('must be true or false', {
        file: context.file,
        field: field(flag),
        value: analysis[flag],
      });
  if (analysis.force === true || context.force) argv.push('--force');
  if (analysis.no_report === true) argv.push('--no-report');
  if (analysis.profile === true) argv.push('--profile');
  if (context.quiet) argv.push('--quiet');
  const name = typeof analysis.name === 'string' ? analysis.name : at || 'analysis';
  try {
    const command = parseCommand(argv);
    if (command.name !== 'analyze') throw new Error(`a scenario analysis parsed as ${command.name}`);
    return { name, args: { ...command.args, ...(goalList ? { goalList } : {}) } };
  } catch (error) {
    if (!isInputError(error)) throw error;
    // Said with the scenario's field in place of the flag it stands for.
    const problem = error.problem ?? error.message;
    const flag = error.where.field ?? /missing (--[a-z-]+)/.exec(problem)?.[1];
    const named = flag === undefined ? undefined : (flagOfField.get(flag) ?? fieldOfFlag(flag, field));
    const inFields = (text: string) =>
      text.replace(/--([a-z-]+)/g, (_, f: string) => fieldOfFlag(`--${f}`, field));
    const { hint } = error.where;
    throw new InputError(inFields(problem), {
      ...error.where,
      file: context.file,
      ...(named ? { field: named } : {}),
      ...(hint === undefined ? {} : { hint: inFields(hint) }),
    });
  }
}

/** The scenario field a flag stands for, when no value of the analysis gave it (a missing one). */
function fieldOfFlag(flag: string, field: (name: string) => string): string {
  const entry = Object.entries(FLAG_FIELDS).find(([, spec]) => spec.flag === flag);
  return entry ? field(entry[0]) : flag === '--coverage' ? field('coverage or snapshots') : flag;
}

/** A list of strings; one string stands for a list of one. */
function listOf(value: unknown, field: string, file: string): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new InputError('must be a list of strings', { file, field, value });
  return value;
}

/** A path as written in the scenario: relative to the scenario's folder. */
function fromScenario(base: string, path: string): string {
  return path === '-' || isAbsolute(path) || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)
    ? path
    : resolve(base, path);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
