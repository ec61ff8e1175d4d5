import { createHash, randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A job's files in the shared folder: JSON for the structure, the typed arrays as their raw bytes
 * after it, so every bit survives and a shard of 20 M household points (400 MB) is no 500 MB string.
 * Layout: "FKJOB\0\0\x01", the JSON's byte length (uint32 LE, then 0), the JSON, zeros up to a
 * multiple of 8, then each array's bytes, each starting at a multiple of 8 after the header.
 */
const MAGIC = Buffer.from('FKJOB\0\0\x01', 'latin1');
const TYPED = { Float64Array, Int32Array, Uint32Array, Uint8Array } as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;
/** Any of them, as one constructor (they share the shape). */
type TypedConstructor = {
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): Typed;
  readonly BYTES_PER_ELEMENT: number;
};

interface TypedRef {
  $typed: TypedName;
  at: number;
  length: number;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** The value as the file's pieces: header, JSON, padding, array bytes. */
export function encodePartial(value: unknown): Buffer[] {
  const arrays: Typed[] = [];
  let at = 0;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (!ArrayBuffer.isView(v) || !(v.constructor.name in TYPED)) return v;
    const view = v as Typed;
    const ref: TypedRef = { $typed: view.constructor.name as TypedName, at, length: view.length };
    arrays.push(view);
    at += align8(view.byteLength);
    return ref;
  });
  const text = Buffer.from(json, 'utf8');
  const head = Buffer.alloc(16);
  MAGIC.copy(head);
  head.writeUInt32LE(text.byteLength, 8);
  const pieces = [head, text, Buffer.alloc(align8(text.byteLength) - text.byteLength)];
  for (const view of arrays) {
    pieces.push(Buffer.from(view.buffer, view.byteOffset, view.byteLength));
    pieces.push(Buffer.alloc(align8(view.byteLength) - view.byteLength));
  }
  return pieces;
}

/** The value back; its typed arrays in SharedArrayBuffers, so a worker pool reads them without a copy. */
export function decodePartial<T>(bytes: Buffer): T {
  if (bytes.byteLength < 16 || !bytes.subarray(0, 8).equals(MAGIC))
    throw new Error('not a funkatlas job file (no FKJOB header)');
  const length = bytes.readUInt32LE(8);
  const blobs = 16 + align8(length);
  return JSON.parse(bytes.toString('utf8', 16, 16 + length), (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || !('$typed' in v)) return v;
    const { $typed, at, length: n } = v as TypedRef;
    const Type = TYPED[$typed] as unknown as TypedConstructor;
    const out = new Type(new SharedArrayBuffer(Math.max(1, n) * Type.BYTES_PER_ELEMENT), 0, n);
    const start = bytes.byteOffset + blobs + at;
    const end = start + n * Type.BYTES_PER_ELEMENT;
    // A view where the bytes sit aligned (a whole file read: always), else a copy of them.
    const source =
      start % Type.BYTES_PER_ELEMENT === 0
        ? new Type(bytes.buffer, start, n)
        : new Type(bytes.buffer.slice(start, end));
    (out as Float64Array).set(source as Float64Array);
    return out;
  }) as T;
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
 * Writes `<dir>/<key>.job` whole or not at all: a retried job rewrites the same name with the same
 * bytes. The coordinator made `dir`; once it is gone (the run ended), a late job fails instead.
 */
export function writePartial(dir: string, key: string, value: unknown): string {
  const path = join(dir, `${key}.job`);
  const temp = `${path}.${randomUUID()}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    for (const piece of encodePartial(value)) writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  return path;
}

export function readPartial<T>(dir: string, key: string): T {
  return decodePartial<T>(readFileSync(join(dir, `${key}.job`)));
}
