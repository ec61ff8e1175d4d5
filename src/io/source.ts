import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../errors.js';

/** Node cannot hold a string longer than this (V8's limit), so a whole-text reader refuses larger files. */
const MAX_TEXT_BYTES = 0x1fffffe8;

/** The bytes of a file, gunzipped when its name ends in `.gz`. */
export function readInputBytes(path: string): Buffer {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new InputError('is a directory, expected a file', { file: path });
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(error)})`,
      {
        file: path,
      },
    );
  }
  if (!path.toLowerCase().endsWith('.gz')) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_TEXT_BYTES });
  } catch (error) {
    throw new InputError(`not a valid gzip file (${(error as Error).message})`, { file: path });
  }
}

/** The text of a file (UTF-8, a leading BOM dropped). */
export function readInputText(path: string): string {
  const bytes = readInputBytes(path);
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
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The name without `.gz`, lower case, for choosing a format. */
export function formatName(path: string): string {
  const lower = path.toLowerCase();
  return lower.endsWith('.gz') ? lower.slice(0, -3) : lower;
}
