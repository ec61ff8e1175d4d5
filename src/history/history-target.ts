import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { GeoPackageHistory } from './gpkg-history.js';
import type { HistoryStore } from './history-store.js';
import { PostgresHistory } from './postgres-history.js';
import { isPostgresUrl } from './postgres-url.js';

/** Where a history goes: a PostgreSQL URL or a GeoPackage file. */
export type HistoryTarget = { kind: 'postgresql'; url: string } | { kind: 'gpkg'; path: string };

/**
 * `postgresql://…` / `postgres://…`, or a path ending in .gpkg that is not inside `outDir` (whose
 * files a run replaces); anything else is refused naming `field`.
 */
export function parseHistoryTarget(value: string, outDir: string, field = 'history'): HistoryTarget {
  if (isPostgresUrl(value)) return { kind: 'postgresql', url: value };
  if (!/\.gpkg$/i.test(value))
    throw new InputError('a history is a postgresql:// URL or a .gpkg file', {
      field,
      value,
      hint: 'e.g. postgresql://user@host:5432/database or history.gpkg',
    });
  const inside = relative(resolve(outDir), resolve(value));
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))
    throw new InputError(
      'the history file must not be inside the output folder, whose files a run replaces',
      {
        field,
        value,
        hint: `put it beside the folder, e.g. ${resolve(outDir, '..', 'history.gpkg')}`,
      },
    );
  if (!existsSync(dirname(resolve(value))))
    throw new InputError("the history file's folder does not exist", {
      field,
      value,
      hint: 'create the folder or name a file in an existing one',
    });
  return { kind: 'gpkg', path: value };
}

/** The store for a target: both keep the same rows (history-rows.ts). */
export function openHistory(target: HistoryTarget): HistoryStore {
  return target.kind === 'postgresql' ? new PostgresHistory(target.url) : new GeoPackageHistory(target.path);
}
