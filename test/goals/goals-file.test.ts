import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GOALS } from '../../src/goals/default-goals.js';
import { parseGoalList, parseGoals, readGoalsFile } from '../../src/goals/goals-file.js';
import { tempDir } from '../helpers.js';

const ajv = new Ajv2020.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateGoalsFile = ajv.compile(
  JSON.parse(readFileSync(new URL('../../schema/goals.schema.json', import.meta.url), 'utf8')),
);

const good = {
  id: 'g1',
  title: '5G for 90 %',
  metric: 'share_5g',
  comparison: '>',
  value: 0.9,
  deadline: '2022-12-31',
  scope: 'total',
};
const file = (...goals: unknown[]) => ({ goals });
const withField = (field: string, value: unknown) => file({ ...good, [field]: value });

/** The one-line error of parsing `json` as goals.json, or undefined when it is valid. */
function errorOf(json: unknown): string | undefined {
  try {
    parseGoals(json, 'goals.json');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('goals file: one error per field, naming the file, the goal and the field', () => {
  it('accepts a valid file, with or without $schema', () => {
    expect(parseGoals(file(good), 'goals.json')).toEqual([good]);
    expect(parseGoals({ $schema: 'schema/goals.schema.json', goals: [] }, 'goals.json')).toEqual([]);
  });

  it.each([
    ['id', 'g 1', 'goals.json, field goals[0].id: not a goal id (value: "g 1") — 1 to 64 letters'],
    ['id', 7, 'field goals[0].id: not a goal id (value: 7)'],
    ['title', '  ', 'goals.json, id "g1", field goals[0].title: not a title (value: "  ")'],
    ['title', 'x'.repeat(201), 'field goals[0].title: not a title'],
    [
      'metric',
      'share5g',
      'goals.json, id "g1", field goals[0].metric: unknown metric (value: "share5g") — metrics: households, households_5g, share_5g',
    ],
    [
      'metric',
      'operators.Telekom.share_3g',
      'field goals[0].metric: unknown metric (value: "operators.Telekom.share_3g")',
    ],
    ['metric', 'operators..share_5g', 'field goals[0].metric: unknown metric'],
    [
      'comparison',
      '==',
      'id "g1", field goals[0].comparison: unknown comparison (value: "==") — one of > >= < <= =',
    ],
    ['value', '0.9', 'field goals[0].value: not a number (value: "0.9")'],
    [
      'value',
      90,
      'field goals[0].value: out of range for share_5g (value: 90) — shares are fractions from 0 to 1: 0.9 for 90 %',
    ],
    ['value', -1, 'field goals[0].value: out of range'],
    ['value', 1, 'field goals[0].value: can never be met: share_5g > 1 (value: 1) — use <= or >='],
    [
      'deadline',
      '2023-02-29',
      'id "g1", field goals[0].deadline: not a calendar date (value: "2023-02-29") — write YYYY-MM-DD',
    ],
    ['deadline', '2023-2-1', 'field goals[0].deadline: not a calendar date'],
    [
      'scope',
      'all',
      'id "g1", field goals[0].scope: not a scope (value: "all") — "total", "every-region" or a non-empty list',
    ],
    ['scope', [], 'field goals[0].scope: not a scope (value: [])'],
    ['scope', ['05554', 5], 'field goals[0].scope: scope[1] is not a region id (value: ["05554",5])'],
    ['scope', ['05554', '05554'], 'field goals[0].scope: region "05554" is listed twice'],
  ])('%s = %j', (field, value, message) => {
    expect(errorOf(withField(field, value))).toContain(message);
  });

  it('refuses a goal whose value is below 0 for <', () => {
    expect(errorOf(file({ ...good, metric: 'households_no_lte', comparison: '<', value: 0 }))).toContain(
      'field goals[0].value: can never be met: households_no_lte < 0',
    );
  });

  it('refuses an unknown field, naming it', () => {
    expect(errorOf(file({ ...good, target: 0.9 }))).toBe(
      'goals.json, id "g1", field goals[0].target: unknown field — fields: id, title, metric, comparison, value, deadline, scope',
    );
    expect(errorOf({ goals: [], version: 1 })).toMatch(/^goals.json, field version: unknown field/);
  });

  it('refuses a missing field, naming it', () => {
    const { deadline: _, ...noDeadline } = good;
    expect(errorOf(file(noDeadline))).toMatch(
      /^goals.json, id "g1", field goals\[0\].deadline: missing field/,
    );
  });

  it('refuses duplicate ids, naming both goals', () => {
    expect(errorOf(file(good, { ...good, title: 'again' }))).toBe(
      'goals.json, id "g1", field goals[1].id: duplicate goal id (value: "g1") — goals[0] has it already: ids must be unique',
    );
  });

  it('refuses a bare array and a goal that is not an object', () => {
    expect(errorOf([good])).toMatch(/^goals.json: is not a JSON object \(value: \[/);
    expect(errorOf({})).toMatch(/^goals.json, field goals: must be an array of goals/);
    expect(errorOf(file('g1'))).toBe('goals.json, field goals[0]: is not a goal object (value: "g1")');
  });

  it('parses a list of goals inside another file (a scenario), naming its place', () => {
    expect(() => parseGoalList([good, { ...good, value: 2 }], 'scenario.json', 'analyses[1].goals')).toThrow(
      'scenario.json, id "g1", field analyses[1].goals[1].value: out of range for share_5g (value: 2)',
    );
  });

  it('reads a file, with its sha256; a broken file is one line naming it', () => {
    const dir = tempDir();
    const path = join(dir, 'goals.json');
    writeFileSync(path, JSON.stringify(file(good)));
    expect(readGoalsFile(path)).toEqual({
      path,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      goals: [good],
    });
    writeFileSync(path, '{"goals": [');
    expect(() => readGoalsFile(path)).toThrow(new RegExp(`^${path}: not valid JSON`));
    expect(() => readGoalsFile(join(dir, 'none.json'))).toThrow(`${join(dir, 'none.json')}: file not found`);
  });
});

describe('schema/goals.schema.json and the validator agree', () => {
  // Unique ids are the validator's alone: JSON Schema cannot say a property is unique across items.
  const examples: [string, unknown][] = [
    ['valid', file(good)],
    ['default set', file(...DEFAULT_GOALS)],
    [
      'every goal form',
      file(
        {
          ...good,
          id: 'a',
          metric: 'operators.Telekom.de.share_5g',
          comparison: '>=',
          value: 0.98,
          scope: 'every-region',
        },
        {
          ...good,
          id: 'b',
          metric: 'funkloch_cells',
          comparison: '<=',
          value: 14000,
          scope: ['05554', '05558'],
        },
        { ...good, id: 'c', metric: 'share_area_5g', comparison: '=', value: 1, deadline: '2024-02-29' },
        { ...good, id: 'd', metric: 'lte_dead_zone_area_km2', comparison: '<', value: 0.5 },
      ),
    ],
    ['$schema', { $schema: 'x', goals: [] }],
    ['bare array', [good]],
    ['unknown top field', { goals: [], version: 1 }],
    ['unknown field', file({ ...good, target: 1 })],
  ];
  for (const [field, values] of [
    ['id', ['g 1', 7, '', 'x'.repeat(65), '-a']],
    ['title', ['', '  ', 'x'.repeat(201), 5]],
    ['metric', ['share5g', 'operators..share_5g', 'operators.x.share_3g', 'operators.share_5g', 'Share_5g']],
    ['comparison', ['==', '≥', 1]],
    ['value', ['0.9', 90, -1, 1, null]],
    ['deadline', ['2023-02-29', '2023-2-1', '2023-12-31T00:00:00Z', '31.12.2023']],
    ['scope', ['all', [], ['a', 'a'], ['a', 5], [''], null]],
  ] as const)
    for (const value of values) examples.push([`${field} ${JSON.stringify(value)}`, withField(field, value)]);
  examples.push(['< 0', file({ ...good, metric: 'households', comparison: '<', value: 0 })]);
  examples.push(['missing field', file({ id: 'g1' })]);

  it.each(examples)('%s', (_, json) => {
    const schemaValid = validateGoalsFile(json);
    expect(schemaValid ? undefined : 'invalid').toBe(errorOf(json) === undefined ? undefined : 'invalid');
  });

  it('the examples cover both verdicts', () => {
    const verdicts = examples.map(([, json]) => validateGoalsFile(json));
    expect(verdicts.filter(Boolean).length).toBe(4);
  });
});
