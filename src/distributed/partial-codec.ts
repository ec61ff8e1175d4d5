import { createHash, randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
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
/** The same over shared memory too (a share's columns are views on SharedArrayBuffers). */
type AnyTyped =
  | Float64Array<ArrayBufferLike>
  | Int32Array<ArrayBufferLike>
  | Uint32Array<ArrayBufferLike>
  | Uint8Array<ArrayBufferLike>;
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
  const { json, blobs } = header(bytes.subarray(0, 16), (length) => bytes.toString('utf8', 16, 16 + length));
  return revive<T>(json, (ref, into) =>
    into.set(bytes.subarray(blobs + ref.at, blobs + ref.at + into.byteLength)),
  );
}

/** The file's header checked, its JSON, and where its arrays' bytes begin. */
function header(head: Buffer, jsonOf: (length: number) => string): { json: string; blobs: number } {
  if (head.byteLength < 16 || !head.subarray(0, 8).equals(MAGIC))
    throw new Error('not a funkatlas job file (no FKJOB header)');
  const length = head.readUInt32LE(8);
  return { json: jsonOf(length), blobs: 16 + align8(length) };
}

/** Parses `json`, each typed array filled by `fill` with its bytes, in a SharedArrayBuffer of its own. */
function revive<T>(json: string, fill: (ref: TypedRef, into: Uint8Array) => void): T {
  return JSON.parse(json, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || !('$typed' in v)) return v;
    const ref = v as TypedRef;
    const Type = TYPED[ref.$typed] as unknown as TypedConstructor;
    const buffer = new SharedArrayBuffer(Math.max(1, ref.length) * Type.BYTES_PER_ELEMENT);
    fill(ref, new Uint8Array(buffer, 0, ref.length * Type.BYTES_PER_ELEMENT));
    return new Type(buffer, 0, ref.length);
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
    for (const piece of encodePartial(value)) {
      // A write may take less than it was given (a piece over 2 GB, a signal): the rest follows.
      for (let done = 0; done < piece.byteLength; ) done += writeSync(fd, piece, done);
    }
    // No fsync: a machine that dies before its bytes reach the disk has its job retried, and the
    // retry rewrites the file; closing it is what makes it whole for other machines (NFS).
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  return path;
}

/** A job file read array by array straight into its shared memory: no 2 GB limit, no second copy. */
export function readPartial<T>(dir: string, key: string): T {
  const file = openFile(dir, key);
  try {
    return revive<T>(file.json, (ref, into) => file.read(into, file.blobs + ref.at));
  } finally {
    closeSync(file.fd);
  }
}

/** A job file opened, its header checked and its JSON read; `read` fills bytes from a position. */
function openFile(dir: string, key: string) {
  const fd = openSync(join(dir, `${key}.job`), 'r');
  const read = (into: Uint8Array, position: number) => {
    for (let done = 0; done < into.byteLength; ) {
      const got = readSync(fd, into, done, into.byteLength - done, position + done);
      if (got === 0) throw new Error(`job file ${key} ends early`);
      done += got;
    }
  };
  try {
    const head = Buffer.alloc(16);
    read(head, 0);
    const { json, blobs } = header(head, (length) => {
      const text = Buffer.alloc(length);
      read(text, 16);
      return text.toString('utf8');
    });
    return { fd, read, json, blobs };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** A job file opened for reading parts of its arrays: a share job reads its regions' slices of a larger file. */
export interface OpenPartial<T> {
  /** The file's value with each typed array left as a reference (`{ $typed, at, length }`). */
  value: T;
  /** Elements `from`..`from + into.length` of the array `ref` stands for, read into `into`. */
  readInto(ref: unknown, from: number, into: AnyTyped): void;
  /** The whole array `ref` stands for, in shared memory. */
  array<A extends AnyTyped>(ref: unknown): A;
  close(): void;
}

export function openPartial<T>(dir: string, key: string): OpenPartial<T> {
  const { fd, read, json, blobs } = openFile(dir, key);
  return {
    value: JSON.parse(json) as T,
    readInto(ref, from, into) {
      const { $typed, at, length } = ref as TypedRef;
      if (TYPED[$typed] !== into.constructor || from < 0 || from + into.length > length)
        throw new Error(`job file ${key}: no ${into.length} ${$typed} elements from ${from}`);
      read(
        new Uint8Array(into.buffer, into.byteOffset, into.byteLength),
        blobs + at + from * into.BYTES_PER_ELEMENT,
      );
    },
    array<A extends AnyTyped>(ref: unknown): A {
      return revive<A>(JSON.stringify(ref), (r, into) => read(into, blobs + r.at));
    },
    close: () => closeSync(fd),
  };
}
