// A private, throw-away Redis for the queue tests (Debian's redis-server): its own temp folder, a
// free TCP port of 127.0.0.1, no persistence; stopped and removed at the end.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** redis-server on the PATH, or null (the tests then skip with a notice). */
export function findRedis(): string | null {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return 'redis-server';
  } catch {
    return null;
  }
}

export interface RedisServer {
  url: string;
  /** Stops the server at once (SIGKILL: as a crashed or unplugged machine). */
  kill(): void;
  stop(): void;
}

export async function startRedis(command: string): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'funkatlas-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    command,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await listening(port);
  const kill = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  return {
    url: `redis://127.0.0.1:${port}/0`,
    kill,
    stop() {
      kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Waits until the port takes connections (redis-server starts in a few ms; 5 s at most). */
async function listening(port: number): Promise<void> {
  const until = Date.now() + 5_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection(port, '127.0.0.1');
      socket.on('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`redis-server did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
