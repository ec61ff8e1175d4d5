import { LTE, NR } from './coverage.js';

/**
 * The Stats flattened into the columns of regions.geojson, regions.csv and regions.fgb: `id`, `name`,
 * the scalars, `<operator>_<field>` per operator, `households_<tech>` and `share_<tech>` per other
 * technology. Operator and technology names become column names, so some are refused (ColumnNames).
 */
export const SCALAR_COLUMNS = [
  'households',
  'households_5g',
  'share_5g',
  'households_lte',
  'share_lte',
  'households_no_lte',
  'households_single_lte',
  'area_km2',
  'area_5g_km2',
  'share_area_5g',
  'lte_dead_zone_area_km2',
] as const;

export const OPERATOR_FIELDS = ['households_5g', 'households_lte', 'share_5g', 'share_lte'] as const;

export const operatorColumn = (operator: string, field: (typeof OPERATOR_FIELDS)[number]) =>
  `${operator}_${field}`;

export const technologyColumns = (technology: string) =>
  [`households_${technology}`, `share_${technology}`] as const;

/** Technologies whose columns would be a scalar's (`no_lte` → households_no_lte); lte and 5g have the scalars. */
export const RESERVED_TECHNOLOGIES: readonly string[] = SCALAR_COLUMNS.flatMap((c) => {
  const match = /^(?:households|share)_(.+)$/.exec(c);
  return match && match[1] !== LTE && match[1] !== NR ? [match[1]] : [];
}).filter((t, k, all) => all.indexOf(t) === k);

/** Who writes a column: an operator or a technology, by name. */
export interface ColumnOwner {
  kind: 'operator' | 'technology';
  name: string;
}

/** A column two owners would write. */
export interface ColumnClash {
  column: string;
  /** Undefined: a fixed column (id, name or a scalar). */
  other?: ColumnOwner;
}

/**
 * The column names taken so far, compared ignoring case (GDAL, GeoPackage and spreadsheets do), so
 * a new operator or technology that would write a taken column is found when it is first read.
 */
export class ColumnNames {
  private readonly taken = new Map<string, ColumnOwner | undefined>();
  private readonly owners = new Set<string>();

  constructor() {
    for (const column of ['id', 'name', ...SCALAR_COLUMNS]) this.taken.set(column, undefined);
  }

  /** Takes the columns of `owner` (once per owner); returns the first clash instead, taking none. */
  claim(owner: ColumnOwner): ColumnClash | undefined {
    const key = `${owner.kind}\u0000${owner.name}`;
    if (this.owners.has(key)) return undefined;
    const columns = columnsOf(owner);
    for (const column of columns) {
      const lower = column.toLowerCase();
      if (this.taken.has(lower)) return { column, other: this.taken.get(lower) };
    }
    for (const column of columns) this.taken.set(column.toLowerCase(), owner);
    this.owners.add(key);
    return undefined;
  }
}

function columnsOf(owner: ColumnOwner): readonly string[] {
  if (owner.kind === 'operator') return OPERATOR_FIELDS.map((f) => operatorColumn(owner.name, f));
  return owner.name === LTE || owner.name === NR ? [] : technologyColumns(owner.name);
}

/** The clash as one line's problem and hint, for an InputError. */
export function describeClash(owner: ColumnOwner, clash: ColumnClash): { problem: string; hint: string } {
  const by = clash.other
    ? `which ${clash.other.kind} ${JSON.stringify(clash.other.name)} writes too`
    : 'a column of its own';
  return {
    problem: `${owner.kind} ${JSON.stringify(owner.name)} would write the column ${clash.column}, ${by}`,
    hint: `rename it in the input; column names are compared ignoring case; reserved: technologies ${RESERVED_TECHNOLOGIES.join(', ')}; an operator and a technology must not make one column (<operator>_households_5g = households_<technology>)`,
  };
}
