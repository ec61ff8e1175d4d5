import { InputError, isInputError } from '../errors.js';
import type { HistoryRows } from '../history/history-rows.js';
import type { HistoryStore, HistoryWriteReport } from '../history/history-store.js';
import { type HistoryTarget, parseHistoryTarget } from '../history/history-target.js';
import type { SnapshotInput } from '../pipeline/options.js';
import type { CliIo } from './cli-io.js';
import { forCli } from './flag-names.js';

/**
 * Writes the run's history after its outputs: one line saying what it did, or an error saying the
 * outputs were written but the history was not (an InputError, exit code 2, when it is the user's or the server's).
 */
export async function writeRunHistory(
  store: HistoryStore,
  rows: HistoryRows,
  { force, out }: { force: boolean; out: string },
  io: CliIo,
): Promise<void> {
  let report: HistoryWriteReport;
  try {
    report = await store.write(rows, { force });
  } catch (error) {
    const state = `the outputs in ${out} were written, but the history was not`;
    if (isInputError(error)) throw new InputError(`${state}: ${forCli(error).message}`);
    const bug = new Error(`${state}: ${(error as Error)?.message ?? String(error)}`);
    bug.stack = `${bug.message}\n${(error as Error)?.stack ?? ''}`;
    throw bug;
  }
  io.stdout.write(`${historyLine(store.target, report)}\n`);
}

/** `history: 2 snapshots written to postgresql://… (1 new, 1 rewritten from the same coverage)`. */
function historyLine(target: string, r: HistoryWriteReport): string {
  const n = r.added.length + r.rewritten.length + r.replaced.length;
  const parts = [
    ...(r.added.length > 0 ? [`${r.added.length} new`] : []),
    ...(r.rewritten.length > 0 ? [`${r.rewritten.length} rewritten from the same coverage`] : []),
    ...(r.replaced.length > 0 ? [`${r.replaced.join(', ')} replaced (--force)`] : []),
  ];
  return `history: ${n} snapshot${n === 1 ? '' : 's'} written to ${target} (${parts.join(', ')})`;
}

/** `--history`: a target outside --out, for a run of dated snapshots (a history is a series of dates). */
export function parseHistory(
  value: string | undefined,
  out: string,
  snapshots: readonly SnapshotInput[] | undefined,
): HistoryTarget | undefined {
  if (value === undefined) return undefined;
  const target = parseHistoryTarget(value, out, '--history');
  if (!snapshots)
    throw new InputError('--history needs dated snapshots', {
      field: '--history',
      hint: 'give each coverage file its date: --coverage YYYY-MM-DD=PATH',
    });
  return target;
}
