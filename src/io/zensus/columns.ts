import { InputError } from '../../errors.js';
import type { ResolvedReadOptions as ReadOptions } from '../read-options.js';

/** Column names (normalised: lower case, umlauts spelled out, blanks as `_`) for each role. */
export const HOUSEHOLD_COLUMNS = [
  'households',
  'households_est_derived',
  'haushalte',
  'anzahl_haushalte',
  'insgesamt_haushalte',
] as const;
export const POPULATION_COLUMNS = [
  'einwohner',
  'population',
  'bevoelkerung',
  'insgesamt_bevoelkerung',
] as const;
export const HOUSEHOLD_SIZE_COLUMNS = [
  'hh_groesse_d',
  'durchschnhhgroesse',
  'durchschn_hh_groesse',
  'durchschnittliche_haushaltsgroesse',
  'household_size',
] as const;

/** Where each role is in a Zensus grid CSV's header (-1: absent). */
export interface ZensusColumns {
  names: string[];
  /** The first `gitter_id…` column. */
  id: number;
  /** `x_mp…`, `y_mp…`: the cell centre in EPSG:3035 (both or neither). */
  x: number;
  y: number;
  households: number;
  population: number;
  size: number;
  /** Fields a row must have to reach every column used. */
  needed: number;
}

function normalise(name: string): string {
  return name
    .trim()
    .replace(/^"|"$/g, '')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[\s-]+/g, '_');
}

/** The roles of a Zensus grid CSV's columns, checked: a position and a way to households are needed. */
export function zensusColumns(
  header: string,
  separator: string,
  path: string,
  options: ReadOptions,
): ZensusColumns {
  const names = header.split(separator).map((n) => n.trim().replace(/^"|"$/g, ''));
  const keys = names.map(normalise);
  const find = (list: readonly string[]) => keys.findIndex((k) => list.includes(k));
  const columns: ZensusColumns = {
    names,
    id: keys.findIndex((k) => k.startsWith('gitter_id')),
    x: keys.findIndex((k) => /^x_mp(_\w+)?$/.test(k)),
    y: keys.findIndex((k) => /^y_mp(_\w+)?$/.test(k)),
    households: find(HOUSEHOLD_COLUMNS),
    population: find(POPULATION_COLUMNS),
    size: find(HOUSEHOLD_SIZE_COLUMNS),
    needed: 0,
  };
  const where = { file: path, line: 1, value: header };
  if (columns.x < 0 !== columns.y < 0 || (columns.x < 0 && columns.id < 0))
    throw new InputError('a Zensus grid needs the cell centre x_mp…,y_mp… or a Gitter_ID… column', where);
  if (columns.households < 0 && columns.population < 0)
    throw new InputError(
      `no households (${HOUSEHOLD_COLUMNS.join(', ')}) nor population (${POPULATION_COLUMNS.join(', ')}) column`,
      where,
    );
  if (columns.households < 0 && columns.size < 0 && options.householdSize === undefined)
    throw new InputError(
      `population only: no households column and no average household size (${HOUSEHOLD_SIZE_COLUMNS.join(', ')})`,
      { ...where, hint: 'give read.householdSize (persons per household, e.g. 2.0)' },
    );
  columns.needed =
    1 +
    Math.max(
      ...(columns.x >= 0 ? [columns.x, columns.y] : [columns.id]),
      columns.households,
      columns.population,
      columns.size,
    );
  return columns;
}
