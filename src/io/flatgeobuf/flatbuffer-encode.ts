/**
 * A small FlatBuffers encoder for the few tables FlatGeobuf writes. Forward, not back to front like
 * the official builder: each vtable just before its table, then the table's children after it, so
 * every offset is known when written. Alignment is relative to the start of the size-prefixed buffer,
 * as the official `finishSizePrefixed` (and so GDAL) lays it out; `tsc` types stand in for a schema.
 */
export type Field =
  | { kind: 'u8'; value: number }
  | { kind: 'u16'; value: number }
  | { kind: 'i32'; value: number }
  | { kind: 'u64'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'f64s'; value: ArrayLike<number> }
  | { kind: 'u32s'; value: ArrayLike<number> }
  | { kind: 'bytes'; value: Uint8Array }
  | { kind: 'table'; value: Table }
  | { kind: 'tables'; value: Table[] };

/** A table's fields by slot (vtable index); undefined slots are absent. */
export type Table = (Field | undefined)[];

const INLINE_BYTES: Record<Field['kind'], number> = {
  u8: 1,
  u16: 2,
  i32: 4,
  u64: 8,
  string: 4,
  f64s: 4,
  u32s: 4,
  bytes: 4,
  table: 4,
  tables: 4,
};

/** `root` as a size-prefixed FlatBuffer (u32 size, then the buffer), padded to a multiple of 8. */
export function encodeSizePrefixed(root: Table): Buffer {
  const out = new Output();
  out.skip(8); // size prefix, root offset
  const table = writeTable(out, root);
  out.patchU32(4, table - 4);
  out.align(8, 0);
  out.patchU32(0, out.length - 4);
  return out.bytes();
}

function writeTable(out: Output, table: Table): number {
  const slots = table.map((field, slot) => ({ field, slot })).filter((s) => s.field !== undefined);
  // Widest first, so every inline field is aligned once the table's start is.
  const inline = [...slots].sort(
    (a, b) => INLINE_BYTES[(b.field as Field).kind] - INLINE_BYTES[(a.field as Field).kind],
  );
  const vtableBytes = 4 + 2 * table.length;
  const layout = new Map<number, number>();
  let size = 4;
  for (const { field, slot } of inline) {
    layout.set(slot, size);
    size += INLINE_BYTES[(field as Field).kind];
  }
  out.align(2, 0);
  const vtable = out.length;
  out.skip(vtableBytes);
  // The table starts 4-aligned; with 8-byte fields (right after the soffset) 4 mod 8.
  const wide = inline.length > 0 && INLINE_BYTES[(inline[0].field as Field).kind] === 8;
  out.align(wide ? 8 : 4, wide ? 4 : 0);
  const start = out.length;
  out.patchU16(vtable, vtableBytes);
  out.patchU16(vtable + 2, size);
  for (const { slot } of slots) out.patchU16(vtable + 4 + 2 * slot, layout.get(slot) as number);
  out.skip(size);
  out.patchI32(start, start - vtable);
  const children: { at: number; field: Field }[] = [];
  for (const { field, slot } of slots) {
    const at = start + (layout.get(slot) as number);
    const f = field as Field;
    if (f.kind === 'u8') out.patchU8(at, f.value);
    else if (f.kind === 'u16') out.patchU16(at, f.value);
    else if (f.kind === 'i32') out.patchI32(at, f.value);
    else if (f.kind === 'u64') out.patchU64(at, f.value);
    else children.push({ at, field: f });
  }
  for (const { at, field } of children) out.patchU32(at, writeChild(out, field) - at);
  return start;
}

/** Writes a string, vector or table after the current end and returns its position. */
function writeChild(out: Output, field: Field): number {
  switch (field.kind) {
    case 'table':
      return writeTable(out, field.value);
    case 'string': {
      const bytes = Buffer.from(field.value, 'utf8');
      const at = vectorStart(out, 4, bytes.length);
      out.write(bytes);
      out.skip(1); // FlatBuffers strings end in a 0 byte
      return at;
    }
    case 'bytes': {
      const at = vectorStart(out, 4, field.value.length);
      out.write(field.value);
      return at;
    }
    case 'f64s': {
      const at = vectorStart(out, 8, field.value.length);
      for (let k = 0; k < field.value.length; k++) out.f64(field.value[k]);
      return at;
    }
    case 'u32s': {
      const at = vectorStart(out, 4, field.value.length);
      for (let k = 0; k < field.value.length; k++) out.u32(field.value[k]);
      return at;
    }
    case 'tables': {
      const at = vectorStart(out, 4, field.value.length);
      out.skip(4 * field.value.length);
      field.value.forEach((table, k) => {
        const slot = at + 4 + 4 * k;
        out.patchU32(slot, writeTable(out, table) - slot);
      });
      return at;
    }
    default:
      throw new Error(`scalar field ${field.kind} cannot be a child`);
  }
}

/** A vector's length, placed so its elements (after the 4-byte length) are aligned. */
function vectorStart(out: Output, elementAlign: number, n: number): number {
  out.align(Math.max(4, elementAlign), 4 % Math.max(4, elementAlign));
  const at = out.length;
  out.u32(n);
  return at;
}

/** A growable little-endian byte buffer. */
class Output {
  private buf = Buffer.alloc(256);
  length = 0;

  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  /** Zero bytes until (length + offset) is a multiple of `align`. */
  align(align: number, offset: number): void {
    const pad = (align - ((this.length + offset) % align)) % align;
    this.skip(pad);
  }

  skip(n: number): void {
    this.reserve(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
  }

  write(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  u32(value: number): void {
    this.reserve(4);
    this.length = this.buf.writeUInt32LE(value, this.length);
  }

  f64(value: number): void {
    this.reserve(8);
    this.length = this.buf.writeDoubleLE(value, this.length);
  }

  patchU8(at: number, value: number): void {
    this.buf.writeUInt8(value, at);
  }

  patchU16(at: number, value: number): void {
    this.buf.writeUInt16LE(value, at);
  }

  patchI32(at: number, value: number): void {
    this.buf.writeInt32LE(value, at);
  }

  patchU32(at: number, value: number): void {
    this.buf.writeUInt32LE(value, at);
  }

  patchU64(at: number, value: number): void {
    this.buf.writeBigUInt64LE(BigInt(value), at);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = Buffer.alloc(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
  }
}
