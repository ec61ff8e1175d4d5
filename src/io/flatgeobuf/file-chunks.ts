import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { checkSeekableFile, type FileDigest } from '../files/source.js';

const CHUNK_BYTES = 4 << 20;

/**
 * A file read front to back in chunks through one fd, never whole: FlatGeobuf files may be larger
 * than a Buffer can hold. Every request is checked against the file size first, so a truncated file
 * fails with the byte offset instead of being decoded from garbage; the bytes are hashed as they are
 * read, so the digest is of exactly what was analysed without a second pass.
 */
export class FileChunks {
  readonly size: number;
  /** Holds the bytes of the last `take`, at `offset`; valid until the next call. */
  buffer: Buffer;
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  /** Unconsumed bytes are buffer[start, end); `end` corresponds to file offset `filled`. */
  private start = 0;
  private end = 0;
  private filled = 0;

  /** `chunkBytes`: the read size (a buffer grows for a larger feature); small in tests, to cross chunk borders. */
  constructor(
    readonly path: string,
    chunkBytes = CHUNK_BYTES,
  ) {
    checkSeekableFile(path, 'FlatGeobuf');
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
    // Unzeroed: only bytes read from the file are ever looked at.
    this.buffer = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, this.size)));
  }

  /** File offset of the next byte `take` returns. */
  get position(): number {
    return this.filled - (this.end - this.start);
  }

  /** Bytes not yet consumed. */
  get remaining(): number {
    return this.size - this.position;
  }

  /**
   * Consumes `n` bytes and returns where they start in `buffer`. `what` names them for the error
   * when the file ends first ("the header", or "feature" with `index` 12: no string per feature).
   */
  take(n: number, what: string, index = -1): number {
    if (n > this.remaining) this.require(n, index < 0 ? what : `${what} ${index}`);
    if (this.end - this.start < n) this.fill(n, index < 0 ? what : `${what} ${index}`);
    const at = this.start;
    this.start += n;
    return at;
  }

  /** Consumes `n` bytes without keeping them (they are still hashed): the spatial index. */
  skip(n: number, what: string): void {
    this.require(n, what);
    let left = n;
    while (left > 0) {
      if (this.end === this.start) this.fill(1, what);
      const step = Math.min(left, this.end - this.start);
      this.start += step;
      left -= step;
    }
  }

  /** The digest of the whole file; call after everything was consumed. */
  digest(): FileDigest {
    if (this.remaining !== 0) throw new Error(`digest of a partly read file (${this.remaining} bytes left)`);
    return { sha256: this.hash.digest('hex'), bytes: this.size };
  }

  close(): void {
    closeSync(this.fd);
  }

  /** The file ending inside a structure is the user's problem, told with the offset. */
  private require(n: number, what: string): void {
    if (n > this.remaining)
      throw new InputError(
        `truncated FlatGeobuf: ${what} at byte ${this.position} needs ${n} bytes, but the file ends at byte ${this.size}`,
        { file: this.path, hint: 'the file is incomplete or corrupt; write or download it again' },
      );
  }

  /** Moves the unconsumed bytes to the front and reads until at least `n` are buffered. */
  private fill(n: number, what: string): void {
    const kept = this.end - this.start;
    if (n > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(n, this.buffer.length * 2));
      this.buffer.copy(bigger, 0, this.start, this.end);
      this.buffer = bigger;
    } else {
      this.buffer.copyWithin(0, this.start, this.end);
    }
    this.start = 0;
    this.end = kept;
    while (this.end < n) {
      const want = Math.min(this.buffer.length - this.end, this.size - this.filled);
      const got = want > 0 ? readSync(this.fd, this.buffer, this.end, want, this.filled) : 0;
      // The file shrank while being read: as truncated as one that was short from the start.
      if (got === 0)
        throw new InputError(
          `truncated FlatGeobuf: ${what} at byte ${this.position} needs ${n} bytes, but reading stopped at byte ${this.filled}`,
          { file: this.path },
        );
      this.hash.update(this.buffer.subarray(this.end, this.end + got));
      this.end += got;
      this.filled += got;
    }
  }
}
