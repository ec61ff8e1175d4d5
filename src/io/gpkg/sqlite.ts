import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { InputError } from '../../errors.js';

export type Database = BetterSqlite3.Database;

let binding: typeof BetterSqlite3 | undefined;

/**
 * better-sqlite3, loaded on first use: a native module that runs without a GeoPackage need not load.
 * It is an optional dependency (compiled on install): where it did not build, only GeoPackage fails.
 */
function sqlite(): typeof BetterSqlite3 {
  if (binding) return binding;
  try {
    binding = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  } catch (error) {
    throw new InputError(
      `GeoPackage needs the better-sqlite3 module, which is not installed here (${(error as Error).message.split('\n')[0]})`,
      {
        hint: 'it compiles on npm install with python3, make and g++: install those and run npm ci again, or convert the GeoPackage with ogr2ogr (e.g. to FlatGeobuf)',
      },
    );
  }
  return binding;
}

/** Whether GeoPackage can be read and written here (the optional binding loads). */
export function geoPackageAvailable(): boolean {
  try {
    sqlite();
    return true;
  } catch {
    return false;
  }
}

/** Opens an existing SQLite file read-only; its refusal (not a database, locked) as one line naming it. */
export function openReadOnly(file: string, shownAs = file): Database {
  return sqliteStep(shownAs, () => {
    const db = new (sqlite())(file, { readonly: true, fileMustExist: true });
    // A file that is no SQLite database fails only on its first read: make that happen here.
    db.pragma('schema_version');
    return db;
  });
}

/**
 * Opens (or creates) a SQLite file to write in place: the GeoPackage history. Its refusal (not a
 * database, a folder that does not exist, read-only) as one line naming it.
 */
export function openWritable(file: string, shownAs = file): Database {
  // better-sqlite3 says this with a TypeError of its own: say it as the user's.
  if (!existsSync(dirname(resolve(file))))
    throw new InputError('cannot write the GeoPackage: its folder does not exist', {
      file: shownAs,
      hint: 'create the folder or name a file in an existing one',
    });
  return sqliteStep(
    shownAs,
    () => {
      const db = new (sqlite())(file);
      db.pragma('schema_version');
      return db;
    },
    'write',
  );
}

/** A new in-memory database, to be written out whole with `serialize()`. */
export function openInMemory(): Database {
  return new (sqlite())(':memory:');
}

/** Runs a database step; SQLite's refusal of the file (corrupt, not a database, locked) becomes an InputError. */
export function sqliteStep<T>(file: string, step: () => T, verb: 'read' | 'write' = 'read'): T {
  try {
    return step();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('SQLITE_')) throw error;
    const hint =
      code === 'SQLITE_NOTADB'
        ? verb === 'read'
          ? 'is it a GeoPackage? give the right --…-format'
          : 'it is no SQLite database: name a new file or an existing GeoPackage'
        : code === 'SQLITE_BUSY'
          ? 'another program writes it: try again when it is done'
          : undefined;
    throw new InputError(`cannot ${verb} the GeoPackage (${code}: ${(error as Error).message})`, {
      file,
      ...(hint ? { hint } : {}),
    });
  }
}
