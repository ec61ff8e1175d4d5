import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../errors.js';
import { readInputBytes } from './source.js';

/** Bytes decoded per step: big enough to amortise the calls, small enough to never near V8's string limit. */
const CHUNK_BYTES = 8 << 20;

/**
 * The lines of a text file (UTF-8, BOM dropped, `\n` or `\r\n`), streamed chunk by chunk, so a file
 * far larger than the longest JS string is read in bounded memory. `.gz` files are gunzipped first.
 */
export function* textLines(path: string, chunkBytes = CHUNK_BYTES): Generator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let first = true;
  for (const bytes of chunks(path, chunkBytes)) {
    let text = rest + decoder.write(bytes);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
  rest += decoder.end();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

function* chunks(path: string, chunkBytes: number): Generator<Buffer> {
  if (path.toLowerCase().endsWith('.gz')) {
    const bytes = readInputBytes(path);
    for (let offset = 0; offset < bytes.length; offset += chunkBytes)
      yield bytes.subarray(offset, offset + chunkBytes);
    return;
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'file not found' : `cannot read file (${code})`, { file: path });
  }
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkBytes, null);
      if (n === 0) break;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
