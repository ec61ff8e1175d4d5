import { InputError } from '../errors.js';
import { readInputBytes } from '../io/files/source.js';
import { isCalendarDate } from './calendar-date.js';
import { COMPARISONS, type Comparison, type Goal, type GoalScope } from './goal.js';
import { metricNames, parseMetric, unitOf } from './metric.js';

/** A goals file as read: its goals and the digest of its bytes (for the run's inputs). */
export interface GoalsFile {
  path: string;
  sha256: string;
  goals: Goal[];
}

const GOAL_FIELDS = ['id', 'title', 'metric', 'comparison', 'value', 'deadline', 'scope'] as const;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Reads and validates a goals file (`{ "goals": [...] }`, schema/goals.schema.json); gzipped or `-` works too. */
export function readGoalsFile(path: string): GoalsFile {
  const { data, digest } = readInputBytes(path);
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8').replace(/^\ufeff/, ''));
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`, { file: path });
  }
  return { path, sha256: digest.sha256, goals: parseGoals(json, path) };
}

/** The goals of a parsed goals file, each field checked; `file` names it in errors. */
export function parseGoals(json: unknown, file: string): Goal[] {
  const top = {
    file,
    hint: 'a goals file is {"goals": [{"id", "title", "metric", "comparison", "value", "deadline", "scope"}, …]}',
  };
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new InputError('is not a JSON object', { ...top, value: json });
  for (const key of Object.keys(json))
    if (key !== 'goals' && key !== '$schema') throw new InputError('unknown field', { ...top, field: key });
  const goals = (json as { goals?: unknown }).goals;
  if (!Object.hasOwn(json, 'goals') || !Array.isArray(goals))
    throw new InputError('must be an array of goals', { ...top, field: 'goals', value: goals });
  return parseGoalList(goals, file, 'goals');
}

/** A list of goals found at `field` of `file` (a goals file's `goals`, or a scenario file's), ids unique. */
export function parseGoalList(items: readonly unknown[], file: string, field: string): Goal[] {
  const firstIndex = new Map<string, number>();
  return items.map((item, index) => {
    const goal = parseGoal(item, `${field}[${index}]`, file);
    const earlier = firstIndex.get(goal.id);
    if (earlier !== undefined)
      throw new InputError('duplicate goal id', {
        file,
        id: goal.id,
        field: `${field}[${index}].id`,
        value: goal.id,
        hint: `${field}[${earlier}] has it already: ids must be unique`,
      });
    firstIndex.set(goal.id, index);
    return goal;
  });
}

function parseGoal(item: unknown, at: string, file: string): Goal {
  if (item === null || typeof item !== 'object' || Array.isArray(item))
    throw new InputError('is not a goal object', { file, field: at, value: item });
  const record = item as Record<string, unknown>;
  const rawId = Object.hasOwn(record, 'id') ? record.id : undefined;
  const id = typeof rawId === 'string' && ID.test(rawId) ? rawId : undefined;
  const fail = (field: string, problem: string, hint?: string) =>
    new InputError(problem, { file, id, field: `${at}.${field}`, value: record[field], hint });
  for (const key of Object.keys(record))
    if (!(GOAL_FIELDS as readonly string[]).includes(key))
      throw new InputError('unknown field', {
        file,
        id,
        field: `${at}.${key}`,
        hint: `fields: ${GOAL_FIELDS.join(', ')}`,
      });
  for (const key of GOAL_FIELDS)
    if (!Object.hasOwn(record, key))
      throw new InputError('missing field', {
        file,
        id,
        field: `${at}.${key}`,
        hint: `fields: ${GOAL_FIELDS.join(', ')}`,
      });
  if (id === undefined)
    throw fail(
      'id',
      'not a goal id',
      '1 to 64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
    );
  const { title, metric, comparison, value, deadline } = record;
  if (typeof title !== 'string' || !/\S/.test(title) || [...title].length > 200)
    throw fail('title', 'not a title', 'a non-empty string of at most 200 characters');
  const ref = typeof metric === 'string' ? parseMetric(metric) : null;
  if (ref === null) throw fail('metric', 'unknown metric', `metrics: ${metricNames()}`);
  if (typeof comparison !== 'string' || !(COMPARISONS as readonly string[]).includes(comparison))
    throw fail('comparison', 'unknown comparison', `one of ${COMPARISONS.join(' ')}`);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('value', 'not a number');
  const share = unitOf(ref) === 'share';
  if (value < 0 || (share && value > 1))
    throw fail(
      'value',
      `out of range for ${metric}`,
      share ? 'shares are fractions from 0 to 1: 0.9 for 90 %' : 'at least 0',
    );
  if ((comparison === '<' && value === 0) || (share && comparison === '>' && value === 1))
    throw fail('value', `can never be met: ${metric} ${comparison} ${value}`, 'use <= or >=');
  if (!isCalendarDate(deadline))
    throw fail('deadline', 'not a calendar date', 'write YYYY-MM-DD, e.g. 2024-12-31');
  return {
    id,
    title,
    metric: metric as string,
    comparison: comparison as Comparison,
    value,
    deadline,
    scope: parseScope(record.scope, fail),
  };
}

function parseScope(
  scope: unknown,
  fail: (field: string, problem: string, hint?: string) => InputError,
): GoalScope {
  if (scope === 'total' || scope === 'every-region') return scope;
  const hint = '"total", "every-region" or a non-empty list of region ids';
  if (!Array.isArray(scope) || scope.length === 0) throw fail('scope', 'not a scope', hint);
  scope.forEach((region, k) => {
    if (typeof region !== 'string' || region === '')
      throw fail('scope', `scope[${k}] is not a region id`, hint);
    if (scope.indexOf(region) !== k) throw fail('scope', `region ${JSON.stringify(region)} is listed twice`);
  });
  return scope as string[];
}
