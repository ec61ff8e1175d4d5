import { InputError } from '../errors.js';

/** `run SCENARIO [--force] [--quiet]`. */
/** `funkatlas run`'s arguments. */
export interface RunCommand {
  name: 'run';
  scenario: string;
  force: boolean;
  quiet: boolean;
}

export function runCommand(argv: readonly string[]): RunCommand {
  const scenarios = argv.filter((a) => !a.startsWith('--'));
  const flags = argv.filter((a) => a.startsWith('--'));
  const unknown = flags.find((f) => f !== '--force' && f !== '--quiet');
  if (unknown !== undefined)
    throw new InputError('run takes a scenario file and --force, --quiet', {
      field: unknown,
      hint: 'run funkatlas --help',
    });
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
  };
}
