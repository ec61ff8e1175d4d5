import { InputError } from '../errors.js';

/**
 * The levels of the Amtlicher Gemeindeschlüssel (AGS) a region key rolls up to, by the digits of
 * its prefix: 2 Land, 3 Regierungsbezirk, 5 Kreis, 8 Gemeinde.
 */
export const ROLLUP_LEVELS = [2, 3, 5, 8] as const;
export type RollupLevel = (typeof ROLLUP_LEVELS)[number];

export const LEVEL_NAMES: Record<RollupLevel, string> = {
  2: 'Land',
  3: 'Regierungsbezirk',
  5: 'Kreis',
  8: 'Gemeinde',
};

/** Key lengths accepted: the 8-digit AGS and the 12-digit Regionalschlüssel (ARS: Gemeindeverband before the Gemeinde). */
const KEY_LENGTHS = [8, 12];

const KEY_HINT =
  'roll-ups need AGS keys (8 digits, e.g. 05111000) or ARS keys (12 digits) as region ids: choose them with --region-id';

/** Where the region ids came from, for the errors: the id property and the regions file. */
export interface KeySource {
  file?: string;
  /** The property the ids were read from (`--region-id`); default `id`. */
  idField?: string;
}

/** Throws an InputError naming the first region whose id is not an AGS/ARS key, or whose length differs from the first's. */
export function checkRegionKeys(ids: readonly string[], source: KeySource = {}): void {
  const where = (id: string, feature: number) => ({
    ...(source.file === undefined ? {} : { file: source.file }),
    feature,
    id,
    field: source.idField ?? 'id',
    value: id,
    hint: KEY_HINT,
  });
  ids.forEach((id, k) => {
    if (!/^[0-9]+$/.test(id) || !KEY_LENGTHS.includes(id.length))
      throw new InputError('region id is not an AGS (8 digits) or ARS (12 digits) key', where(id, k));
    if (id.length !== ids[0].length)
      throw new InputError(
        `region id has ${id.length} digits, the first region's ${ids[0].length}: AGS and ARS keys do not mix`,
        where(id, k),
      );
  });
}

/**
 * The key of the region a key rolls up to at a level: the prefix padded with zeros to the key's
 * length, as AGS writes a Kreis (05111000) or a Land (05000000). Level 8 is the Gemeinde itself:
 * an ARS key names its Gemeinde whole (the Gemeindeverband sits between Kreis and Gemeinde).
 */
export function rollupKey(id: string, level: RollupLevel): string {
  return level === 8 ? id : id.slice(0, level).padEnd(id.length, '0');
}

/** `--rollup 5,2` as levels, coarsest last, each once; an InputError naming the flag and value otherwise. */
export function parseRollupLevels(text: string, flag = '--rollup'): RollupLevel[] {
  const levels = new Set<RollupLevel>();
  for (const part of text.split(',')) {
    const level = Number(part.trim());
    if (!ROLLUP_LEVELS.includes(level as RollupLevel))
      throw new InputError('not an AGS level', {
        file: flag,
        value: part.trim(),
        hint: 'levels are AGS prefix lengths: 2 Land, 3 Regierungsbezirk, 5 Kreis, 8 Gemeinde (e.g. --rollup 5,2)',
      });
    levels.add(level as RollupLevel);
  }
  return [...levels].sort((a, b) => b - a);
}
