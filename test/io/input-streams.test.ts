import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readHouseholdsCsv } from '../../src/io/csv/households-read.js';
import { readInputBytes, readInputText } from '../../src/io/files/source.js';
import { readHouseholds } from '../../src/io/households.js';
import { readZensusHouseholds } from '../../src/io/zensus/grid-read.js';
import { tempDir } from '../helpers.js';

const ZENSUS = new URL('../fixtures/zensus/', import.meta.url).pathname;

/** `member` gzipped once and repeated `times`: a gzip file of `times` members decompresses to their concatenation. */
function repeatedGzip(member: Buffer, times: number): Buffer {
  const one = gzipSync(member, { level: 1 });
  return Buffer.concat(Array.from({ length: times }, () => one));
}

/** A FIFO in a temp folder, written by another process (this one reads it synchronously at first). */
function fifoWith(content: string): string {
  const dir = tempDir();
  const fifo = join(dir, 'pipe');
  const source = join(dir, 'source');
  writeFileSync(source, content);
  execFileSync('mkfifo', [fifo]);
  spawn('sh', ['-c', `cat "${source}" > "${fifo}"`], { stdio: 'ignore' });
  return fifo;
}

describe('gzipped households are streamed', () => {
  it('reads 512 MB of blank lines from a 1 MB gzip without holding them (RSS grows by far less)', async () => {
    const lines = Buffer.from(`${' '.repeat(1023)}\n`.repeat(1024) + '\n'.repeat(4096));
    const path = join(tempDir(), 'blank.csv.gz');
    writeFileSync(path, Buffer.concat([gzipSync('lon,lat\n7,51\n'), repeatedGzip(lines, 512)]));
    const before = process.memoryUsage().rss;
    const read = await readHouseholds(path);
    const grown = process.memoryUsage().rss - before;
    expect(read.households.count).toBe(1);
    expect(read.input.bytes).toBe(readFileSync(path).length);
    expect(grown).toBeLessThan(200 << 20);
  }, 20_000);

  it('refuses a gzip bomb of bytes without a line end after 16 MB, not after gigabytes', async () => {
    const path = join(tempDir(), 'bomb.csv.gz');
    writeFileSync(path, Buffer.concat([gzipSync('lon,lat\n'), repeatedGzip(Buffer.alloc(4 << 20), 1024)]));
    const started = performance.now();
    await expect(readHouseholds(path)).rejects.toThrow(
      /bomb\.csv\.gz, line 2: record is longer than 16777216 bytes/,
    );
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses a truncated or corrupt gzip with one line, reads concatenated members whole', async () => {
    const whole = gzipSync('lon,lat,households\n7,51,2\n7.1,51.1,3\n');
    const dir = tempDir();
    const cut = join(dir, 'cut.csv.gz');
    writeFileSync(cut, whole.subarray(0, whole.length - 12));
    await expect(readHouseholds(cut)).rejects.toThrow(
      /cut\.csv\.gz: not a valid gzip file \(unexpected end of file\)$/,
    );
    const garbage = join(dir, 'garbage.csv.gz');
    writeFileSync(garbage, 'lon,lat\n7,51\n');
    await expect(readHouseholds(garbage, {}, 'csv')).rejects.toThrow(
      /garbage\.csv\.gz: not a valid gzip file/,
    );
    const members = join(dir, 'members.csv.gz');
    writeFileSync(members, Buffer.concat([whole, gzipSync('7.2,51.2,4\n')]));
    expect([...(await readHouseholdsCsv(members, {}, 7)).households.weight]).toEqual([2, 3, 4]);
    const unnamed = join(dir, 'unnamed.csv');
    writeFileSync(unnamed, whole);
    expect((await readHouseholds(unnamed)).households.count).toBe(2);
  });

  it('streams a Zensus grid csv.gz with the same result and the digest of the gzip', async () => {
    const plain = readFileSync(`${ZENSUS}zensus2011-1km.csv`);
    const path = join(tempDir(), 'grid.csv.gz');
    const gz = gzipSync(plain);
    writeFileSync(path, gz);
    const a = await readZensusHouseholds(`${ZENSUS}zensus2011-1km.csv`, {});
    const b = await readZensusHouseholds(path, {});
    expect([...b.households.lon]).toEqual([...a.households.lon]);
    expect([...b.households.weight]).toEqual([...a.households.weight]);
    expect(b.digest.bytes).toBe(gz.length);
  });
});

describe('inputs without a size: /dev/zero, FIFOs', () => {
  it('guards whole-file readers by the bytes read, not the size stat tells (0)', () => {
    expect(() => readInputBytes('/dev/zero', 1 << 20)).toThrow(
      /\/dev\/zero: file is more than 1048576 bytes, more than the 1048576 this reader can hold/,
    );
  });

  it('reads /dev/zero as CSV to a one-line refusal', async () => {
    await expect(readHouseholds('/dev/zero', {}, 'csv')).rejects.toThrow(
      /\/dev\/zero, line 1: record is longer/,
    );
  });

  it('reads a FIFO once: the format sniffed from its first bytes, then the rest', async () => {
    const rows = Array.from({ length: 20_000 }, (_, k) => `7.${k % 10},51.${k % 7},${k % 5}`);
    const read = await readHouseholds(fifoWith(`lon,lat,households\r${rows.join('\r')}\r`));
    expect(read.input.format).toBe('csv');
    expect(read.input.features).toBe(20_000);
    expect(read.input.bytes).toBeGreaterThan(64 * 1024);
    const text = readInputText(fifoWith('{"type":"FeatureCollection","features":[]}'));
    expect(text.text).toBe('{"type":"FeatureCollection","features":[]}');
  });
});
