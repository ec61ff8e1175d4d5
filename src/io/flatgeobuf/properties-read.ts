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
  const properties: Record<string, unknown> = {};
  for (const column of columns) properties[column.name] = null;
  walk(view, vector, columns, (column, at) => {
    properties[columns[column].name] = valueAt(view, columns[column].type, at);
    return false;
  });
  return properties;
}

/** One column's value, or undefined when the feature has none: without decoding the others. */
export function findProperty(
  view: TableView,
  vector: number,
  columns: readonly Column[],
  wanted: number,
): unknown {
  let found: unknown;
  walk(view, vector, columns, (column, at) => {
    if (column !== wanted) return false;
    found = valueAt(view, columns[column].type, at);
    return true;
  });
  return found;
}

/** Calls `visit` with each pair's column and value position until it returns true. */
function walk(
  view: TableView,
  vector: number,
  columns: readonly Column[],
  visit: (column: number, at: number) => boolean,
): void {
  if (vector < 0) return;
  const end = vector + 4 + view.length(vector, 1);
  const buf = view.buf;
  let at = vector + 4;
  while (at < end) {
    if (at + 2 > end) view.fail('a property index cut off', at);
    const column = buf.readUInt16LE(at);
    if (column >= columns.length)
      view.fail(`property of column ${column}, but there are ${columns.length}`, at);
    at += 2;
    const size = valueSize(view, columns[column].type, at, end);
    if (visit(column, at)) return;
    at += size;
  }
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
      size = 4 + view.buf.readUInt32LE(at);
      break;
    default:
      view.fail(`unknown column type ${type}`, at);
  }
  if (at + size > end) view.fail(`a property value of ${size} bytes runs past the properties`, at);
  return size;
}

function valueAt(view: TableView, type: number, at: number): unknown {
  const buf = view.buf;
  switch (type) {
    case ColumnType.Byte:
      return buf.readInt8(at);
    case ColumnType.UByte:
      return buf[at];
    case ColumnType.Bool:
      return buf[at] !== 0;
    case ColumnType.Short:
      return buf.readInt16LE(at);
    case ColumnType.UShort:
      return buf.readUInt16LE(at);
    case ColumnType.Int:
      return buf.readInt32LE(at);
    case ColumnType.UInt:
      return buf.readUInt32LE(at);
    case ColumnType.Long:
      return Number(buf.readBigInt64LE(at));
    case ColumnType.ULong:
      return Number(buf.readBigUInt64LE(at));
    case ColumnType.Float:
      return buf.readFloatLE(at);
    case ColumnType.Double:
      return buf.readDoubleLE(at);
    case ColumnType.Json: {
      const text = buf.toString('utf8', at + 4, at + 4 + buf.readUInt32LE(at));
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
    case ColumnType.Binary:
      // A copy: the chunk buffer is reused for the next features.
      return Uint8Array.prototype.slice.call(buf, at + 4, at + 4 + buf.readUInt32LE(at));
    default:
      return buf.toString('utf8', at + 4, at + 4 + buf.readUInt32LE(at));
  }
}
