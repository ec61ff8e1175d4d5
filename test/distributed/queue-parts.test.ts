import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { parseWorkerArgs } from '../../src/cli/queue-args.js';
import { contentKey, decodePartial, encodePartial } from '../../src/distributed/partial-codec.js';
import { shareCount, spatialOrder } from '../../src/distributed/region-groups.js';
import { shareGroups } from '../../src/pipeline/share-groups.js';
import { runCliProcess } from '../cli/run-cli.js';
import { HAND, tempDir } from '../helpers.js';

describe('a job file', () => {
  it('keeps every bit of its typed arrays (-0, NaN, subnormals) and their types', () => {
    const value = {
      rows: Float64Array.of(-0, Number.NaN, 5e-324, 0.1 + 0.2, 2 ** 53 - 1),
      region: Int32Array.of(-1, 7),
      weight: Uint32Array.of(0xffffffff),
      nested: [{ rings: [Float64Array.of(7.000000000000001, 51)] }],
    };
    const back = decodePartial<typeof value>(Buffer.concat(encodePartial(value)));
    expect(back.rows).toBeInstanceOf(Float64Array);
    expect(Object.is(back.rows[0], -0)).toBe(true);
    expect(Buffer.from(back.rows.buffer)).toEqual(Buffer.from(value.rows.buffer));
    expect(back.region).toEqual(value.region);
    expect(back.weight).toEqual(value.weight);
    expect(back.nested[0].rings[0]).toEqual(value.nested[0].rings[0]);
  });

  it('is named by its spec whatever the order of its keys', () => {
    expect(contentKey({ a: 1, b: [2, { c: 3, d: 4 }] })).toBe(contentKey({ b: [2, { d: 4, c: 3 }], a: 1 }));
    expect(contentKey({ a: 1 })).not.toBe(contentKey({ a: 2 }));
  });
});

describe('region groups', () => {
  it('cuts the regions analysed into as many shares as asked, by size or one per worker', () => {
    expect(shareCount(5, 2, 1)).toBe(3);
    expect(shareCount(3, undefined, 2)).toBe(2);
    expect(shareCount(2, undefined, 8)).toBe(2);
    expect(shareCount(4, undefined, 0)).toBe(1);
    expect(shareCount(0, undefined, 3)).toBe(1);
  });

  it('orders the regions as they lie together, those without a box last', () => {
    // Four regions in a row, west to east, listed out of order.
    const box = (x: number): [number, number, number, number] => [x, 50, x + 1, 51];
    const order = spatialOrder([0, 1, 2, 3], [box(0), box(2), box(1), box(3)]);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    // The west pair (0 at x 0, 2 at x 1) together, then the east pair, or the other way round.
    expect([new Set(order.slice(0, 2)), new Set(order.slice(2))]).toContainEqual(new Set([0, 2]));
    expect(spatialOrder([0, 1, 2, 3], [box(0), null, box(1), box(3)]).at(-1)).toBe(1);
  });

  it('cuts the order into groups of about equal household points, each in file order, none empty', () => {
    const points = [100, 0, 0, 0, 100, 0, 100, 0];
    // Work 300 points + 8 × 9.375: the towns 0, 4 and 6 each in a group of its own (128, 119, 128).
    expect(shareGroups([0, 1, 2, 3, 4, 5, 6, 7], points, 3)).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6, 7],
    ]);
    expect(shareGroups([3, 2, 1, 0], [0, 0, 0, 0], 4)).toEqual([[3], [2], [1], [0]]);
    expect(shareGroups([5, 1, 9], [0, 7, 0, 0, 0, 0, 0, 0, 0, 3], 2)).toEqual([[1, 5], [9]]);
    expect(shareGroups([], [], 3)).toEqual([[]]);
    // No households at all: every region weighs the same.
    expect(shareGroups([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], new Array(10).fill(0), 3)).toEqual([
      [0, 1, 2],
      [3, 4, 5, 6],
      [7, 8, 9],
    ]);
    for (let count = 1; count <= 8; count++) {
      const groups = shareGroups([7, 6, 5, 4, 3, 2, 1, 0], points, count);
      expect(groups).toHaveLength(count);
      expect(groups.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      for (const g of groups) expect(g.length).toBeGreaterThan(0);
    }
  });
});

describe('queue flags', () => {
  const analyze = [
    'analyze',
    '--households',
    'h.csv',
    '--coverage',
    'c.geojson',
    '--regions',
    'r.geojson',
    '--out',
    'o',
  ];

  it.each([
    [[...analyze, '--queue', 'http://x:1/0'], /--queue: .*redis:\/\/ or rediss:\/\//],
    [[...analyze, '--queue', 'redis://x:1/zero'], /at most a database number/],
    [[...analyze, '--job-regions', '3'], /--job-regions applies with --queue/],
    [
      [...analyze, '--queue', 'redis://x:1/0', '--job-regions', '0'],
      /--job-regions must be an integer of at least 1/,
    ],
    [['run', 's.json', '--queue', 'nope'], /not a URL/],
    [[...analyze, '--job-mb', '4'], /--job-mb applies with --queue/],
    [[...analyze, '--queue', 'redis://x:1/0', '--job-mb', '0'], /--job-mb must be a number above 0/],
    [[...analyze, '--queue', 'redis://x:1/0', '--job-mb', 'abc'], /--job-mb must be a number above 0/],
  ])('refuses %j with one line naming the flag', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(message);
  });

  it('takes --queue, --queue-dir, --job-regions for analyze and --queue for run', () => {
    const command = parseCommand([
      ...analyze,
      '--queue',
      'redis://h:6379/2',
      '--queue-dir',
      'q',
      '--job-regions',
      '5',
    ]);
    expect(command.name === 'analyze' && command.args).toMatchObject({
      queue: 'redis://h:6379/2',
      queueDir: 'q',
      jobRegions: 5,
    });
    expect(parseCommand(['run', 's.json', '--queue', 'redis://h/0', '--quiet'])).toMatchObject({
      name: 'run',
      scenario: 's.json',
      quiet: true,
      queue: 'redis://h/0',
    });
    expect(
      parseCommand([
        'run',
        's.json',
        '--queue',
        'redis://h/0',
        '--queue-dir',
        '/shared/q',
        '--job-regions',
        '4',
        '--job-mb',
        '0.5',
      ]),
    ).toMatchObject({ name: 'run', queue: 'redis://h/0', queueDir: '/shared/q', jobRegions: 4, jobMb: 0.5 });
    expect(() => parseCommand(['run', 's.json', '--queue-dir', '/shared/q'])).toThrow(
      '--queue-dir applies with --queue',
    );
  });

  it('parses the worker command', () => {
    expect(parseWorkerArgs(['--queue', 'redis://h:1/0', '--workers', '2', '--lock-seconds', '5'])).toEqual({
      queue: 'redis://h:1/0',
      workers: 2,
      lockSeconds: 5,
      quiet: false,
    });
    expect(() => parseWorkerArgs([])).toThrow(/missing --queue/);
    expect(() => parseWorkerArgs(['--queue', 'redis://h/0', '--bogus'])).toThrow(/bogus/);
  });
});

describe('a queue that cannot be reached', () => {
  it('fails the coordinator and a worker with one line naming it, exit 1, no outputs', () => {
    const out = tempDir();
    const inputs = ['households', 'coverage', 'regions'].flatMap((r) => [`--${r}`, `${HAND}${r}.geojson`]);
    const analyze = runCliProcess(['analyze', ...inputs, '--out', out, '--queue', 'redis://127.0.0.1:1/0']);
    expect(analyze.code).toBe(1);
    expect(analyze.stderr).toBe(
      'funkatlas: cannot reach the queue at redis://127.0.0.1:1/0: connect ECONNREFUSED 127.0.0.1:1\n',
    );
    const worker = runCliProcess(['worker', '--queue', 'redis://127.0.0.1:1/0']);
    expect(worker.code).toBe(1);
    expect(worker.stderr).toMatch(
      /^funkatlas: cannot reach the queue at redis:\/\/127\.0\.0\.1:1\/0: connect ECONNREFUSED/,
    );
  });
});
