import { InputError } from '../errors.js';
import { nullRecord } from '../model/user-keys.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../pipeline/output-choice.js';

/** The values of the flags that take more than a plain string, each checked with a one-line error. */

/** `--funkloch-cells 100`: the cells' edge in metres. */
export function parseCellSize(text: string): number {
  const size = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(size >= 1 && size <= 100_000))
    throw new InputError("--funkloch-cells takes the cells' edge in metres, from 1 to 100000", {
      field: '--funkloch-cells',
      value: text,
      hint: 'the Mobilfunkpakt counted 100 m cells: --funkloch-cells 100',
    });
  return size;
}

/** `lte=-110`, `5g=-105` (also `lte=-110,5g=-105`) → { lte: -110, '5g': -105 }. */
export function parseThresholds(values: readonly string[] | undefined): Record<string, number> | undefined {
  if (values === undefined) return undefined;
  const thresholds = nullRecord<number>();
  for (const item of values.flatMap((v) => v.split(/[,\s]+/)).filter((v) => v !== '')) {
    const match = /^([A-Za-z0-9_-]+)=(-?\d+(?:\.\d+)?)$/.exec(item);
    if (!match)
      throw new InputError('--threshold must be technology=dBm, e.g. lte=-110', {
        field: '--threshold',
        value: item,
      });
    thresholds[match[1].toLowerCase()] = Number(match[2]);
  }
  return thresholds;
}

/** `--region 05111000,05112000 --region 05113000` → the ids, in the order given, once each. */
export function parseRegionFilter(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const ids = values.flatMap((v) => v.split(',')).map((id) => id.trim());
  if (ids.some((id) => id === ''))
    throw new InputError('--region must list region ids separated by commas', {
      field: '--region',
      value: values.join(','),
      hint: 'e.g. --region 05111000,05112000',
    });
  return [...new Set(ids)];
}

/** `--format geojson,fgb`: the output formats, GeoJSON always among them. */
export function parseOutputFormats(value: string | undefined): OutputFormat[] {
  const formats = new Set<OutputFormat>(['geojson']);
  for (const item of (value ?? 'geojson').split(',').map((v) => v.trim().toLowerCase())) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(item))
      throw new InputError(
        `--format must list ${OUTPUT_FORMATS.join(' and/or ')}, e.g. ${OUTPUT_FORMATS.join(',')}`,
        {
          field: '--format',
          value,
        },
      );
    formats.add(item as OutputFormat);
  }
  return [...formats];
}

/**
 * `--workers -1`: parseArgs takes the -1 for an option and calls the flag "ambiguous"; written as
 * `--workers=-1` it reaches the flag's own check, which says what values it takes.
 */
export function joinNegativeValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const next = args[k + 1];
    if (args[k].startsWith('--') && !args[k].includes('=') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${args[k]}=${next}`);
      k++;
    } else out.push(args[k]);
  }
  return out;
}
