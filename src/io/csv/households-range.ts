import { closeSync, fstatSync, readSync } from 'node:fs';
import { InputError, isInputError } from '../../errors.js';
import { openInput } from '../files/input-stream.js';
import { isGzipped } from '../files/source.js';
import type { ResolvedReadOptions as ReadOptions } from '../read-options.js';
import type { HouseholdsFileRead } from '../read-result.js';
import { CsvHouseholdRows } from './households-read.js';
import { CsvRecords } from './records.js';

const NL = 10;
const CR = 13;
const QUOTE = 34;
const CHUNK_BYTES = 8 << 20;
const PROBE_BYTES = 64 << 10;
/** A header longer than this is no household CSV's: the file is read whole instead. */
const MAX_HEADER_BYTES = 64 << 10;

/** Range `index` of `of` read: its households and counts, as `readHouseholdsCsv` would give them for those rows. */
export type CsvRangeRead = Omit<HouseholdsFileRead, 'digest'>;

/**
 * Rows `index` of `of` of a CSV household file: the data rows (after the header) whose first byte
 * lies in the index-th of `of` equal byte ranges of the data, parsed as `readHouseholdsCsv` parses
 * them. Every range's first row is found the same way, after the first line end at or after its
 * first byte's predecessor, so the ranges together hold every row once. That holds only when no
 * quoted field spans a line end: a range with a quote (`"`) anywhere, a quote in the header, a
 * gzipped file or a header without a line end in its first 64 kB gives `null` (read the file whole).
 * An error names the row's line in the file (counted only then).
 */
export function readHouseholdsCsvRange(
  path: string,
  options: ReadOptions,
  index: number,
  of: number,
): CsvRangeRead | null {
  // Unreadable here: UNREADABLE_FILE, so the job is retried on a machine that shares the folder.
  const fd = openInput(path);
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, Math.min(size, MAX_HEADER_BYTES));
    if (isGzipped(path, head)) return null;
    const headerEnd = lineEnd(head, 0);
    if (headerEnd < 0 || head.subarray(0, headerEnd).includes(QUOTE)) return null;
    const dataStart = afterLineEnd(head, headerEnd);
    const at = (k: number) => dataStart + Math.floor(((size - dataStart) * k) / of);
    const start = rowStart(fd, size, at(index));
    const end = index + 1 >= of ? size : rowStart(fd, size, at(index + 1));
    const rows = new CsvHouseholdRows(path, options, Math.max(0, end - start));
    const records = new CsvRecords(path, rows.onRecord);
    rows.onLayout = (layout) => {
      records.separator = layout.separator;
    };
    records.feed(head.subarray(0, dataStart));
    try {
      for (let at = start; at < end; at += CHUNK_BYTES) {
        const chunk = readAt(fd, at, Math.min(CHUNK_BYTES, end - at));
        // Checked before it is parsed: a quoted line end may have put this range's start inside a row.
        if (chunk.includes(QUOTE)) return null;
        records.feed(chunk);
      }
      records.finish();
    } catch (error) {
      throw inFileLines(error, fd, start);
    }
    return rows.finish();
  } finally {
    closeSync(fd);
  }
}

/**
 * A row's error with its line in the file: the range's rows were counted from line 2 (after the
 * header), so the line ends before `start` are counted now, only for the error, as CsvRecords counts
 * lines (a text editor's count: `\n`, `\r\n` and a lone `\r` each end one).
 */
function inFileLines(error: unknown, fd: number, start: number): unknown {
  if (!isInputError(error) || error.where.line === undefined || error.where.line < 2) return error;
  let ends = 0;
  for (let from = 0; from < start; from += CHUNK_BYTES) {
    const chunk = readAt(fd, from, Math.min(CHUNK_BYTES, start - from));
    for (let k = 0; k < chunk.length; k++) {
      const b = chunk[k];
      // `\r\n` is one line end; a `\r` last in the chunk is one unless the next chunk starts with `\n`.
      if (b === NL) ends++;
      else if (
        b === CR &&
        (k + 1 < chunk.length ? chunk[k + 1] !== NL : readAt(fd, from + k + 1, 1)[0] !== NL)
      )
        ends++;
    }
  }
  return new InputError(error.problem ?? error.message, {
    ...error.where,
    line: error.where.line - 2 + ends + 1,
  });
}

/** The first byte of the first row starting at or after `at` (the file's size when none does). */
function rowStart(fd: number, size: number, at: number): number {
  // The row starting at `at` exactly is found from the line end just before it; rows are short, so
  // a small probe, not a chunk the range reads again anyway.
  for (let from = at - 1; from < size; from += PROBE_BYTES) {
    const chunk = readAt(fd, from, Math.min(PROBE_BYTES, size - from));
    const end = lineEnd(chunk, 0);
    if (end < 0) continue;
    // A `\r` last in the chunk: whether a `\n` follows is the next byte's to say.
    const next = end + 1 < chunk.length ? chunk[end + 1] : readAt(fd, from + end + 1, 1)[0];
    return from + end + (chunk[end] === CR && next === NL ? 2 : 1);
  }
  return size;
}

/** The first `\n` or `\r` at or after `from`, −1 when none. */
function lineEnd(bytes: Buffer, from: number): number {
  for (let k = from; k < bytes.length; k++) if (bytes[k] === NL || bytes[k] === CR) return k;
  return -1;
}

/** Where the row after the line end at `end` starts (`\r\n` is one line end). */
function afterLineEnd(bytes: Buffer, end: number): number {
  return bytes[end] === CR && bytes[end + 1] === NL ? end + 2 : end + 1;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  for (let done = 0; done < length; ) {
    const got = readSync(fd, bytes, done, length - done, position + done);
    if (got === 0) return bytes.subarray(0, done);
    done += got;
  }
  return bytes;
}
