import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { InputError } from '../../errors.js';

export type Database = BetterSqlite3.Database;

let binding: typeof BetterSqlite3 | undefined;

/** better-sqlite3, loaded on first use: a native module that runs without a GeoPackage need not load. */
function sqlite(): typeof BetterSqlite3 {
  binding ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return binding;
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

/** A new in-memory database, to be written out whole with `serialize()`. */
export function openInMemory(): Database {
  return new (sqlite())(':memory:');
}

/** Runs a database step; SQLite's refusal of the file (corrupt, not a database, locked) becomes an InputError. */
export function sqliteStep<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('SQLITE_')) throw error;
    const hint =
      code === 'SQLITE_NOTADB'
        ? 'is it a GeoPackage? give the right --…-format'
        : code === 'SQLITE_BUSY'
          ? 'another program writes it: try again when it is done'
          : undefined;
    throw new InputError(`cannot read the GeoPackage (${code}: ${(error as Error).message})`, {
      file,
      ...(hint ? { hint } : {}),
    });
  }
}
