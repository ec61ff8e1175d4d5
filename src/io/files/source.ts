import { constants } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../../errors.js';
import { isStdin, isStream, openInput, readChunksSync, unreadableFile } from './input-stream.js';

/** Node cannot hold a string longer than this (V8's limit), so a whole-text reader refuses larger files. */
const MAX_TEXT_BYTES = 0x1fffffe8;
const CHUNK_BYTES = 8 << 20;

/** Size and sha256 of a file as read, so a result can be traced to exactly the bytes it came from. */
export interface FileDigest {
  sha256: string;
  bytes: number;
}

export function digestOf(bytes: Buffer): FileDigest {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** The digest of a file's bytes as they are on disk, read in chunks (others' work goes on between them). */
export async function fileDigest(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Checks that `path` is a readable file (not a folder), with a one-line error otherwise; stdin passes. */
export function checkInputFile(path: string): void {
  if (isStdin(path)) return;
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    throw unreadableFile(path, error);
  }
  if (isDirectory) throw new InputError('is a directory, expected a file', { file: path });
}

/** As checkInputFile, and opened and closed: a missing read permission shows too. */
export function checkReadableFile(path: string): void {
  checkInputFile(path);
  if (!isStdin(path)) closeSync(openInput(path));
}

/** Refuses stdin, a FIFO or a device for a format read at offsets (FlatGeobuf, GeoTIFF). */
export function checkSeekableFile(path: string, format: string): void {
  checkInputFile(path);
  if (isStream(path))
    throw new InputError(`${format} is read at offsets: it cannot come from a pipe, stdin or a device`, {
      file: path,
      hint: 'save it to a file first',
    });
}

/** Whether bytes start with the gzip magic number. */
function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Whether an input is gzipped: by its name, or by its first bytes (stdin and pipes have no name; no text starts so). */
export function isGzipped(path: string, head: Uint8Array): boolean {
  return path.toLowerCase().endsWith('.gz') || isGzip(head);
}

/**
 * The bytes of a file, gunzipped when it is gzipped (up to `maxBytes`, by default the largest
 * Buffer), and the digest of the file as read. Guarded by the bytes actually read, not by the size
 * `stat` tells: a FIFO, stdin or /dev/zero has a size of 0.
 */
export function readInputBytes(
  path: string,
  maxBytes = constants.MAX_LENGTH,
): { data: Buffer; digest: FileDigest } {
  checkInputFile(path);
  const tooLarge = (bytes: string) =>
    new InputError(`file is ${bytes} bytes, more than the ${maxBytes} this reader can hold in memory`, {
      file: path,
      hint: 'use a streamed format (CSV or FlatGeobuf households), or split the input into tiles',
    });
  const named = path.toLowerCase().endsWith('.gz');
  // Refused before a byte is read: a heap crash after minutes of reading helps nobody.
  const size = isStream(path) ? 0 : statSync(path).size;
  if (!named && size > maxBytes) throw tooLarge(String(size));
  const bytes = isStream(path)
    ? readStream(path, named ? constants.MAX_LENGTH : maxBytes, tooLarge)
    : readFile(path);
  const digest = digestOf(bytes);
  if (!isGzipped(path, bytes)) return { data: bytes, digest };
  try {
    return { data: gunzipSync(bytes, { maxOutputLength: maxBytes }), digest };
  } catch (error) {
    const message = (error as Error).message;
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /larger than/.test(message))
      throw new InputError(`decompresses to more than ${maxBytes} bytes`, {
        file: path,
        hint: 'decompress it first (gunzip): uncompressed CSV is streamed',
      });
    throw new InputError(`not a valid gzip file (${message})`, { file: path });
  }
}

function readFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read file (${code ?? String(error)})`, {
      file: path,
      hint: code === 'ERR_FS_FILE_TOO_LARGE' ? 'use an uncompressed CSV, which is streamed' : undefined,
    });
  }
}

/** A stream's bytes up to `limit`, counted as they are read. */
function readStream(path: string, limit: number, tooLarge: (bytes: string) => InputError): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  for (const chunk of readChunksSync(path, CHUNK_BYTES)) {
    total += chunk.length;
    if (total > limit) throw tooLarge(`more than ${limit}`);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

/** The text of a file (UTF-8, a leading BOM dropped), and the file's digest. */
export function readInputText(path: string): { text: string; digest: FileDigest } {
  const { data, digest } = readInputUtf8(path);
  return { text: utf8Text(data), digest };
}

/** The bytes `readInputText` decodes, undecoded: for a scanner that reads bytes and decodes only what it keeps. */
export function readInputUtf8(path: string): { data: Buffer; digest: FileDigest } {
  const { data: bytes, digest } = readInputBytes(path, MAX_TEXT_BYTES);
  if (bytes.length >= MAX_TEXT_BYTES) {
    throw new InputError(
      `file is ${bytes.length} bytes, more than the ${MAX_TEXT_BYTES} a single text can hold`,
      {
        file: path,
        hint: 'split the input into several files',
      },
    );
  }
  return { data: bytes, digest };
}

/** The text of UTF-8 bytes, a leading BOM dropped. */
export function utf8Text(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Where the text of UTF-8 bytes starts: past a BOM (EF BB BF), if any. */
export function utf8Start(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** The name without `.gz`, lower case, for choosing a format. */
export function formatName(path: string): string {
  const lower = path.toLowerCase();
  return lower.endsWith('.gz') ? lower.slice(0, -3) : lower;
}

/**
 * The bytes a reader will see, known before it reads: a plain file's size, a gzipped file's
 * uncompressed size from its trailer (modulo 4 GiB, so never less than its compressed size), or
 * undefined for stdin and pipes. For sizing columns up front, not for any check.
 */
export function expectedBytes(path: string): number | undefined {
  if (isStdin(path) || isStream(path)) return undefined;
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (size === undefined || !path.toLowerCase().endsWith('.gz') || size < 18) return size;
  const trailer = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, trailer, 0, 4, size - 4);
  } finally {
    closeSync(fd);
  }
  const isize = trailer.readUInt32LE(0);
  // A multi-member file or one past 4 GiB: the trailer says too little; gzip shrinks CSV ~4×.
  return isize >= size ? isize : size * 4;
}
