import { InputError } from '../errors.js';
import type { SkipCounts } from './skipped.js';

/** How many of an input's features `--invalid skip|repair` may drop: a count, or a percentage of them. */
export type SkipLimit = { count: number } | { percent: number };

/** `5` or `'5'` → at most 5 features; `'1%'` or `'0.5 %'` → at most that share of an input's features. */
export function parseSkipLimit(value: number | string, field: string): SkipLimit {
  const text = String(value).trim();
  const match = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(text);
  const number = match ? Number(match[1]) : Number.NaN;
  if (match?.[2] === '%' && number <= 100) return { percent: number };
  if (match && match[2] === '' && Number.isSafeInteger(number)) return { count: number };
  throw new InputError('the skip limit must be a count of features or a percentage from 0 % to 100 %', {
    field,
    value,
    hint: 'e.g. 100 (features per input) or 1% (of each input)',
  });
}

function showSkipLimit(limit: SkipLimit): string {
  return 'count' in limit ? `${limit.count} features` : `${limit.percent} %`;
}

/** Skip reasons that are no data, not bad data (Zensus cells kept secret): no limit, no warning. */
const NO_DATA_REASONS = new Set(['suppressed-value']);

/** Features skipped as invalid: what `--invalid` dropped, not cells without data. */
export function invalidSkips(skipped: SkipCounts | undefined): number {
  let count = 0;
  for (const [reason, n] of Object.entries(skipped?.reasons ?? {}))
    if (!NO_DATA_REASONS.has(reason)) count += n;
  return count;
}

/** The reason most features were skipped for, with their number. */
export function mainSkipReason(skipped: SkipCounts, invalidOnly = false): [string, number] {
  let main: [string, number] = ['invalid', 0];
  for (const [reason, n] of Object.entries(skipped.reasons))
    if (n > main[1] && !(invalidOnly && NO_DATA_REASONS.has(reason))) main = [reason, n];
  return main;
}

/**
 * Refuses an input that lost every feature (nothing is left to analyse), or more invalid ones than
 * `maxSkipped`: a run on what little is left would look like a result.
 */
export function checkSkipLimit(
  path: string,
  features: number,
  skipped: SkipCounts | undefined,
  maxSkipped: number | string | undefined,
): void {
  const limit = maxSkipped === undefined ? undefined : parseSkipLimit(maxSkipped, 'read.maxSkipped');
  const all = Object.values(skipped?.reasons ?? {}).reduce((sum, n) => sum + n, 0);
  if (skipped === undefined || all === 0) return;
  const count = invalidSkips(skipped);
  const everything = all >= features;
  const beyond =
    limit !== undefined && ('count' in limit ? count > limit.count : count * 100 > limit.percent * features);
  if (!everything && !beyond) return;
  const [reason, n] = mainSkipReason(skipped, !everything);
  const problem = everything
    ? `every feature was skipped (${all} of ${features}), most for ${reason} (${n})`
    : `${count} of ${features} features skipped as invalid, more than the limit of ${showSkipLimit(limit as SkipLimit)}; most for ${reason} (${n})`;
  throw new InputError(problem, {
    file: path,
    hint: !everything
      ? 'fix the input, or allow more with read.maxSkipped'
      : NO_DATA_REASONS.has(reason)
        ? 'no cell of it has a value: is it the right file?'
        : 'nothing of it is left to analyse: run with read.invalid fail to see the first error',
    code: 'too-many-skipped',
  });
}
