import type { RunProfile } from '../pipeline/stage-profile.js';

/** `--profile`: each stage's wall time and each thread's busy share in it, for stderr. */
export function profileText(profile: RunProfile): string {
  const threads = profile.threads.map((t) => (t === 'this thread' ? 'analysis thread' : t));
  const total = profile.stages.reduce((sum, s) => sum + s.wall_ms, 0);
  const busy = (b: number, wall: number) => `${((100 * b) / Math.max(1e-9, wall)).toFixed(0)} %`.padStart(16);
  const lines = [
    `funkatlas: where the time went (busy share of each thread; the outputs' writing not included)`,
    `  ${'stage'.padEnd(40)}${'ms'.padStart(8)}${threads.map((t) => t.padStart(16)).join('')}`,
    ...profile.stages.map(
      (s) =>
        `  ${s.stage.padEnd(40)}${s.wall_ms.toFixed(0).padStart(8)}${s.busy_ms.map((b) => busy(b, s.wall_ms)).join('')}`,
    ),
    `  ${'whole analysis'.padEnd(40)}${total.toFixed(0).padStart(8)}${threads
      .map((_, k) =>
        busy(
          profile.stages.reduce((sum, s) => sum + (s.busy_ms[k] ?? 0), 0),
          total,
        ),
      )
      .join('')}`,
  ];
  return lines.join('\n');
}
