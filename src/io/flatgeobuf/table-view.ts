import { InputError } from '../../errors.js';

/**
 * A FlatBuffers reader for one buffer (the header, or one feature) inside a larger Buffer, every
 * offset checked against the buffer's bounds. A hand decoder rather than generated code: FlatGeobuf
 * needs five tables, and reading households straight into columns (no object per feature) is what
 * makes 20 M points fast; the checks turn a corrupt offset into an InputError with its byte offset,
 * where generated code would read garbage or loop.
 */
export class TableView {
  buf: Buffer = Buffer.alloc(0);
  /** On `buf`: DataView reads are inlined by V8, Buffer's readUInt32LE & co. validate their arguments first. */
  dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  private lo = 0;
  private hi = 0;
  /** File offset of buf[0], for errors. */
  private fileBase = 0;
  private what = '';
  /** The feature being read, for errors (undefined for the header). */
  feature: number | undefined;

  constructor(readonly file: string) {}

  /** Views buf[lo, hi); `what` names the buffer in errors ("the header", or "feature" and its index). */
  reset(buf: Buffer, lo: number, hi: number, fileBase: number, what: string, feature?: number): void {
    if (buf !== this.buf) {
      this.buf = buf;
      this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    this.lo = lo;
    this.hi = hi;
    this.fileBase = fileBase;
    this.what = what;
    this.feature = feature;
  }

  /** The root table. */
  root(): number {
    return this.offsetAt(this.lo);
  }

  /** Absolute position of a table's field, or -1 when absent (the default applies). */
  field(table: number, slot: number): number {
    this.check(table, 4);
    const vtable = table - this.dv.getInt32(table, true);
    this.check(vtable, 4);
    const vtableSize = this.dv.getUint16(vtable, true);
    const at = 4 + 2 * slot;
    if (at + 2 > vtableSize) return -1;
    this.check(vtable, at + 2);
    const relative = this.dv.getUint16(vtable + at, true);
    return relative === 0 ? -1 : table + relative;
  }

  u8(table: number, slot: number, fallback: number): number {
    const at = this.field(table, slot);
    if (at < 0) return fallback;
    this.check(at, 1);
    return this.buf[at];
  }

  u16(table: number, slot: number, fallback: number): number {
    const at = this.field(table, slot);
    if (at < 0) return fallback;
    this.check(at, 2);
    return this.dv.getUint16(at, true);
  }

  i32(table: number, slot: number, fallback: number): number {
    const at = this.field(table, slot);
    if (at < 0) return fallback;
    this.check(at, 4);
    return this.dv.getInt32(at, true);
  }

  /** An unsigned 64-bit field as a number; beyond 2^53 it cannot be a count in a real file. */
  u64(table: number, slot: number, fallback: number): number {
    const at = this.field(table, slot);
    if (at < 0) return fallback;
    this.check(at, 8);
    const value = this.dv.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`implausible 64-bit value ${value}`, at);
    return Number(value);
  }

  /** Position of the table, vector or string a field refers to, or -1. */
  ref(table: number, slot: number): number {
    const at = this.field(table, slot);
    return at < 0 ? -1 : this.offsetAt(at);
  }

  /** Number of elements of the vector at `vector`, checked to fit: elements start at vector + 4. */
  length(vector: number, elementBytes: number): number {
    this.check(vector, 4);
    const n = this.dv.getUint32(vector, true);
    this.check(vector + 4, n * elementBytes);
    return n;
  }

  string(table: number, slot: number): string | undefined {
    const at = this.ref(table, slot);
    if (at < 0) return undefined;
    const n = this.length(at, 1);
    return this.buf.toString('utf8', at + 4, at + 4 + n);
  }

  /** Element k of a vector of tables. */
  tableAt(vector: number, k: number): number {
    return this.offsetAt(vector + 4 + 4 * k);
  }

  /** Throws the InputError for a corrupt structure at buffer position `at`. */
  fail(problem: string, at: number): never {
    const what = this.feature === undefined ? this.what : `${this.what} ${this.feature}`;
    throw new InputError(`corrupt FlatGeobuf: ${problem} in ${what} at byte ${this.fileBase + at}`, {
      file: this.file,
      ...(this.feature === undefined ? {} : { feature: this.feature }),
    });
  }

  private offsetAt(at: number): number {
    this.check(at, 4);
    return at + this.dv.getUint32(at, true);
  }

  private check(at: number, bytes: number): void {
    if (at < this.lo || at + bytes > this.hi)
      this.fail(`an offset points outside the buffer (${this.hi - this.lo} bytes)`, Math.max(at, this.lo));
  }
}
