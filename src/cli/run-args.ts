import { InputError } from '../errors.js';
import { takeQueueFlag } from './queue-args.js';

/** `funkatlas run`'s arguments. */
export interface RunCommand {
  name: 'run';
  scenario: string;
  force: boolean;
  quiet: boolean;
  /** `--queue URL`: every analysis of the scenario as jobs on the queue (`--queue-dir`, `--job-regions`, `--job-mb` as analyze's). */
  queue?: string;
  queueDir?: string;
  jobRegions?: number;
  jobMb?: number;
}

/** `run SCENARIO [--force] [--quiet] [--queue URL [--queue-dir DIR] [--job-regions N] [--job-mb N]]`. */
export function runCommand(given: readonly string[]): RunCommand {
  const { argv, queue } = takeQueueFlag(given);
  const scenarios = argv.filter((a) => !a.startsWith('--'));
  const flags = argv.filter((a) => a.startsWith('--'));
  const unknown = flags.find((f) => f !== '--force' && f !== '--quiet');
  if (unknown !== undefined)
    throw new InputError(
      'run takes a scenario file and --force, --quiet, --queue URL, --queue-dir DIR, --job-regions N, --job-mb N',
      {
        field: unknown,
        hint: 'run funkatlas --help',
      },
    );
  if (scenarios.length !== 1)
    throw new InputError('run takes one scenario file', {
      value: scenarios,
      hint: 'funkatlas run scenario.json',
    });
  return {
    name: 'run',
    scenario: scenarios[0],
    force: flags.includes('--force'),
    quiet: flags.includes('--quiet'),
    ...queue,
  };
}
