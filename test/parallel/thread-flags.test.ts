import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { threadFlags } from '../../src/parallel/thread-flags.js';
import { JOB_BUNDLE } from '../bundle-job.js';
import { HAND, tempDir } from '../helpers.js';

describe('the node flags a worker thread is given', () => {
  it.each([
    [['--max-old-space-size=4096', '--expose-gc'], undefined],
    [['--import', 'tsx'], undefined],
    [['--input-type=module', '-e', 'code'], []],
    [['--input-type', 'module', '--eval', 'code', '--max-old-space-size=4096'], []],
    [
      ['--import', 'tsx', '-p', '1+1', '--stack-size=2000'],
      ['--import', 'tsx'],
    ],
    [
      ['--eval=code', '--enable-source-maps', '--conditions', 'dev'],
      ['--enable-source-maps', '--conditions', 'dev'],
    ],
  ])('%j → %j (inherited unless a script came on the command line)', (argv, flags) => {
    expect(threadFlags(argv)).toEqual(flags);
  });

  // The built CLI starts a job thread and a pool worker: each failed under these before.
  const cli = new URL('main.js', JOB_BUNDLE).pathname;
  const hand = ['--households', `${HAND}households.geojson`, '--coverage', `${HAND}coverage.geojson`];
  it.each([
    [['--max-old-space-size=2048', '--stack-size=2000', cli]],
    [
      [
        '--input-type=module',
        '-e',
        `process.argv.splice(1, 0, ${JSON.stringify(cli)}); await import(${JSON.stringify(cli)});`,
      ],
    ],
  ])('node %j: the CLI threads start', (nodeArgs) => {
    const out = `${tempDir()}/out`;
    const run = spawnSync(
      process.execPath,
      [
        ...nodeArgs,
        'analyze',
        ...hand,
        '--regions',
        `${HAND}regions.geojson`,
        '--out',
        out,
        '--quiet',
        '--workers',
        '1',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(`${out}/summary.json`)).toBe(true);
  });
});
