import { describe, expect, it } from 'vitest';
import { checkHouseholdSize, HOUSEHOLD_SIZE } from '../../src/model/household-size.js';
import { ColumnNames, RESERVED_TECHNOLOGIES, SCALAR_COLUMNS } from '../../src/model/stats-columns.js';
import { nullRecord, ownProperty } from '../../src/model/user-keys.js';

describe('the regions table columns', () => {
  it('reserve the technologies whose columns are scalars, not lte and 5g', () => {
    expect(RESERVED_TECHNOLOGIES).toEqual(['no_lte', 'single_lte', 'area_5g']);
    expect(SCALAR_COLUMNS).toContain('households_no_lte');
  });

  it('find a clash when a name is first claimed, ignoring case, and take nothing then', () => {
    const names = new ColumnNames();
    expect(names.claim({ kind: 'operator', name: 'telekom' })).toBeUndefined();
    expect(names.claim({ kind: 'operator', name: 'telekom' })).toBeUndefined();
    expect(names.claim({ kind: 'operator', name: 'Telekom' })).toMatchObject({
      column: 'Telekom_households_5g',
      other: { kind: 'operator', name: 'telekom' },
    });
    expect(names.claim({ kind: 'technology', name: 'no_lte' })).toMatchObject({
      column: 'households_no_lte',
    });
    expect(names.claim({ kind: 'technology', name: '3g' })).toBeUndefined();
  });
});

describe('user strings as keys', () => {
  it('are own properties only, and null-prototype records keep __proto__ as data', () => {
    expect(ownProperty({}, 'constructor')).toBeUndefined();
    expect(ownProperty(JSON.parse('{"__proto__": 5}'), '__proto__')).toBe(5);
    const record = nullRecord<number>();
    for (const [key, value] of [
      ['__proto__', 1],
      ['constructor', 2],
    ] as const)
      record[key] = value;
    expect(JSON.parse(JSON.stringify(record))).toEqual(JSON.parse('{"__proto__": 1, "constructor": 2}'));
  });
});

describe('the household size', () => {
  it('is one rule for the CLI and the library, naming the field', () => {
    expect(checkHouseholdSize(HOUSEHOLD_SIZE.min, 'read.householdSize')).toBe(1);
    expect(checkHouseholdSize(2.1, 'read.householdSize')).toBe(2.1);
    for (const bad of [0.5, 21, Number.NaN])
      expect(() => checkHouseholdSize(bad, 'read.householdSize')).toThrow(
        /field read.householdSize: household size must be a number of persons from 1 to 20/,
      );
  });
});
