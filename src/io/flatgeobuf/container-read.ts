import { InputError } from '../../errors.js';
import type { FileDigest } from '../files/source.js';
import { FileChunks } from './file-chunks.js';
import { MAGIC, MAX_BUFFER_BYTES, PREFIX_BYTES } from './format.js';
import { decodeHeader, type HeaderMeta } from './header.js';
import { treeBytes } from './packed-rtree.js';
import { TableView } from './table-view.js';

/**
 * Walks a FlatGeobuf file front to back: magic bytes, header, spatial index (skipped: features are
 * read in file order), then each length-prefixed feature. Each length is checked against the bytes
 * left before anything is decoded — the npm `flatgeobuf` reader loops forever on a truncated file.
 * `visit` gets the view on the feature's root table; the view is reused, so copy what you keep.
 */
export function readContainer(
  path: string,
  onHeader: (header: HeaderMeta) => void,
  visit: (view: TableView, feature: number, index: number) => void,
  chunkBytes?: number,
): { header: HeaderMeta; features: number; digest: FileDigest } {
  const chunks = new FileChunks(path, chunkBytes);
  try {
    const view = new TableView(path);
    const header = readHeader(chunks, view);
    chunks.skip(treeBytes(header.featuresCount, header.indexNodeSize), 'the spatial index');
    // Each feature takes at least its 4-byte length and a 4-byte table: a larger count is corrupt
    // (and would otherwise size the household columns).
    if (header.featuresCount * 8 > chunks.remaining)
      throw new InputError(
        `corrupt FlatGeobuf: the header counts ${header.featuresCount} features, but only ${chunks.remaining} bytes follow at byte ${chunks.position}`,
        { file: path, field: 'header features_count', value: header.featuresCount },
      );
    onHeader(header);
    let index = 0;
    // A features_count of 0 means "unknown" (streaming writers): then features run to the end.
    while (header.featuresCount > 0 ? index < header.featuresCount : chunks.remaining > 0) {
      const lengthAt = chunks.take(PREFIX_BYTES, 'the length of feature', index);
      const length = chunks.buffer.readUInt32LE(lengthAt);
      if (length < 4 || length > MAX_BUFFER_BYTES)
        throw new InputError(
          `corrupt FlatGeobuf: feature ${index} has length ${length} at byte ${chunks.position - PREFIX_BYTES}`,
          { file: path, feature: index },
        );
      const fileAt = chunks.position;
      const at = chunks.take(length, 'feature', index);
      view.reset(chunks.buffer, at, at + length, fileAt - at, 'feature', index);
      visit(view, view.root(), index);
      index++;
    }
    if (chunks.remaining > 0)
      throw new InputError(
        `corrupt FlatGeobuf: ${chunks.remaining} bytes after the last of ${index} features, at byte ${chunks.position}`,
        { file: path, hint: 'the header counts fewer features than the file holds' },
      );
    return { header, features: index, digest: chunks.digest() };
  } finally {
    chunks.close();
  }
}

function readHeader(chunks: FileChunks, view: TableView): HeaderMeta {
  if (chunks.size === 0)
    throw new InputError('empty file (0 bytes): not a FlatGeobuf, no magic bytes at byte 0', {
      file: chunks.path,
    });
  const magicAt = chunks.take(MAGIC.length, 'the magic bytes');
  const magic = chunks.buffer.subarray(magicAt, magicAt + MAGIC.length);
  if (
    !magic.subarray(0, 3).equals(MAGIC.subarray(0, 3)) ||
    !magic.subarray(4, 7).equals(MAGIC.subarray(4, 7))
  )
    throw new InputError('not a FlatGeobuf file: wrong magic bytes at byte 0', {
      file: chunks.path,
      value: magic.toString('latin1'),
      hint:
        magic[0] === 0x1f && magic[1] === 0x8b
          ? 'it is gzipped: gunzip it first (FlatGeobuf is streamed as it is)'
          : 'expected "fgb\\x03fgb\\x01"; is it another format? give the right --…-format',
    });
  if (magic[3] !== MAGIC[3])
    throw new InputError(`FlatGeobuf version ${magic[3]} is not supported (only 3), at byte 3`, {
      file: chunks.path,
    });
  const sizeAt = chunks.take(PREFIX_BYTES, 'the header size');
  const size = chunks.buffer.readUInt32LE(sizeAt);
  if (size < 4 || size > MAX_BUFFER_BYTES)
    throw new InputError(`corrupt FlatGeobuf: header size ${size} at byte ${MAGIC.length}`, {
      file: chunks.path,
    });
  const fileAt = chunks.position;
  const at = chunks.take(size, 'the header');
  view.reset(chunks.buffer, at, at + size, fileAt - at, 'the header');
  return decodeHeader(view);
}
