import { afterEach, describe, expect, it } from 'vitest';
import { threadFlags } from '../../src/parallel/thread-flags.js';

const saved = process.execArgv;
afterEach(() => {
  Object.defineProperty(process, 'execArgv', { value: saved, configurable: true, writable: true });
});

describe('the node flags a worker thread inherits', () => {
  it.each([
    [['--input-type=module', '-e', 'code'], []],
    [
      ['--input-type', 'module', '--eval', 'code', '--max-old-space-size=4096'],
      ['--max-old-space-size=4096'],
    ],
    [
      ['--import', 'tsx', '-p', '1+1'],
      ['--import', 'tsx'],
    ],
    [['--eval=code', '--enable-source-maps'], ['--enable-source-maps']],
  ])("%j → %j (a script given on the command line is not the thread's)", (argv, flags) => {
    Object.defineProperty(process, 'execArgv', { value: argv, configurable: true, writable: true });
    expect(threadFlags()).toEqual(flags);
  });
});
