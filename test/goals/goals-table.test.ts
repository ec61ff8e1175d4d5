import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GOALS } from '../../src/goals/default-goals.js';
import { evaluateGoals } from '../../src/goals/evaluate.js';
import { goalsTable, TABLE_WIDTH } from '../../src/goals/goals-table.js';
import { goal, region, snapshot } from './snapshots.js';

const ajv = new Ajv2020.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateGoalResult = ajv.compile(
  JSON.parse(readFileSync(new URL('../../schema/goals-result.schema.json', import.meta.url), 'utf8')),
);

const nrw = { households: 8_163_000, households_5g: 6_425_728, area_km2: 34_110, area_5g_km2: 20_500.4 };
const snapshots = [
  snapshot('2022-12-31', { ...nrw, households_5g: 6_000_000, area_5g_km2: 18_000 }, [
    region('05554', { households_no_lte: 30 }),
    region('05558'),
    {
      ...region('05966', { households_no_lte: 5 }),
      name: 'Kreis Olpe, a region with a very long name indeed',
    },
  ]),
  snapshot('2023-12-31', nrw, [
    region('05554', { households_no_lte: 10 }),
    region('05558'),
    {
      ...region('05966', { households_no_lte: 6 }),
      name: 'Kreis Olpe, a region with a very long name indeed',
    },
    region('05999', { households: 0, households_5g: 0 }),
  ]),
];
const goals = [
  ...DEFAULT_GOALS,
  goal({
    id: 'listed',
    title: 'x'.repeat(150),
    metric: 'share_lte',
    comparison: '>=',
    value: 0.98,
    scope: ['05554'],
  }),
  goal({
    id: 'cells',
    title: 'Funkloch cells',
    metric: 'funkloch_cells',
    comparison: '<=',
    value: 0,
    scope: 'every-region',
  }),
  goal({ id: 'later', title: 'Later deadline', deadline: '2030-01-01' }),
];

describe('the goals table', () => {
  const results = evaluateGoals(goals, snapshots, '2023-12-31');
  const lines = goalsTable(results);

  it('fits a 100-column terminal', () => {
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(TABLE_WIDTH);
    expect(TABLE_WIDTH).toBeLessThanOrEqual(100);
  });

  it('shows each goal: title, scope, value now, target, deadline, status, gap, projection', () => {
    expect(lines.slice(0, 8)).toEqual([
      'Goals as of 2023-12-31:',
      '    scope                        now     target  deadline    status              gap  projected',
      '  5G for more than 90 % of households (NRW Digitalstrategie 2.0)',
      '    total                     78.7 %     > 90 %  2022-12-31  missed       920,973 hh  2026-02-28',
      '  5G across the whole area, "flächendeckend" (NRW Digitalstrategie 2.0)',
      '    total                     60.1 %    = 100 %  2024-12-31  off-track    13,610 km²  2029-06-09',
      '  No household without LTE, in every region (Mobilfunkpakt NRW)',
      '    every region             2/4 met        = 0  2024-12-31  off-track         16 hh  no trend',
    ]);
  });

  it('lists the regions furthest from a goal under it, cutting long names', () => {
    expect(lines.slice(8, 10)).toEqual([
      '      05966 Kreis Olpe,…           6                         off-track          6 hh  no trend',
      '      05554 Region 05554          10                         on-track          10 hh  2024-07-01',
    ]);
  });

  it('says met and no data plainly, and cuts long titles', () => {
    expect(lines).toContain(`  ${'x'.repeat(93)}…`);
    expect(lines).toContain(
      '    1 region                 1/1 met    >= 98 %  2022-12-31  met                   —  —',
    );
    expect(lines).toContain(
      '    every region             0/4 met       <= 0  2022-12-31  no-data               —  too few',
    );
    expect(lines.at(-1)).toBe(
      '    total                     78.7 %     > 90 %  2030-01-01  on-track     920,973 hh  2026-02-28',
    );
  });

  it('never shows a share short of 1 as 100 %', () => {
    const almost = [snapshot('2024-06-30', { area_5g_km2: 99.99999 })];
    const [r] = evaluateGoals([DEFAULT_GOALS[1]], almost, '2024-06-30');
    expect(goalsTable([r])[3]).toMatch(/^ {4}total {19}99\.999 % {4}= 100 % {2}2024-12-31 {2}off-track/);
  });

  it('is "No goals." without goals', () => {
    expect(goalsTable([])).toEqual(['No goals.']);
  });
});

describe('schema/goals-result.schema.json', () => {
  it('accepts every result evaluateGoals gives (JSON round trip)', () => {
    const asOfs = ['2022-12-31', '2023-06-30', '2023-12-31', '2030-01-01'];
    for (const asOf of asOfs)
      for (const result of JSON.parse(JSON.stringify(evaluateGoals(goals, snapshots, asOf)))) {
        const valid = validateGoalResult(result);
        expect(valid ? [] : validateGoalResult.errors).toEqual([]);
      }
  });

  it('refuses an unknown status', () => {
    const [result] = JSON.parse(JSON.stringify(evaluateGoals(goals, snapshots, '2023-12-31')));
    expect(validateGoalResult({ ...result, status: 'done' })).toBe(false);
    expect(validateGoalResult({ ...result, counts: { ...result.counts, done: 1 } })).toBe(false);
  });
});
