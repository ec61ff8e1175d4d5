import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { writeMapImage } from '../report/map-image-write.js';
import { MAP_METRICS } from '../report/metrics.js';
import type { TextSink } from './progress-reporter.js';
import { parseReportFlags } from './report-args.js';

export const MAP_USAGE = `funkatlas map RUN_DIR --image FILE.svg|FILE.png [--metric ${MAP_METRICS.join('|')}] [--lang en|de] [--min-households K] [--force]`;

/** `funkatlas map RUN_DIR --image map.svg`: the report's choropleth of a finished run, as one image. */
export async function mapCommand(argv: readonly string[], io: { stdout: TextSink }): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new InputError((error as Error).message.split('\n')[0], { hint: `usage: ${MAP_USAGE}` });
  }
  const { values, positionals, tokens } = parsed;
  const names = tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : []));
  const twice = names.find((name, k) => names.indexOf(name) !== k);
  if (twice !== undefined)
    throw new InputError(`--${twice} is given more than once`, { field: `--${twice}`, hint: 'give it once' });
  if (positionals.length !== 1)
    throw new InputError('map takes one run folder', { value: positionals, hint: `usage: ${MAP_USAGE}` });
  if (values.image === undefined) throw new InputError('missing --image', { hint: `usage: ${MAP_USAGE}` });
  const metric = values.metric ?? 'share_5g';
  if (!(MAP_METRICS as readonly string[]).includes(metric))
    throw new InputError(`--metric must be one of ${MAP_METRICS.join(', ')}`, {
      field: '--metric',
      value: metric,
    });
  const report = parseReportFlags(values);
  const written = await writeMapImage(positionals[0], values.image, {
    metric,
    ...(report === false ? {} : report),
    force: values.force === true,
  });
  io.stdout.write(`Wrote ${written}\n`);
  return 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      image: { type: 'string' },
      metric: { type: 'string' },
      lang: { type: 'string' },
      'min-households': { type: 'string' },
      force: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
    tokens: true,
  });
}
