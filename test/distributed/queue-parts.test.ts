import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { parseWorkerArgs } from '../../src/cli/queue-args.js';
import { contentKey, decodePartial, encodePartial } from '../../src/distributed/partial-codec.js';
import { regionGroups } from '../../src/distributed/region-groups.js';
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
  it('cuts the regions analysed into contiguous runs, by size or into one per worker', () => {
    expect(regionGroups([0, 1, 2, 3, 4], 2, 1)).toEqual([[0, 1], [2, 3], [4]]);
    expect(regionGroups([0, 2, 5], undefined, 2)).toEqual([[0, 2], [5]]);
    expect(regionGroups([0, 1], undefined, 8)).toEqual([[0], [1]]);
    expect(regionGroups([], undefined, 3)).toEqual([[]]);
  });

  it('with the regions’ boxes, groups regions that lie together, each group in file order', () => {
    // Four regions in a row, west to east, listed out of order: 0 and 2 are the west pair.
    const box = (x: number): [number, number, number, number] => [x, 50, x + 1, 51];
    const boxes = [box(0), box(2), box(1), box(3)];
    expect(regionGroups([0, 1, 2, 3], 2, 1, boxes)).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(regionGroups([0, 1, 2, 3], 2, 1, [box(0), null, box(1), box(3)])).toEqual([
      [0, 2],
      [1, 3],
    ]);
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
      ]),
    ).toMatchObject({ name: 'run', queue: 'redis://h/0', queueDir: '/shared/q', jobRegions: 4 });
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
