import { describe, expect, it } from 'vitest';
import { startJobServer } from '../../src/parallel/job-thread.js';

describe('a job server', () => {
  it('runs jobs one after another on one thread; a thread that ends mid-job fails that job only', async () => {
    const server = startJobServer<
      { n: number; end?: boolean; throwLater?: boolean; ms?: number },
      { n: number; ran: number }
    >(new URL('./echo-job.ts', import.meta.url));
    try {
      expect(await server.run({ n: 1 })).toEqual({ n: 1, ran: 1 });
      expect(await server.run({ n: 2 })).toEqual({ n: 2, ran: 2 });
      await expect(server.run({ n: 3, end: true })).rejects.toThrow(/job thread ended \(code 3\)/);
      // A new thread: its count starts again.
      expect(await server.run({ n: 4 })).toEqual({ n: 4, ran: 1 });
      // A thread failing with an uncaught exception: its late exit is not the next job's failure.
      await expect(server.run({ n: 5, throwLater: true })).rejects.toThrow(/late failure/);
      expect(await server.run({ n: 6, ms: 300 })).toEqual({ n: 6, ran: 1 });
      expect(await server.run({ n: 7 })).toEqual({ n: 7, ran: 2 });
    } finally {
      await server.stop();
    }
  }, 30_000);
});
