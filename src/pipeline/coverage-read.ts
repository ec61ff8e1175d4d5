import { type CoverageRead, readCoverage } from '../io/coverage.js';
import { namedReadOptions, readOptionsFor } from '../io/read-options.js';
import type { ReadCoverageResult } from '../parallel/messages.js';
import type { RunTask } from '../parallel/scheduler.js';
import type { PreparedOptions } from './options.js';

/**
 * Reads the coverage with `run` (on the pool, while this thread reads the regions and households).
 * A CRS object the caller built, which its name does not give back, keeps the read on this thread.
 */
export async function readCoverageWith(
  run: RunTask,
  options: PreparedOptions,
  paths: readonly string[],
): Promise<CoverageRead> {
  const read = readOptionsFor(options.read, 'coverage');
  const named = namedReadOptions(read);
  if (!named) return readCoverage(paths, read, options.coverageFormat);
  const done = await run<ReadCoverageResult>({
    kind: 'read-coverage',
    paths,
    read: named,
    ...(options.coverageFormat === undefined ? {} : { format: options.coverageFormat }),
  });
  return done.read;
}
