import { constants } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../errors.js';

/** Node cannot hold a string longer than this (V8's limit), so a whole-text reader refuses larger files. */
const MAX_TEXT_BYTES = 0x1fffffe8;

/** Size and sha256 of a file as read, so a result can be traced to exactly the bytes it came from. */
export interface FileDigest {
  sha256: string;
  bytes: number;
}

export function digestOf(bytes: Buffer): FileDigest {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** Checks that `path` is a readable file (not a folder), with a one-line error otherwise. */
export function checkInputFile(path: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(error)})`,
      {
        file: path,
      },
    );
  }
  if (isDirectory) throw new InputError('is a directory, expected a file', { file: path });
}

/**
 * The bytes of a file, gunzipped when its name ends in `.gz` (up to `maxBytes`, by default the
 * largest Buffer), and the digest of the file as it is on disk.
 */
export function readInputBytes(
  path: string,
  maxBytes = constants.MAX_LENGTH,
): { data: Buffer; digest: FileDigest } {
  checkInputFile(path);
  // Refused before a byte is read: a heap crash after minutes of reading helps nobody.
  const size = statSync(path).size;
  if (!path.toLowerCase().endsWith('.gz') && size > maxBytes)
    throw new InputError(`file is ${size} bytes, more than the ${maxBytes} this reader can hold in memory`, {
      file: path,
      hint: 'use a streamed format (CSV or FlatGeobuf households), or split the input into tiles',
    });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read file (${code ?? String(error)})`, {
      file: path,
      hint: code === 'ERR_FS_FILE_TOO_LARGE' ? 'use an uncompressed CSV, which is streamed' : undefined,
    });
  }
  const digest = digestOf(bytes);
  if (!path.toLowerCase().endsWith('.gz')) return { data: bytes, digest };
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

/** The text of a file (UTF-8, a leading BOM dropped), and the file's digest. */
export function readInputText(path: string): { text: string; digest: FileDigest } {
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
  const text = bytes.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, digest };
}

/** The name without `.gz`, lower case, for choosing a format. */
export function formatName(path: string): string {
  const lower = path.toLowerCase();
  return lower.endsWith('.gz') ? lower.slice(0, -3) : lower;
}
