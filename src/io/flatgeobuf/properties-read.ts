import { nullRecord } from '../../model/user-keys.js';
import { ColumnType } from './format.js';
import type { Column } from './header.js';
import type { TableView } from './table-view.js';

/**
 * A feature's properties: a byte vector of (u16 column index, value) pairs, a value's size given by
 * its column's type (strings, JSON and binaries with a u32 length first); a missing column is null.
 */

/**
 * All properties as a record, a column the feature leaves out as null (as GDAL shows it); 64-bit
 * integers become numbers (exact up to 2^53).
 */
export function decodeProperties(view: TableView, vector: number, columns: readonly Column[]) {
  const properties = nullRecord<unknown>();
  for (const column of columns) properties[column.name] = null;
  if (vector < 0) return properties;
  const end = vector + 4 + view.length(vector, 1);
  for (let at = vector + 4; at < end; ) {
    const column = columnAt(view, at, end, columns);
    const size = valueSize(view, columns[column].type, at + 2, end);
    properties[columns[column].name] = valueAt(view, columns[column].type, at + 2);
    at += 2 + size;
  }
  return properties;
}

/** One column's value, or undefined when the feature has none: without decoding the others, no closure (hot). */
export function findProperty(
  view: TableView,
  vector: number,
  columns: readonly Column[],
  wanted: number,
): unknown {
  if (vector < 0) return undefined;
  const end = vector + 4 + view.length(vector, 1);
  for (let at = vector + 4; at < end; ) {
    const column = columnAt(view, at, end, columns);
    const size = valueSize(view, columns[column].type, at + 2, end);
    if (column === wanted) return valueAt(view, columns[column].type, at + 2);
    at += 2 + size;
  }
  return undefined;
}

/** The column index of the pair at `at`, checked. */
function columnAt(view: TableView, at: number, end: number, columns: readonly Column[]): number {
  if (at + 2 > end) view.fail('a property index cut off', at);
  const column = view.dv.getUint16(at, true);
  if (column >= columns.length)
    view.fail(`property of column ${column}, but there are ${columns.length}`, at);
  return column;
}

function valueSize(view: TableView, type: number, at: number, end: number): number {
  let size: number;
  switch (type) {
    case ColumnType.Byte:
    case ColumnType.UByte:
    case ColumnType.Bool:
      size = 1;
      break;
    case ColumnType.Short:
    case ColumnType.UShort:
      size = 2;
      break;
    case ColumnType.Int:
    case ColumnType.UInt:
    case ColumnType.Float:
      size = 4;
      break;
    case ColumnType.Long:
    case ColumnType.ULong:
    case ColumnType.Double:
      size = 8;
      break;
    case ColumnType.String:
    case ColumnType.Json:
    case ColumnType.DateTime:
    case ColumnType.Binary:
      if (at + 4 > end) view.fail('a property length cut off', at);
      size = 4 + view.dv.getUint32(at, true);
      break;
    default:
      view.fail(`unknown column type ${type}`, at);
  }
  if (at + size > end) view.fail(`a property value of ${size} bytes runs past the properties`, at);
  return size;
}

function valueAt(view: TableView, type: number, at: number): unknown {
  const dv = view.dv;
  switch (type) {
    case ColumnType.Byte:
      return dv.getInt8(at);
    case ColumnType.UByte:
      return dv.getUint8(at);
    case ColumnType.Bool:
      return dv.getUint8(at) !== 0;
    case ColumnType.Short:
      return dv.getInt16(at, true);
    case ColumnType.UShort:
      return dv.getUint16(at, true);
    case ColumnType.Int:
      return dv.getInt32(at, true);
    case ColumnType.UInt:
      return dv.getUint32(at, true);
    case ColumnType.Long:
      return Number(dv.getBigInt64(at, true));
    case ColumnType.ULong:
      return Number(dv.getBigUint64(at, true));
    case ColumnType.Float:
      return dv.getFloat32(at, true);
    case ColumnType.Double:
      return dv.getFloat64(at, true);
    case ColumnType.Json: {
      const text = view.buf.toString('utf8', at + 4, at + 4 + dv.getUint32(at, true));
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
    case ColumnType.Binary:
      // A copy: the chunk buffer is reused for the next features.
      return Uint8Array.prototype.slice.call(view.buf, at + 4, at + 4 + dv.getUint32(at, true));
    default:
      return view.buf.toString('utf8', at + 4, at + 4 + dv.getUint32(at, true));
  }
}
