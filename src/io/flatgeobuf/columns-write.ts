import { ownProperty } from '../../model/user-keys.js';
import { ColumnType } from './format.js';
import type { Column } from './header.js';

/**
 * The property schema of a set of features, from ALL of them (the npm `flatgeobuf` serializer types
 * columns from the first feature only, so a null there or an integer before a fraction breaks the
 * file): booleans → Bool; integers → Int, or Long beyond 32 bits; any fraction → Double; strings →
 * String; anything mixed or nested → Json; `doubles` names columns that are Double even when every
 * value is whole. Every column is nullable; null and non-finite numbers
 * (which GeoJSON writes as null too) are left out of a feature.
 */
export function inferColumns(
  properties: Iterable<Record<string, unknown>>,
  doubles: (name: string) => boolean = () => false,
): Column[] {
  const kinds = new Map<string, Set<string>>();
  for (const record of properties) {
    for (const [name, value] of Object.entries(record)) {
      const seen = kinds.get(name) ?? new Set<string>();
      kinds.set(name, seen);
      const kind = kindOf(value);
      if (kind !== undefined) seen.add(kind);
    }
  }
  return [...kinds].map(([name, seen]) => {
    const type = typeOf(seen);
    // A share that happens to be 0 or 1 in every row is still a fraction: its type should not flip between runs.
    const integer = type === ColumnType.Int || type === ColumnType.Long;
    return { name, type: integer && doubles(name) ? ColumnType.Double : type };
  });
}

function kindOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    if (!Number.isInteger(value)) return 'double';
    return value >= -0x80000000 && value <= 0x7fffffff ? 'int' : 'long';
  }
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  return 'json';
}

function typeOf(seen: Set<string>): number {
  if (seen.size === 0 || (seen.size === 1 && seen.has('string'))) return ColumnType.String;
  if (seen.size === 1 && seen.has('bool')) return ColumnType.Bool;
  const numeric = [...seen].every((k) => k === 'int' || k === 'long' || k === 'double');
  if (!numeric) return ColumnType.Json;
  if (seen.has('double')) return ColumnType.Double;
  return seen.has('long') ? ColumnType.Long : ColumnType.Int;
}

/** A feature's properties as FlatGeobuf encodes them: (u16 column, value) pairs, in column order. */
export function encodeProperties(record: Record<string, unknown>, columns: readonly Column[]): Buffer {
  const parts: Buffer[] = [];
  columns.forEach((column, index) => {
    const value = ownProperty(record, column.name);
    if (kindOf(value) === undefined) return;
    const key = Buffer.alloc(2);
    key.writeUInt16LE(index);
    parts.push(key, valueBytes(value, column.type));
  });
  return Buffer.concat(parts);
}

function valueBytes(value: unknown, type: number): Buffer {
  switch (type) {
    case ColumnType.Bool:
      return Buffer.of(value ? 1 : 0);
    case ColumnType.Int: {
      const b = Buffer.alloc(4);
      b.writeInt32LE(value as number);
      return b;
    }
    case ColumnType.Long: {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE(BigInt(value as number));
      return b;
    }
    case ColumnType.Double: {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(value as number);
      return b;
    }
    default: {
      const text = Buffer.from(type === ColumnType.Json ? JSON.stringify(value) : String(value), 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32LE(text.length);
      return Buffer.concat([length, text]);
    }
  }
}
