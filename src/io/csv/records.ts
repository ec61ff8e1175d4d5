import { InputError } from '../../errors.js';
import { inputChunks } from '../files/input-chunks.js';
import type { FileDigest } from '../files/source.js';

const NL = 10;
const CR = 13;
const QUOTE = 34;

/** A longer record is a quote never closed or not a CSV file: refused instead of buffered without bound. */
const MAX_RECORD_BYTES = 16 << 20;

/** Called for each record: bytes[start, end) without its line end; `line` is the record's first line (1-based). */
export type OnRecord = (bytes: Buffer, start: number, end: number, line: number) => void;

/**
 * Splits CSV bytes, fed chunk by chunk, into records (RFC 4180): a record ends at `\n`, `\r\n` or a
 * lone `\r` (classic Mac), except inside a quoted field, which may hold separators and line ends.
 * Lines are counted as a text editor does (each of those three ends one line), so a record after a
 * quoted line break is named by its true line. Quotes count only in a field that starts with one.
 */
export class CsvRecords {
  /** The field separator, once the header told it; until then only a record's first byte may open a quote. */
  separator = -1;
  private line = 1;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The last record ended with `\r` at the end of a chunk: a `\n` starting the next one belongs to it. */
  private afterCr = false;
  /** Line breaks inside the quotes of the record `scan` last found. */
  private quotedBreaks = 0;

  constructor(
    private readonly path: string,
    private readonly onRecord: OnRecord,
  ) {}

  feed(chunk: Buffer): void {
    if (this.pendingBytes > 0) {
      // Without a line end in it, the chunk only makes the pending record longer.
      if (chunk.indexOf(NL) < 0 && chunk.indexOf(CR) < 0) {
        this.keep(chunk, 0);
        return;
      }
      this.pending.push(chunk);
      chunk = Buffer.concat(this.pending, this.pendingBytes + chunk.length);
      this.pending = [];
      this.pendingBytes = 0;
    }
    const rest = this.split(chunk, false);
    if (rest < chunk.length) this.keep(chunk, rest);
  }

  /** The last record, which may lack a line end; throws when a quoted field is never closed. */
  /** Feeds the whole input at `path` (streamed, gunzipped on the way) and returns its digest. */
  async readAll(path: string, chunkBytes: number): Promise<FileDigest> {
    const digest: { value?: FileDigest } = {};
    for await (const chunk of inputChunks(path, chunkBytes, digest)) this.feed(chunk);
    this.finish();
    if (!digest.value) throw new Error('the input was not read to its end');
    return digest.value;
  }

  finish(): void {
    if (this.pendingBytes === 0) return;
    const bytes = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.split(bytes, true);
  }

  private keep(chunk: Buffer, from: number): void {
    this.pending.push(chunk.subarray(from));
    this.pendingBytes += chunk.length - from;
    if (this.pendingBytes > MAX_RECORD_BYTES) this.tooLong();
  }

  private tooLong(): never {
    throw new InputError(`record is longer than ${MAX_RECORD_BYTES} bytes`, {
      file: this.path,
      line: this.line,
      hint: 'a quote (") that is never closed makes the rest of the file one field; or this is not a CSV file',
    });
  }

  /** Hands over the complete records in bytes; returns where the incomplete rest starts. */
  private split(bytes: Buffer, final: boolean): number {
    const length = bytes.length;
    let start = 0;
    if (this.afterCr && length > 0) {
      if (bytes[0] === NL) start = 1;
      this.afterCr = false;
    }
    // The next line end, carriage return and quote at or after `start` (length when none).
    let nl = -1;
    let cr = -1;
    let quote = -1;
    while (start < length) {
      if (nl < start) nl = indexOr(bytes, NL, start, length);
      if (cr < start) cr = indexOr(bytes, CR, start, length);
      if (quote < start) quote = indexOr(bytes, QUOTE, start, length);
      let end: number;
      this.quotedBreaks = 0;
      if (quote > nl && (cr > nl || cr === nl - 1) && nl < length) end = cr === nl - 1 ? cr : nl;
      else end = this.scan(bytes, start, length);
      if (end < 0) {
        if (!final) return start;
        if (this.quotedBreaks < 0)
          throw new InputError('a quoted field is not closed before the end of the file', {
            file: this.path,
            line: this.line,
            hint: 'close the field with "; a " inside a quoted field is written ""',
          });
        end = length;
      }
      if (end - start > MAX_RECORD_BYTES) this.tooLong();
      this.onRecord(bytes, start, end, this.line);
      this.line += 1 + Math.max(0, this.quotedBreaks);
      start = end + 1;
      if (end < length && bytes[end] === CR) {
        if (start < length) {
          if (bytes[start] === NL) start++;
        } else if (!final) this.afterCr = true;
      }
    }
    return length;
  }

  /**
   * The end of the record from `start`, byte by byte with quotes; −1 when the bytes end first
   * (`quotedBreaks` −1 when inside a quoted field).
   */
  private scan(bytes: Buffer, start: number, length: number): number {
    let quoted = false;
    let fieldQuoted = false;
    let fieldStart = start;
    let breaks = 0;
    for (let k = start; k < length; k++) {
      const b = bytes[k];
      if (quoted) {
        if (b === QUOTE) quoted = false;
        else if (b === NL || (b === CR && bytes[k + 1] !== NL)) breaks++;
      } else if (b === QUOTE) {
        if (k === fieldStart || fieldQuoted) quoted = fieldQuoted = true;
      } else if (b === this.separator) {
        fieldStart = k + 1;
        fieldQuoted = false;
      } else if (b === NL || b === CR) {
        this.quotedBreaks = breaks;
        return k;
      }
    }
    this.quotedBreaks = quoted ? -1 : breaks;
    return -1;
  }
}

function indexOr(bytes: Buffer, value: number, from: number, none: number): number {
  const at = bytes.indexOf(value, from);
  return at < 0 ? none : at;
}
