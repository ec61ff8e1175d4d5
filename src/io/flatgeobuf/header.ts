import { type Crs, resolveCrs } from '../../geometry/crs.js';
import { ColumnSlot, CrsSlot, DEFAULT_NODE_SIZE, HeaderSlot } from './format.js';
import type { TableView } from './table-view.js';

/** A property column: its name and FlatGeobuf `ColumnType`. */
export interface Column {
  name: string;
  type: number;
}

/** What the header says about the features that follow. */
export interface HeaderMeta {
  geometryType: number;
  columns: Column[];
  /** 0 means unknown (a streaming writer): read features until the file ends. */
  featuresCount: number;
  /** 0: no spatial index. */
  indexNodeSize: number;
  crs?: Crs;
}

/** Decodes the header table the view points at. */
export function decodeHeader(view: TableView): HeaderMeta {
  const header = view.root();
  const columns = decodeColumns(view, view.ref(header, HeaderSlot.columns));
  const crsTable = view.ref(header, HeaderSlot.crs);
  const crs = crsTable < 0 ? undefined : decodeCrs(view, crsTable);
  return {
    geometryType: view.u8(header, HeaderSlot.geometryType, 0),
    columns,
    featuresCount: view.u64(header, HeaderSlot.featuresCount, 0),
    indexNodeSize: view.u16(header, HeaderSlot.indexNodeSize, DEFAULT_NODE_SIZE),
    ...(crs ? { crs } : {}),
  };
}

/** A vector of Column tables (the header's, or a feature's own schema). */
export function decodeColumns(view: TableView, vector: number): Column[] {
  if (vector < 0) return [];
  const n = view.length(vector, 4);
  const columns: Column[] = [];
  for (let k = 0; k < n; k++) {
    const table = view.tableAt(vector, k);
    const name = view.string(table, ColumnSlot.name);
    if (name === undefined) view.fail(`column ${k} has no name`, table);
    columns.push({ name, type: view.u8(table, ColumnSlot.type, 0) });
  }
  return columns;
}

/**
 * The CRS as organisation + code (`org` null means EPSG, as the spec says). A CRS given only as WKT
 * is not interpreted (proj4 cannot read WKT2): the file then counts as having none.
 */
function decodeCrs(view: TableView, table: number): Crs | undefined {
  const org = view.string(table, CrsSlot.org) ?? 'EPSG';
  const code = view.i32(table, CrsSlot.code, 0);
  const codeString = view.string(table, CrsSlot.codeString);
  const where = { file: view.file, field: 'header crs' };
  if (code > 0) return resolveCrs(`${org.toUpperCase()}:${code}`, where);
  if (codeString) return resolveCrs(`${org.toUpperCase()}:${codeString}`, where);
  return undefined;
}
