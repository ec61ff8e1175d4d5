import type { Progress } from '../pipeline/progress.js';

/** Where the CLI writes text: process.stdout/stderr, or a test's collector (a TTY gets the bar). */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

const LABELS: Record<Progress['stage'], string> = {
  read: 'reading inputs',
  index: 'indexing',
  'tile-unions': 'coverage unions per tile',
  classify: 'classifying households',
  'coverage-geometry': 'dead zones and areas',
  write: 'writing outputs',
  jobs: 'jobs on the queue',
};

/**
 * Progress on stderr: a redrawn bar on a terminal, a line per stage (start and end) otherwise. Two
 * stages can run at once (classification on the main thread, tile unions on the pool): each start
 * line is written once.
 */
export function progressReporter(stream: TextSink): (p: Progress) => void {
  const begun = new Set<Progress['stage']>();
  let lastDraw = 0;
  const started = Date.now();
  return (p) => {
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    if (stream.isTTY) {
      const now = Date.now();
      if (p.done !== p.total && now - lastDraw < 80) return;
      lastDraw = now;
      const width = 30;
      const filled = p.total > 0 ? Math.round((width * p.done) / p.total) : width;
      stream.write(
        `\r${LABELS[p.stage].padEnd(24)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}  ${elapsed}s${p.note ? `  ${p.note}` : ''}\x1b[K`,
      );
      if (p.done === p.total) stream.write('\n');
      return;
    }
    if (p.stage === 'jobs') {
      // The coordinator says each change (a job done, a retry, the slowest running): one line each.
      stream.write(`${elapsed}s jobs: ${p.done}/${p.total} done${p.note ? `; ${p.note}` : ''}\n`);
      return;
    }
    if (!begun.has(p.stage)) {
      begun.add(p.stage);
      stream.write(`${elapsed}s ${LABELS[p.stage]} …\n`);
    }
    if (p.done === p.total && p.total > 0)
      stream.write(`${elapsed}s ${LABELS[p.stage]}: done (${p.total})\n`);
  };
}
