import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The typed arrays a partial result holds; they travel as base64 of their bytes, so every bit survives. */
const TYPED = { Float64Array, Int32Array, Uint32Array, Uint8Array } as const;
type TypedName = keyof typeof TYPED;

function replacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && value.constructor.name in TYPED) {
    const view = value as Float64Array;
    const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    return { $typed: view.constructor.name, base64: bytes.toString('base64') };
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !('$typed' in value)) return value;
  const { $typed, base64 } = value as { $typed: TypedName; base64: string };
  const bytes = Buffer.from(base64, 'base64');
  // Copied into a fresh buffer: a Buffer's bytes may not sit at the alignment the view needs.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const Type = TYPED[$typed];
  return new Type(copy.buffer, 0, copy.byteLength / Type.BYTES_PER_ELEMENT);
}

export function encodePartial(value: unknown): string {
  return JSON.stringify(value, replacer);
}

export function decodePartial<T>(text: string): T {
  return JSON.parse(text, reviver) as T;
}

/** The sha256 of a value's canonical JSON (keys sorted): a job spec's name for its result. */
export function contentKey(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Writes `<dir>/<key>.json` whole or not at all: a retried job rewrites the same name with the same
 * bytes. The coordinator made `dir`; once it is gone (the run ended), a late job fails instead.
 */
export function writePartial(dir: string, key: string, value: unknown): string {
  const path = join(dir, `${key}.json`);
  const temp = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temp, encodePartial(value));
  renameSync(temp, path);
  return path;
}

export function readPartial<T>(dir: string, key: string): T {
  return decodePartial<T>(readFileSync(join(dir, `${key}.json`), 'utf8'));
}
