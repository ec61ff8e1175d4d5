import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { diffRuns, writeDiff } from '../pipeline/diff-runs.js';
import { isSnapshotDate } from '../tracking/dead-zone-matching.js';
import { diffText } from './diff-text.js';
import type { TextSink } from './progress-reporter.js';

export const DIFF_USAGE = 'funkatlas diff OLD_DIR NEW_DIR [--out DIR] [--force] [--dates OLD,NEW]';

/** `funkatlas diff OLD_DIR NEW_DIR`: prints what changed; with --out, writes diff.json and dead-zone-changes.geojson. */
export async function diffCommand(argv: readonly string[], io: { stdout: TextSink }): Promise<number> {
  const { oldDir, newDir, out, force, dates } = parseDiffArgs(argv);
  const result = await diffRuns(oldDir, newDir, dates ? { dates } : {});
  const written = out === undefined ? [] : writeDiff(out, result, force);
  io.stdout.write(`${diffText(result, written)}\n`);
  return 0;
}

interface DiffArgs {
  oldDir: string;
  newDir: string;
  out?: string;
  force: boolean;
  dates?: [string, string];
}

function parseDiffArgs(argv: readonly string[]): DiffArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new InputError((error as Error).message.split('\n')[0], { hint: `usage: ${DIFF_USAGE}` });
  }
  const { values, positionals, tokens } = parsed;
  // parseArgs keeps the last of a flag given twice: refused, as `analyze` does.
  const names = tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : []));
  const twice = names.find((name, k) => names.indexOf(name) !== k);
  if (twice !== undefined)
    throw new InputError(`--${twice} is given more than once`, { field: `--${twice}`, hint: 'give it once' });
  if (positionals.length !== 2)
    throw new InputError('diff takes two run folders, the old one first', {
      value: positionals,
      hint: `usage: ${DIFF_USAGE}`,
    });
  if (values.force && values.out === undefined)
    throw new InputError('--force applies with --out', { field: '--force', hint: `usage: ${DIFF_USAGE}` });
  let dates: [string, string] | undefined;
  if (values.dates !== undefined) {
    const parts = values.dates.split(',').map((d) => d.trim());
    if (parts.length !== 2 || !parts.every(isSnapshotDate) || parts[1] <= parts[0])
      throw new InputError(
        "--dates must be two dates, the old run's before the new one's: YYYY-MM-DD,YYYY-MM-DD",
        {
          field: '--dates',
          value: values.dates,
        },
      );
    dates = [parts[0], parts[1]];
  }
  return {
    oldDir: positionals[0],
    newDir: positionals[1],
    out: values.out,
    force: values.force === true,
    dates,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: { out: { type: 'string' }, force: { type: 'boolean' }, dates: { type: 'string' } },
    strict: true,
    allowPositionals: true,
    tokens: true,
  });
}
