import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from '../../errors.js';

/** Bytes per value of each TIFF field type, by type code (TIFF 6.0 and BigTIFF). */
const TYPE_BYTES = [1, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 1, 1, 8, 8, 8];
const TRUNCATED = 'the file is truncated; copy or download it again';

/**
 * Checks that the header, the first image's directory and every tag value it points to lie inside
 * the file. geotiff.js reads missing bytes as zeros, so a cut-off directory would otherwise surface
 * as a baffling "1-bit data" or "sparse block" complaint, or as zeros.
 */
export function checkDirectory(path: string, fileBytes: number): void {
  const fd = openSync(path, 'r');
  try {
    const read = (offset: number, length: number, what: string): Buffer => {
      if (offset + length > fileBytes)
        throw new InputError(
          `${what} at offset ${offset} (${length} bytes) ends past the end of the file (${fileBytes} bytes)`,
          { file: path, hint: TRUNCATED },
        );
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, offset);
      return buffer;
    };
    if (fileBytes < 8)
      throw new InputError(`too short to be a TIFF file (${fileBytes} bytes)`, { file: path });
    const head = read(0, Math.min(16, fileBytes), 'the header');
    const order = head.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') throw new InputError('not a TIFF file', { file: path });
    const little = order === 'II';
    const u16 = (b: Buffer, at: number) => (little ? b.readUInt16LE(at) : b.readUInt16BE(at));
    const u32 = (b: Buffer, at: number) => (little ? b.readUInt32LE(at) : b.readUInt32BE(at));
    const u64 = (b: Buffer, at: number) => Number(little ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at));
    const big = u16(head, 2) === 43;
    if (!big && u16(head, 2) !== 42) throw new InputError('not a TIFF file', { file: path });
    if (big && head.length < 16) read(0, 16, 'the BigTIFF header');
    const ifd = big ? u64(head, 8) : u32(head, 4);
    const countBytes = big ? 8 : 2;
    const entryBytes = big ? 20 : 12;
    const valueBytes = big ? 8 : 4;
    const countField = read(ifd, countBytes, 'the image directory');
    const entries = big ? u64(countField, 0) : u16(countField, 0);
    const dir = read(
      ifd + countBytes,
      entries * entryBytes + valueBytes,
      `the image directory (${entries} tags)`,
    );
    for (let k = 0; k < entries; k++) {
      const at = k * entryBytes;
      const count = big ? u64(dir, at + 4) : u32(dir, at + 4);
      const bytes = count * (TYPE_BYTES[u16(dir, at + 2)] ?? 1);
      if (bytes <= valueBytes) continue;
      const offset = big ? u64(dir, at + 12) : u32(dir, at + 8);
      if (offset + bytes > fileBytes) read(offset, bytes, `the value of tag ${u16(dir, at)}`);
    }
  } finally {
    closeSync(fd);
  }
}
