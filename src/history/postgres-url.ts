import { InputError } from '../errors.js';

/** Whether a --history target is a PostgreSQL connection URL. */
export const isPostgresUrl = (target: string): boolean => /^postgres(?:ql)?:\/\//i.test(target);

/** The URL as shown to the user: user, host, port and database, never the password or other parameters. */
export function shownUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@').replace(/\?.*$/, '');
  }
  const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
  // A socket folder given as ?host=/run/postgresql is where the server is: shown, unlike the rest of the query.
  const socket = u.searchParams.get('host');
  return `${u.protocol}//${user}${u.host}${u.pathname}${socket ? `?host=${socket}` : ''}`;
}

/** Errors of the network or the server that mean "could not connect", by their code. */
const CONNECT_CODES: Record<string, string> = {
  '28P01': 'password authentication failed',
  '28000': 'not allowed to connect',
  '3D000': 'no such database',
};

/** A failure to connect as one line naming the URL without its password, with the reason. */
export function connectError(url: string, error: unknown): InputError {
  const e = error as { code?: string; message?: string };
  const reason =
    (e.code && CONNECT_CODES[e.code]) ??
    (e.code && /^E[A-Z]+$/.test(e.code) ? e.code : undefined) ??
    (/timeout/i.test(e.message ?? '') ? 'timed out' : (e.message ?? String(error)));
  return new InputError(`cannot connect to ${shownUrl(url)} (${reason})`, {
    hint: 'check the host, port, database and user, and that the server is running',
  });
}

/** The server refused a statement (permissions, a full disk, a lock wait): one line, with its SQLSTATE. */
export function serverError(url: string, error: unknown): InputError {
  const e = error as { code?: string; message?: string };
  return new InputError(`${e.message ?? String(error)}${e.code ? ` (SQLSTATE ${e.code})` : ''}`, {
    file: shownUrl(url),
  });
}

/** Whether an error came from the server (a SQLSTATE and a severity) or the connection (not from our code). */
export function isDatabaseError(error: unknown): boolean {
  const e = error as { code?: unknown; severity?: unknown; message?: string } | null;
  if (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string')
    return true;
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return true;
  return /^Connection terminated/.test(e?.message ?? '');
}
