import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';

export interface AnalyzeArgs {
  households: string;
  coverage: string[];
  regions: string;
  out: string;
  regionId: string;
  regionName: string;
  workers?: number;
  force: boolean;
  quiet: boolean;
}

export type Command = { name: 'help' } | { name: 'version' } | { name: 'analyze'; args: AnalyzeArgs };

/** Parses argv (without node and the script); a mistake is an InputError naming the flag. */
export function parseCommand(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { name: 'help' };
  if (argv[0] === '--version' || argv[0] === '-v') return { name: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'analyze')
    throw new InputError(`unknown command ${JSON.stringify(command)}`, { hint: 'run funkatlas --help' });
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        households: { type: 'string' },
        coverage: { type: 'string', multiple: true },
        regions: { type: 'string' },
        out: { type: 'string' },
        'region-id': { type: 'string' },
        'region-name': { type: 'string' },
        workers: { type: 'string' },
        force: { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs explains some mistakes over several lines; the first says what is wrong.
    throw new InputError((error as Error).message.split('\n')[0], { hint: 'run funkatlas --help' });
  }
  for (const flag of ['households', 'coverage', 'regions', 'out'] as const) {
    if (values[flag] === undefined)
      throw new InputError(`missing --${flag}`, { hint: 'run funkatlas --help' });
  }
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = /^\d+$/.test(values.workers as string) ? Number(values.workers) : Number.NaN;
    if (!Number.isInteger(workers) || workers < 0 || workers > 256)
      throw new InputError('--workers must be an integer from 0 to 256', {
        field: '--workers',
        value: values.workers,
      });
  }
  return {
    name: 'analyze',
    args: {
      households: values.households as string,
      coverage: values.coverage as string[],
      regions: values.regions as string,
      out: values.out as string,
      regionId: (values['region-id'] as string | undefined) ?? 'id',
      regionName: (values['region-name'] as string | undefined) ?? 'name',
      workers,
      force: values.force === true,
      quiet: values.quiet === true,
    },
  };
}
