// A private, throw-away PostgreSQL server for the history tests (as scripts/postgis/check.sh starts
// one): initdb in a temp folder, on a free TCP port of 127.0.0.1, stopped and removed at the end.

import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest PostgreSQL's bin folder with PostGIS beside it (Debian's layout), or null. */
export function findPostgres(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions)
    if (existsSync(`/usr/share/postgresql/${v}/extension/postgis.control`)) return join(root, v, 'bin');
  return null;
}

export interface PostgresServer {
  port: number;
  /** A URL for `database` as the superuser `postgres` (trust authentication, no password). */
  url(database: string): string;
  /** Runs SQL in `database` with psql; its output, rows as `a|b`. */
  sql(database: string, statement: string): string;
  stop(): void;
}

/** PostgreSQL refuses to run as root: then the server runs as Debian's `postgres` user. */
const asPostgres = (command: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

export async function startPostgres(bin: string): Promise<PostgresServer> {
  const work = mkdtempSync(join(tmpdir(), 'funkatlas-history-'));
  const data = join(work, 'data');
  if (process.getuid?.() === 0) {
    const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(work, Number(ids), Number(gid));
  }
  chmodSync(work, 0o700);
  const run = (command: string, args: string[]) => {
    const [c, a] = asPostgres(join(bin, command), args);
    return execFileSync(c, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const options = [
    '-c listen_addresses=127.0.0.1',
    `-c port=${port}`,
    `-c unix_socket_directories=${work}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c shared_buffers=32MB',
    // A backend notices within 100 ms that its client died mid-statement, and rolls back (the kill test).
    '-c client_connection_check_interval=100ms',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-l', join(work, 'postgres.log'), '-w', '-s', 'start', '-o', options]);
  const sql = (database: string, statement: string) =>
    execFileSync(
      join(bin, 'psql'),
      [
        '-X',
        '-q',
        '-At',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-d',
        database,
        '-c',
        statement,
      ],
      { encoding: 'utf8' },
    ).trim();
  return {
    port,
    url: (database) => `postgresql://postgres:not-the-password@127.0.0.1:${port}/${database}`,
    sql,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  };
}

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}
